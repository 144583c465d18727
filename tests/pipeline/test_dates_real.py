"""Dates on real news sentences (issue 10): years from the article's own evidence, plans in the future.

Sentences are quoted short from `../shared/data/corpus/rt_ng.jsonl.gz`
records outside the CHECK split of `bench/data/real/sample.jsonl` (record id
beside each); RT records carry no publication date, NG ones carry their URL's.
"""
from __future__ import annotations

import datetime as real_datetime
from datetime import date

import pytest

from letopis.article import Article
from letopis.pipeline import Pipeline
from letopis.pipeline.dates import resolve as resolve_module
from letopis.pipeline.dates.find import parse_date_text

from conftest import EXAMPLES


@pytest.fixture(scope="module")
def dates_pipeline():
    return Pipeline(stages=["segment", "dates"])


def value_of(mentions, text: str) -> str | None:
    found = [m for m in mentions if m.text == text]
    assert found, [(m.text, m.value) for m in mentions]
    return found[0].value


# ------------------------------------------------------------------ undated: the text's own years

CRYPTO = (  # russia_today_4:0615 (tune), January 2018: the only year named is 2017
    "На торгах в четверг, 18 января, мировые криптовалюты демонстрируют устойчивый рост. "
    "Вечером 17 января биткоин дешевел на 20% и опускался ниже психологически важной отметки $10 тыс. "
    "Напомним, что ещё 7 января данный показатель составлял $832 млрд. "
    "По данным bitcoinity.org, объёмы торгов 16 и 17 января были крупнейшими с 22 декабря 2017 года."
)
BEIJING = (  # russia_today_6:0082, December 2017
    "Первая встреча министров иностранных дел Китая, Афганистана и Пакистана завершилась в Пекине во вторник, "
    "26 декабря. Одновременно со встречей в Пекине министров иностранных дел Китая, Афганистана и Пакистана "
    "26 декабря 2017 года в Исламабаде завершилась встреча председателей парламентов."
)
SYRIA = (  # russia_today_5:0886, December 2017
    "Это условие, в частности, оговорено в соглашении, которое Москва и Дамаск заключили 18 января 2017 года. "
    "Во вторник, 26 декабря, документ был ратифицирован Советом Федерации."
)
NATO = "В четверг, 29 июня, в Брюсселе пройдёт встреча министров обороны стран — членов НАТО."  # russia_today_6:0589 (tune)


def test_weekday_takes_the_year_of_a_full_date_later_in_the_article():
    """The issue's case: "во вторник, 26 декабря" beside "26 декабря 2017 года" is 2017, not 2023."""
    mentions = parse_date_text(BEIJING)
    assert value_of(mentions, "во вторник, 26 декабря") == "2017-12-26"


def test_weekday_takes_a_year_the_article_names_earlier():
    mentions = parse_date_text(SYRIA)
    sunday = next(m for m in mentions if m.text.startswith("Во вторник"))
    assert sunday.value == "2017-12-26" and sunday.extra == {"year_inferred": "weekday"}


def test_weekday_fixes_the_articles_present_and_its_other_dates_follow():
    """Only 2017 is named; Thursday 18 January is 2018 (the year after), and the article's
    other January days are counted back from it."""
    mentions = parse_date_text(CRYPTO)
    assert value_of(mentions, "в четверг, 18 января") == "2018-01-18"
    assert value_of(mentions, "17 января") == "2018-01-17"
    assert value_of(mentions, "7 января") == "2018-01-07"


def test_same_sentences_through_the_pipeline(dates_pipeline):
    """The stage on a Doc (slovnet tags) agrees with the bare-string path."""
    card = dates_pipeline(Article("", CRYPTO + "\n" + BEIJING))
    values = {d.text: d.value for d in card.dates}
    assert values["в четверг, 18 января"] == "2018-01-18"
    assert values["во вторник, 26 декабря"] == "2017-12-26"


class FrozenDate(real_datetime.date):
    """A `date` whose today() is far from any year the texts name."""

    @classmethod
    def today(cls):
        return cls(2031, 5, 5)


@pytest.mark.parametrize("text", [NATO, "Напомним, в воскресенье, 23 июня, группа вооруженных людей обстреляла "
                                        "синагогу и церковь в Дербенте (Дагестан)."])
def test_no_year_evidence_leaves_the_year_unknown_whatever_today_is(text, monkeypatch):
    """A weekday alone never picks a year: unknown, and the same whatever the wall clock says."""
    runs = [[(m.text, m.value, m.extra) for m in parse_date_text(text, today=today)]
            for today in (None, date(2017, 6, 1), date(2025, 6, 30), date(2040, 1, 1))]
    monkeypatch.setattr(resolve_module, "date", FrozenDate)
    runs.append([(m.text, m.value, m.extra) for m in parse_date_text(text)])
    assert all(run == runs[0] for run in runs), runs
    (weekday_date,) = [item for item in runs[0] if item[1]]
    assert weekday_date[1].startswith("XXXX-") and weekday_date[2] == {"year_known": False}


SIGNED = "25 ноября президент России Владимир Путин подписал закон о СМИ-иноагентах."  # russia_today_1:0002


def test_a_full_date_nearby_lends_its_year_only_if_it_is_the_articles_latest():
    """A yearless date borrows a nearby full date's year when that year is the latest the text
    names (or the one before), never a historical one (the frames are written for the test)."""
    recent = "Закон о СМИ приняли 27 декабря 1991 года. Поправки внесли 15 ноября 2017 года. " + SIGNED
    assert value_of(parse_date_text(recent), "25 ноября") == "2017-11-25"
    historical = "Закон о СМИ приняли 27 декабря 1991 года. В 2017 году его изменили. " + SIGNED
    assert value_of(parse_date_text(historical), "25 ноября") == "XXXX-11-25"


# ------------------------------------------------------------------ dated: future plans and the nearest occurrence


@pytest.mark.parametrize("published, text, expression, expected", [
    # ng_0:0096 (tune): a decision to hold a congress; 21 April is ahead of 28 February
    ("2018-02-28", "Гагаузские депутаты приняли решение провести по теме объединения Молдавии с Румынией съезд "
                   "депутатов всех уровней после пасхальных праздников - 21 апреля.", "21 апреля", "2018-04-21"),
    # ng_1:0811 (tune): present tense of a scheduled event, nearest occurrence
    ("2018-03-21", "Так, 25 мая в ЕС вступает в действие закон, предполагающий введение штрафных мер.",
     "25 мая", "2018-05-25"),
    # ng_0:0051 (tune): "намеченные" under a past verb: the talks of last week
    ("2018-03-12", "В ответ Россия отменила намеченные на 6–7 марта стратегические переговоры с США в Вене.",
     "6–7 марта", "2018-03-06/2018-03-07"),
    # ng_1:0626 (tune): a congress planned for four days before the issue
    ("2008-03-11", "Как сообщил СМИ ингушский правозащитник Магомед Хазбиев, в связи с запланированным на 7 марта "
                   "Пятым чрезвычайным съездом ингушского народа, в Назрань были введены дополнительные силы.",
     "7 марта", "2008-03-07"),
])
def test_planned_and_scheduled_dates(published, text, expression, expected):
    assert value_of(parse_date_text(text, published), expression) == expected


@pytest.mark.parametrize("published, text, expected", [
    # ng_0:0417: hopes to come in May (published in March) -> this May
    ("2018-03-12", "Он также отметил, что надеется приехать в Россию в мае с официальным визитом.", "2018-05"),
    # ng_0:0021: plans to take the canton in May -> this May
    ("2018-03-16", "Турция планирует захватить этот сирийский кантон в мае, а затем, вполне возможно, бросит "
                   "свои силы на Манбидж.", "2018-05"),
    # ng_0:0678: a call in May, past tense, published in March -> last May
    ("2018-03-20", "Еще в мае ей позвонили по новому проекту, она знала, что получится.", "2017-05"),
])
def test_may_seen_from_march_follows_the_tense(published, text, expected):
    (may,) = [m for m in parse_date_text(text, published) if "мае" in m.text]
    assert may.value == expected


def test_the_issues_examples_through_the_pipeline(dates_pipeline):
    """Bundled examples 002 (published 13 March: "посетить Бишкек в мае") and 008 (10 September:
    "договорились провести … 14–16 октября") get this year's May and October, not last year's."""
    from letopis.readers import read

    cards = [dates_pipeline(article) for path in sorted(EXAMPLES.iterdir()) for article in read(path)]
    values = {(d.text, (card.article.published or "")[:10]): d.value for card in cards for d in card.dates}
    assert values[("в мае", "2024-03-13")] == "2024-05"
    assert values[("14–16 октября", "2024-09-10")] == "2024-10-14/2024-10-16"


# ------------------------------------------------------------------ "с.г." (сего года)


def test_this_year_abbreviation_in_a_dated_article():
    # ng_0:0934 (tune)
    text = "При этом, по его словам, 12 февраля с.г., в его день рождения, ему позвонил знакомый сотрудник ФСБ."
    (mention,) = parse_date_text(text, "2018-03-15")
    assert (mention.text, mention.value) == ("12 февраля с.г.", "2018-02-12")


def test_this_year_abbreviation_in_a_dated_article_month():
    # ng_1:0887: proposed in March to hold a summit in April of this year
    text = "Ким Чен Ын предложил провести в апреле с.г. первый с 2007 года межкорейский саммит глав государств."
    assert value_of(parse_date_text(text, "2018-03-16"), "в апреле с.г.") == "2018-04"


def test_this_year_abbreviation_without_a_date_needs_the_texts_present():
    # russia_today_1:0117 (no publication date): "с.г." alone cannot say which year ...
    text = ("«Факты говорят о том, что фрегат ВМС США «USS Taylor» вошел в Черное море 5 февраля, а убыл "
            "в Средиземное море 9 марта с.г., что на 11 суток превысило максимально допустимый срок.")
    assert value_of(parse_date_text(text), "9 марта с.г.") == "XXXX-03-09"
    # ... a weekday date the text's years confirm fixes its present (Monday 12 March 2018)
    dated = "В 2018 году учения продолжились. В понедельник, 12 марта, об этом сообщили в Минобороны. " + text
    assert value_of(parse_date_text(dated), "9 марта с.г.") == "2018-03-09"
