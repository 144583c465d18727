"""A publication date written in the URL's path is used when the record gives none."""
from __future__ import annotations

import json

from letopis.readers import read_string

BODY = "Министр финансов России заявил, что бюджет на следующий год будет принят в срок. Депутаты согласились."


def record(**fields) -> str:
    return json.dumps({"title": "Бюджет примут в срок", "text": BODY, **fields}, ensure_ascii=False)


def test_date_taken_from_a_dated_url_path():
    (article,) = read_string(record(url="http://www.ng.ru/economics/2017-04-18/4_6977_budget.html"), fmt="jsonl")
    assert article.published == "2017-04-18"
    assert article.rubric == "economics"


def test_slash_separated_url_date():
    (article,) = read_string(record(url="https://example.ru/news/2024/06/23/budget/"), fmt="jsonl")
    assert article.published == "2024-06-23"


def test_explicit_date_wins_and_impossible_dates_are_ignored():
    (given,) = read_string(record(url="https://example.ru/2017-04-18/x.html", date="2017-04-19"), fmt="jsonl")
    assert given.published == "2017-04-19"
    (bad,) = read_string(record(url="https://example.ru/2017-13-45/x.html"), fmt="jsonl")
    assert bad.published is None
    (numeric,) = read_string(record(url="https://www.nur.kz/politics/universe/2123160-tokaev/"), fmt="jsonl")
    assert numeric.published is None
