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
