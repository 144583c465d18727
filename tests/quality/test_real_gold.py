"""bench/real.py: the real-news gold scorer's arithmetic, and a run on own texts of the gold."""
from __future__ import annotations

import collections

import pytest

from conftest import load_bench_script


@pytest.fixture(scope="module")
def real():
    return load_bench_script("real")


def entity(entity_id, kind, name, *forms):
    from letopis.card import Entity, Mention
    return Entity(id=entity_id, type=kind, name=name, mentions=[Mention(0, len(f), f) for f in forms or (name,)])


GOLD = [{"name": "Сергей Лавров", "type": "PER", "forms": ["Лаврова"]},
        {"name": "Москва", "type": "LOC", "forms": ["Москве"]},
        {"name": "ОДКБ", "type": "ORG", "alt_names": ["Организация Договора о коллективной безопасности"]},
        {"name": "Казахстан", "type": "LOC", "forms": ["Казахстана"]}]
SYSTEM = [entity("e1", "PER", "Сергей Лавров", "Сергей Лавров", "Лаврова"),
          entity("e2", "LOC", "Москв", "Москве"),  # tied by a form, wrong normal form
          entity("e3", "PER", "Отвечая"),  # junk
          entity("e4", "ORG", "Организация Договора о Коллективной безопасности")]  # an accepted name, case-folded


def test_entity_counts_on_a_constructed_case(real):
    counts, errors = collections.Counter(), []
    names = real.score_entities(SYSTEM, {"entities": GOLD}, counts, errors)
    assert (counts["ent_hit"], counts["ent_tp"], counts["ent_pred"], counts["ent_gold"]) == (2, 2, 4, 4)
    assert (counts["junk"], counts["nf_tied"], counts["nf_ok"]) == (1, 3, 2)
    assert names["e2"] == "москва" and names["e3"] == "отвечая"
    assert load_bench_script("real_table").prf(counts, "ent") == ".50/.50/.50"
    assert any("missed LOC 'Казахстан'" in line for line in errors)


def test_an_abbreviation_is_the_normal_form_of_its_expansion(real):
    gold = {"name": "ЕС", "type": "ORG"}
    assert real.right_name(("европейский союз", "ORG"), gold)
    assert real.right_name(("ес", "ORG"), {"name": "Европейский союз", "type": "ORG"})
    assert not real.right_name(("европейский союз", "LOC"), gold)
    assert not real.right_name(("евросоюз", "ORG"), gold)
    assert not real.right_name(("сергей лавров", "PER"), {"name": "СЛ", "type": "PER"})


def test_dates_unknown_year_is_right_only_where_gold_leaves_it_unknown(real):
    assert real.date_right("XXXX-03-12", "XXXX-03-12")
    assert not real.date_right("2023-03-12", "XXXX-03-12")
    assert real.date_right(None, None) and real.date_right("XXXX-03-15", None)
    assert not real.date_right("2023-10-14/2023-10-16", "2024-10-14/2024-10-16")


def test_strict_occupation_and_meeting_counts(real):
    from letopis.morph import shared
    from letopis.records import Meeting, Occupation
    counts, errors = collections.Counter(), []
    names = real.score_entities(SYSTEM, {"entities": GOLD}, counts, errors)
    facts = [Occupation(person="e1", position="министра иностранных дел", where=None, where_name="Россия"),
             Occupation(person="e1", position="посол", where=None, where_name="Россия"),
             Meeting(participants=["e1", "e2"])]
    item = {"occupations": [{"person": "Сергей Лавров", "post": "министр иностранных дел", "org": None,
                             "place": "Россия"}],
            "meetings": [{"participants": ["Москва", "Сергей Лавров"]}]}
    real.score_facts(facts, item, names, shared(), counts, errors)
    assert (counts["occ_tp"], counts["occ_pred"], counts["occ_gold"]) == (1, 2, 1)
    assert (counts["meet_tp"], counts["meet_pred"], counts["meet_gold"]) == (1, 1, 1)


def test_scorer_runs_on_own_texts(real, pipeline):
    items = [i for i in real.load_gold(real.REAL / "annotations") if i["id"] in ("own:01", "own:02")]
    assert len(items) == 2
    counts, errors = real.evaluate(items, pipeline=pipeline, natasha=False)
    total = sum(counts.values(), collections.Counter())
    assert total["articles"] == 2 and total["ent_gold"] == sum(len(i["entities"]) for i in items)
    assert not any(line.startswith("reader:") for lines in errors.values() for line in lines)
    assert total["ent_tp"] >= total["ent_gold"] * 0.6, errors  # the plain names of two short texts
    assert total["date_dated_n"] + total["date_undated_n"] == sum(d["value"] is not None for i in items for d in i["dates"])
    table = real.table(counts, real.CATEGORIES, real.HALVES)
    assert any(line.startswith("own tune") for line in table) and any(line.startswith("all check") for line in table)


def test_a_page_is_cut_after_its_region(real):
    from letopis.article import Article
    article = Article(title="Заголовок", text="Первый абзац о выборах.\nВторой абзац.\nЧитайте также: другое.")
    cut = real.cut(article, {"region_until": "Второй абзац."})
    assert cut.text == "Первый абзац о выборах.\nВторой абзац." and cut.paragraphs == ["Первый абзац о выборах.", "Второй абзац."]
    assert real.cut(article, {}).text == article.text  # short: the whole body is the region


def test_names_inside_a_gold_organisation_or_a_quoted_block_are_not_scored(real):
    gold = [{"name": "Главное управление МВД России по Москве", "type": "ORG", "forms": ["ГУ МВД России по Москве"]},
            {"name": "Реза Зарраб", "type": "PER", "forms": ["Реза Зарраб"]}]
    item = {"entities": gold, "reading": {"body_ok": False, "notes": "photo credit ('Реза Зарраб AFP') in the body"}}
    assert real.unscored(["россии"], ("россия", "LOC"), item) and real.unscored(["гу мвд"], ("гу мвд", "ORG"), item)
    assert not real.unscored(["россии", "россия"], ("россия", "LOC"), item)  # also seen on its own
    assert real.unscored(["afp"], ("afp", "ORG"), item)  # only in the quoted credit
    assert not real.unscored(["тасс"], ("тасс", "ORG"), item)
    assert not real.unscored(["afp"], ("afp", "ORG"), {**item, "reading": {"body_ok": True, "notes": "'AFP'"}})
    counts, errors = collections.Counter(), []
    real.score_dates([], {"published": None, "dates": [{"text": "в 1980-х", "value": None}]}, counts, errors)
    assert counts["date_undated_n"] == 0  # a gold null is not scored


PAGE = """<html><head><title>Пожар на складе в Новосибирске</title>
<meta property="og:url" content="https://example.ru/news/2024/02/14/fire/"></head><body>
<nav><a href="/">Главная</a> <a href="/news">Новости</a></nav>
<article><h1>Пожар на складе в Новосибирске</h1>
<p>Два человека погибли и пятеро пострадали при пожаре на складе в Новосибирске в ночь на среду,
сообщили в Главном управлении МЧС России по Новосибирской области.</p>
<p>Площадь возгорания составила полторы тысячи квадратных метров. На месте работали сорок пожарных
и двенадцать единиц техники, возгорание ликвидировали к утру.</p>
<p>Читайте также: другие новости региона и прогноз погоды на выходные дни для всей области.</p>
</article><footer>© Редакция</footer></body></html>"""


def test_a_saved_page_is_read_through_the_html_reader_and_cut(real, tmp_path, monkeypatch):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "example_1.html").write_text(PAGE, encoding="utf-8")
    monkeypatch.setattr(real, "REAL", tmp_path)
    item = {"id": "page:example_1", "category": "html", "page": "example_1.html", "split": "tune",
            "region_until": "возгорание ликвидировали к утру."}
    article = real.read_item(item, None)
    assert article.title == "Пожар на складе в Новосибирске"
    assert "Два человека погибли" in article.text and article.text.endswith("ликвидировали к утру.")  # cut here
    assert "Читайте также" not in article.text and "Главная" not in article.text
