"""Dates stage: the hand-written gold list, the reference article, the helpers."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from letopis.article import Article
from letopis.pipeline import Pipeline
from letopis.pipeline.dates.find import dates_in, doc_span, parse_date_text

from conftest import load_bench_script

dates_eval = load_bench_script("dates_eval")
GOLD_TODAY, judge, load_gold = dates_eval.GOLD_TODAY, dates_eval.judge, dates_eval.load_gold

GOLD = Path(__file__).resolve().parents[1] / "data" / "dates_gold.tsv"
GOLD_ITEMS = load_gold(GOLD)


@pytest.fixture(scope="session")
def dates_pipeline():
    """Only what the dates stage needs (segmentation), so other stages can't break these tests."""
    return Pipeline(stages=["segment", "dates"])


def _id(item) -> str:
    return f"{item.line}-{item.category}-{item.expression}"


def test_gold_is_big_and_varied():
    categories = {item.category for item in GOLD_ITEMS}
    assert len(GOLD_ITEMS) >= 150
    assert {"absolute", "list", "range", "relative", "year-inference", "negative"} <= categories


@pytest.mark.parametrize("item", GOLD_ITEMS, ids=_id)
def test_gold_expression(item):
    mentions = parse_date_text(item.context, item.anchor, today=GOLD_TODAY)
    verdict = judge(item, mentions)
    assert verdict.ok, (f"{item.expression!r} in {item.context!r}: expected {item.value} {item.precision}, "
                        f"got {verdict.got_text!r} {verdict.got_value} {verdict.got_precision}")


def test_reference_article_dates(dates_pipeline, sample_article):
    """23 June and 24, 25, 26 June found; the article has no date and names no year, so no year is invented.

    (Issue 10: a weekday alone used to pick the year from the wall clock; the
    text here supports no year, so "Sunday 23 June" stays XXXX-06-23.)
    """
    card = dates_pipeline(sample_article)
    values = [d.value for d in card.dates]
    for value in ("XXXX-06-23", "XXXX-06-24", "XXXX-06-25", "XXXX-06-26"):
        assert values.count(value) == 1, values
    for mention in card.dates:
        source = sample_article.title if mention.field == "title" else sample_article.text
        assert source[mention.start:mention.stop] == mention.text
    sunday = next(d for d in card.dates if d.value == "XXXX-06-23")
    assert "23 июня" in sunday.text and sunday.extra == {"year_known": False}
    assert [d.text for d in card.dates if d.value in ("XXXX-06-24", "XXXX-06-25")] == ["24", "25"]
    today = next(d for d in card.dates if d.text == "Сегодня утром")
    assert today.value is None and today.precision == "unknown"  # no publication date to count from


def test_reference_article_with_its_year_resolves(dates_pipeline, sample_article):
    """The same article published on 24 June 2024: the weekday and the list take that year."""
    article = Article(sample_article.title, sample_article.text, published="2024-06-24")
    values = [d.value for d in dates_pipeline(article).dates if not d.extra.get("relative")]
    for value in ("2024-06-23", "2024-06-24", "2024-06-25", "2024-06-26"):
        assert values.count(value) == 1, values


def test_publication_date_anchors_relative_dates(dates_pipeline):
    article = Article("Взрыв в Махачкале", "Сегодня утром в городе прогремел взрыв. Вчера там прошли учения.",
                      published="2024-06-24T09:30:00+03:00")
    card = dates_pipeline(article)
    assert [(d.text, d.value) for d in card.dates] == [("Сегодня утром", "2024-06-24"), ("Вчера", "2024-06-23")]
    assert card.dates[0].extra == {"relative": True, "part_of_day": "morning", "anchor": "2024-06-24"}


def test_title_dates_get_title_field(dates_pipeline):
    article = Article("Траур объявлен с 24 по 26 июня 2024 года", "Указ подписан вчера.", published="2024-06-24")
    card = dates_pipeline(article)
    title = next(d for d in card.dates if d.field == "title")
    assert article.title[title.start:title.stop] == title.text == "с 24 по 26 июня 2024 года"
    assert title.value == "2024-06-24/2024-06-26" and title.precision == "period"
    assert card.as_json()["dates"][0]["field"] == "title"


def test_dates_in_finds_dates_of_a_sentence(dates_pipeline):
    article = Article("", "Теракт произошел 23 июня 2024 года. Траур продлится 24 и 25 июня 2024 года.")
    doc = dates_pipeline.doc(article)
    second = doc.sents[1]
    found = dates_in(doc, second.start, second.stop)
    assert [d.value for d in found] == ["2024-06-24", "2024-06-25"]
    assert all(second.start <= doc_span(doc, d)[0] < second.stop for d in found)


def test_unknown_year_is_marked():
    (mention,) = parse_date_text("1 сентября ученики пошли в школу.", None, today=date(2025, 6, 30))
    assert mention.value == "XXXX-09-01" and mention.extra == {"year_known": False}


def test_weekday_that_contradicts_explicit_year_is_flagged():
    (mention,) = parse_date_text("В понедельник, 23 июня 2024 года, шел дождь.")
    assert mention.value == "2024-06-23" and mention.extra.get("weekday_mismatch") is True


def test_bad_input_is_a_clear_error():
    with pytest.raises(TypeError, match="expects a str"):
        parse_date_text(None)
    assert parse_date_text("Вчера", anchor="not a date")[0].value is None
