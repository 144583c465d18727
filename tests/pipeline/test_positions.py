"""The positions stage: post phrases, their normal form, place/org and holder."""
from __future__ import annotations

import pytest

from letopis.article import Article


@pytest.fixture(scope="session")
def positions_of(pipeline):
    def run(text: str) -> tuple[list[dict], object]:
        doc = pipeline.doc(Article(title="", text=text))
        return doc.positions, doc
    return run


def described(doc, phrase) -> str | None:
    return doc.spans[phrase["person"]].text if phrase["person"] is not None else None


def where_text(doc, phrase) -> str | None:
    if phrase["where_start"] is None:
        return None
    return doc.text[phrase["where_start"]:phrase["where_stop"]]


@pytest.mark.parametrize("text, normal, where, person", [
    ("Президент Казахстана Касым-Жомарт Токаев провел переговоры.", "президент", "Казахстана", "Касым-Жомарт Токаев"),
    ("Токаев выразил соболезнования президенту России Владимиру Путину.", "президент", "России", "Владимиру Путину"),
    ("Указ подписал глава региона Сергей Меликов.", "глава", None, "Сергей Меликов"),
    ("По словам генерального директора компании «Ромашка» Ивана Петрова, спрос растет.", "генеральный директор",
     "Ромашка", "Ивана Петрова"),
    ("Министр иностранных дел Японии Сейдзи Маэхара прибыл в Москву.", "министр иностранных дел", "Японии", "Сейдзи Маэхара"),
    ("Валерий Зорькин, председатель Конституционного суда, высказал сомнения.", "председатель",
     "Конституционного суда", "Валерий Зорькин"),
    ("Как сообщил глава МИД России Сергей Лавров, встреча состоится.", "глава", "МИД", "Сергей Лавров"),
    ("Посол Италии в Грузии Виторио Сандали встретился с коллегами.", "посол", "Италии", "Виторио Сандали"),
])
def test_phrase_normal_where_and_holder(positions_of, text, normal, where, person):
    phrases, doc = positions_of(text)
    phrase = next(p for p in phrases if described(doc, p) == person)
    assert phrase["normal"] == normal
    assert where_text(doc, phrase) == where


def test_generic_dependent_is_a_hint(positions_of):
    phrases, doc = positions_of("Соответствующий указ подписал глава региона Сергей Меликов.")
    assert phrases[0]["where_hint"] == "region"
    assert phrases[0]["where_span"] is None


def test_place_adjective_gives_the_place(positions_of):
    phrases, doc = positions_of("Российский президент Дмитрий Медведев открыл нефтепровод.")
    assert phrases[0]["normal"] == "президент"
    assert phrases[0]["where_name"] == "Россия"
    assert described(doc, phrases[0]) == "Дмитрий Медведев"


def test_listed_posts_share_the_holder(positions_of):
    phrases, doc = positions_of("Среди задержанных оказался депутат муниципального собрания, "
                                "сопредседатель движения «Солидарность» Михаил Вельмакин.")
    assert [described(doc, p) for p in phrases] == ["Михаил Вельмакин", "Михаил Вельмакин"]


def test_former_post(positions_of):
    phrases, doc = positions_of("Об этом заявил бывший глава компании «Ромашка» Артур Перепёлкин.")
    assert phrases[0]["former"] is True
    assert phrases[0]["normal"] == "глава"


def test_copula_links_the_holder(positions_of):
    phrases, doc = positions_of("Вместо Оливера Кана капитаном стал Михаэль Баллак.")
    assert described(doc, phrases[0]) == "Михаэль Баллак"


@pytest.mark.parametrize("text", [
    "Президенты также обменялись мнениями по вопросам развития отношений.",
    "Гачечиладзе стал единым кандидатом в президенты Грузии от оппозиции.",
    "Стороны отметили важность взаимодействия.",
])
def test_no_holder(positions_of, text):
    phrases, doc = positions_of(text)
    assert all(p["person"] is None for p in phrases)


def test_reference_article_positions(sample_doc):
    found = {(p["normal"], where_text(sample_doc, p), described(sample_doc, p)) for p in sample_doc.positions}
    assert ("президент", "Казахстана", "Касым-Жомарт Токаев") in found
    assert ("президент", "России", "Владимиром Путиным") in found
    assert ("глава", None, "Сергей Меликов") in found
