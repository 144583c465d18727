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


# --- URLs holding a second absolute URL (rt_ng.jsonl.gz records) ---------------------------

def test_doubled_site_prefix_is_repaired():
    """42 of 300 RT records carry `https://russian.rt.comhttps://russian.rt.com/...`: the source
    was `russian.rt.comhttps`; the inner URL is the article's address."""
    url = "https://russian.rt.comhttps://russian.rt.com/article/325459-minoborony-kitaya-evropeiskaya-pro"
    (article,) = read_string(record(url=url), fmt="jsonl")
    assert article.url == "https://russian.rt.com/article/325459-minoborony-kitaya-evropeiskaya-pro"
    assert article.source == "russian.rt.com"


def test_amp_proxy_url_gives_the_article_url_and_its_date():
    """`amp.ng.ru/?p=<url>` wraps the www.ng.ru address: its date, rubric and site are read from it."""
    url = "https://amp.ng.ru/?p=http://www.ng.ru/world/2018-03-21/6_7194_london.html"
    (article,) = read_string(record(url=url), fmt="jsonl")
    assert (article.url, article.source, article.rubric, article.published) == (
        "http://www.ng.ru/world/2018-03-21/6_7194_london.html", "ng.ru", "world", "2018-03-21")


def test_url_with_one_scheme_is_unchanged():
    (article,) = read_string(record(url="https://example.ru/news/?ref=https-promo"), fmt="jsonl")
    assert article.url == "https://example.ru/news/?ref=https-promo"
