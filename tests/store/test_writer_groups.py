"""The writer's group commit: back-to-back articles share a transaction, yet a failing
article is taken out alone and every other one is stored whole (both backends)."""
from __future__ import annotations

import copy

import pytest
from sqlalchemy import func, select

from letopis.article import Article
from letopis.ingest import worker
from letopis.store import models as m
from letopis.store.engine import open_engine
from letopis.store.writer import Decision, Writer
from test_ingest import counts

TEXTS = [
    ("Форум в Уфе", "В Уфе прошёл форум. Глава Башкирии Радий Хабиров выступил с речью о развитии региона."),
    ("Мост в Казани", "В Казани открыли новый мост через реку Казанку, сообщил мэр Ильсур Метшин."),
    ("Визит в Минск", "Президент России Владимир Путин прибыл в Минск, где встретился с Александром Лукашенко."),
    ("Саммит ШОС", "Касым-Жомарт Токаев провёл переговоры с Владимиром Путиным в Астане на саммите ШОС."),
]


@pytest.fixture(scope="module")
def prepared():
    out = []
    for i, (title, text) in enumerate(TEXTS):
        p = worker.prepare(Article(title=title, text=text, url=f"https://example.org/{i}"))
        assert p["ok"], p
        out.append(p)
    return out


def entity_counts_agree(engine) -> bool:
    """Each corpus entity's article count equals the articles its document entities are in."""
    with engine.connect() as conn:
        stored = dict(conn.execute(select(m.CorpusEntity.id, m.CorpusEntity.articles)).all())
        actual = dict(conn.execute(select(m.DocEntity.corpus_id, func.count(func.distinct(m.DocEntity.article_pk)))
                                   .group_by(m.DocEntity.corpus_id)).all())
    return {i: n for i, n in stored.items() if n} == actual


def test_a_failing_article_in_a_group_is_rolled_back_alone(store_url, prepared):
    engine = open_engine(store_url)
    writer = Writer(engine)
    first, a, c, d = prepared
    writer.write(first, writer.decide(first["url"], first["content_hash"], first["id"]))  # commits alone
    writer.write(a, writer.decide(a["url"], a["content_hash"], a["id"]))  # opens a group
    broken = copy.deepcopy(c)
    broken["card"]["entities"][0]["mentions"][0].pop("stop")  # fails halfway through its statements
    with pytest.raises(KeyError):
        writer.write(broken, writer.decide(broken["url"], broken["content_hash"], broken["id"]))
    clash = dict(d, url="https://example.org/clash", content_hash="0" * 64, id=a["id"])  # a unique id again
    with pytest.raises(Exception):
        writer.write(clash, Decision("new"))
    writer.write(c, writer.decide(c["url"], c["content_hash"], c["id"]))
    writer.flush()
    got = counts(str(engine.url.render_as_string(hide_password=False)))
    assert got["articles"] == got["indexed"] == got["story_links"] == got["articles_with_entities"] == 3
    with engine.connect() as conn:
        urls = set(conn.execute(select(m.Article.url)).scalars())
    assert urls == {first["url"], a["url"], c["url"]}
    assert entity_counts_agree(engine)
    # memory agrees with the store: a fresh writer decides the same
    again = Writer(engine)
    for p in (first, a, c):
        assert again.decide(p["url"], p["content_hash"], p["id"]).action == "skip"
    assert again.decide(d["url"], d["content_hash"], d["id"]).action == "new"
    engine.dispose()


def test_back_to_back_articles_are_committed_by_flush(store_url, prepared):
    engine = open_engine(store_url)
    writer = Writer(engine)
    for p in prepared:
        writer.write(p, writer.decide(p["url"], p["content_hash"], p["id"]))
    writer.flush()
    fresh = Writer(engine)  # what is committed, read back
    assert fresh.n_articles == len(prepared)
    assert all(fresh.decide(p["url"], p["content_hash"], p["id"]).action == "skip" for p in prepared)
    assert entity_counts_agree(engine)
    engine.dispose()
