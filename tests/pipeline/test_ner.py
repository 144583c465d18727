"""NER on the reference article and on short real-text sentences."""
from __future__ import annotations

import pytest

from letopis.article import Article


@pytest.fixture(scope="module")
def spans_of(pipeline):
    from letopis.pipeline import Pipeline

    small = Pipeline(pipeline.models, ["segment", "ner", "normalize"])

    def run(text):
        return [(s.type, s.text) for s in small.doc(Article(title="", text=text)).spans]
    return run


def test_headline_surname_found_by_document_consistency(sample_card):
    tokaev = next(e for e in sample_card.entities if e.name == "Касым-Жомарт Токаев")
    title = [m for m in tokaev.mentions if m.field == "title"]
    assert [m.text for m in title] == ["Токаев"]


def test_akorda_is_an_organization(sample_card):
    akorda = next(e for e in sample_card.entities if e.mentions[0].text == "Акорду")
    assert akorda.type == "ORG" and akorda.name == "Акорда"


def test_no_promo_entities(sample_card):
    assert not any(m.text == "Telegram" for e in sample_card.entities for m in e.mentions)


def test_brackets_split_names(spans_of):
    spans = spans_of("Директор Комитета защиты журналистов (КЗЖ) Джоэл Саймон (Joel Simon) заявил об этом.")
    assert ("PER", "Джоэл Саймон") in spans and ("PER", "Joel Simon") in spans
    assert ("ORG", "КЗЖ") in spans


def test_legal_form_outside_the_name(spans_of):
    spans = spans_of("Акционеры ОАО «Газпром» одобрили сделку.")
    assert ("ORG", "Газпром") in spans


def test_european_union_is_an_organization(spans_of):
    spans = spans_of("Страны ЕС и Европейского союза обсудили санкции в Брюсселе.")
    assert ("ORG", "ЕС") in spans and ("ORG", "Европейского союза") in spans


def test_org_name_runs_through_pri_modifier(spans_of):
    spans = spans_of("Об этом сообщили в Следственном комитете при прокуратуре России.")
    assert any(t == "ORG" and text.startswith("Следственном комитете при прокуратуре") for t, text in spans)


def test_common_abbreviation_is_not_an_org(spans_of):
    assert not any(text == "СМИ" for _, text in spans_of("Об этом сообщили СМИ в понедельник."))


# Junk: words that name nothing (sentences of rt_ng corpus records outside the real sample's check half)

def test_sentence_initial_common_words_are_no_names(spans_of):
    text = ("Отвечая на вопрос «НГ», какие могут быть последствия вчерашнего задержания для Саркози, "
            "Рубинский предположил, что это чисто юридическая проблема. "
            "Крупнейшие авиапромышленные компании мира в последние годы имеют в своем арсенале "
            "несколько беспилотных систем. Единогласно проголосовали депутаты.")
    found = {t for _, t in spans_of(text)}
    assert not found & {"Отвечая", "Крупнейшие", "Единогласно"}
    assert {"Саркози", "Рубинский"} <= found


def test_capitalised_word_recurring_inside_sentences_stays_a_name(spans_of):
    found = spans_of("Пелл прилетел в Рим. Суд над кардиналом Пеллом начался в Мельбурне.")
    assert ("PER", "Пелл") in found


def test_hashtag_is_no_organization(spans_of):
    found = spans_of("Роналду поздравил болельщиков.\n#HalaMadrid\n pic.twitter.com/abc")
    assert not any(t == "HalaMadrid" for _, t in found)


def test_place_adjective_opening_a_sentence_is_no_place(spans_of):
    found = spans_of("Украинский закон планируется применять уже с этого года. Его принял парламент Украины.")
    assert not any(t == "Украинский" for _, t in found)
    assert ("LOC", "Украины") in found


def test_pronoun_is_no_person(spans_of):
    found = spans_of("Книгу написал Наум Ним. Им было сложно.")
    assert not any(t == "Им" for _, t in found)


def test_abbreviation_of_a_common_noun_phrase_is_no_organization(spans_of):
    found = spans_of("КПД газоперекачивающих агрегатов (ГПА) в северном коридоре в два раза выше. "
                     "Новые ГПА поставит «Газпром».")
    assert not any(t == "ГПА" for _, t in found)


# Organisations

def test_territorial_body_is_one_organization(spans_of):
    found = spans_of("Об этом сообщили в среду в пресс-службе ГУ МВД России по региону.")
    assert ("ORG", "ГУ МВД России по региону") in found
    found = spans_of("Главное управление МЧС по Новосибирской области сообщило о пожаре.")
    assert ("ORG", "Главное управление МЧС по Новосибирской области") in found


def test_lower_case_unit_noun_stays_outside(spans_of):
    found = spans_of("В региональном управлении ФСБ сообщили о задержании.")
    assert ("ORG", "ФСБ") in found


def test_sentence_initial_common_word_is_cut_off_a_person(spans_of):
    """ng corpus: "Разъяренный Ленин…", "Кардинал Мартини представлял точку зрения…"."""
    found = spans_of("Кардинал Мартини представлял точку зрения Католической церкви. Разъяренный Ленин писал письма.")
    assert ("PER", "Мартини") in found and ("PER", "Ленин") in found
    assert not any(t.startswith(("Кардинал", "Разъяренный")) for _, t in found)
