"""Fetching ingest into a real store: exact counts, nothing fetched twice, errors by URL, the fetch log."""
from __future__ import annotations

from collections import Counter

import pytest

from conftest import new_store_url
from site_fixture import settings, site  # noqa: F401  (fixtures)
from letopis.fetch.client import Fetcher
from letopis.ingest.harvest import Target
from letopis.kb import KnowledgeBase

STORED = ["/news/1.html", "/news/2.html", "/news/cp1251.html", "/news/3.html", "/news/4.html", "/news/5.html",
          "/news/6.html", "/news/7.html", "/news/8.html", "/news/9.html"]


def article_by_url(kb, url):
    from sqlalchemy import select
    from letopis.store import models as m
    with kb.engine.connect() as conn:
        return conn.execute(select(m.Article).where(m.Article.url == url)).one()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_feeds_and_sitemaps_into_the_store(site, settings, tmp_path, backend):
    kb = KnowledgeBase(new_store_url(backend, tmp_path))
    base = site.base
    problems = []
    with Fetcher(settings) as fetcher:
        harvest = kb.harvest(fetcher, workers=0, threads=2, on_problem=problems.append)
        rss = harvest.poll(Target("feed", base + "/feed.xml"))
        atom = harvest.poll(Target("feed", base + "/atom.xml"))
        sitemap = harvest.poll(Target("sitemap", base + "/sitemap_index.xml"))
        broken = harvest.poll(Target("feed", base + "/broken.xml"))
        garbage = harvest.poll(Target("feed", base + "/garbage.xml"))

    # RSS: 11 distinct links (one listed twice); 4 pages read (one through a redirect chain), 7 refused.
    assert (rss.discovered, rss.known, rss.fetched, rss.new, rss.failed) == (11, 0, 4, 4, 7)
    assert (atom.discovered, atom.known, atom.fetched, atom.new) == (3, 1, 2, 2)  # /news/1.html was in the RSS
    assert (sitemap.discovered, sitemap.known, sitemap.fetched, sitemap.new, sitemap.failed) == (4, 1, 3, 3, 1)
    assert broken.new == 1 and broken.problem is None and "broken XML" in broken.problems[0]
    assert garbage.problem.startswith("not a readable feed") and garbage.discovered == 0
    assert kb.stats()["articles"] == len(STORED) == 10
    assert all(site.hits[path] == 1 for path in STORED), {p: site.hits[p] for p in STORED}

    expected = {"/missing.html": "HTTP 404 Not Found", "/private/secret.html": "disallowed by robots.txt",
                "/slow.html": "timeout after 1 s", "/big.html": "too large: 50.0 MB (the limit is 5.0 MB)",
                "/report.pdf": "not HTML (content type application/pdf)",
                "/sitemap_gone.xml": "HTTP 404 Not Found"}
    for path, problem in expected.items():
        assert f"{base}{path}: {problem}" in problems
    assert any(p.startswith(f"{base}/english.html: not Russian text") for p in problems)
    assert any(p.startswith(f"{base}/garbage.xml: not a readable feed") for p in problems)
    assert site.hits["/private/secret.html"] == 0

    # What the feed or the news sitemap says fills what the page lacks (these pages carry no date).
    assert article_by_url(kb, base + "/news/1.html").published == "2024-06-24T07:00+00:00"
    assert article_by_url(kb, base + "/news/6.html").published == "2024-06-21T09:00+03:00"
    assert article_by_url(kb, base + "/news/3.html").source == "127.0.0.1"  # stored under the final URL

    # A second round fetches nothing stored or finally refused; transient failures are tried again.
    before = Counter(site.hits)
    with Fetcher(settings) as fetcher:
        harvest = kb.harvest(fetcher, workers=0, on_problem=problems.append)
        again = [harvest.poll(Target("feed", base + "/feed.xml")), harvest.poll(Target("feed", base + "/atom.xml")),
                 harvest.poll(Target("sitemap", base + "/sitemap_index.xml"))]
    assert [(r.known, r.fetched, r.new) for r in again] == [(9, 0, 0), (3, 0, 0), (4, 0, 0)]
    assert again[0].failed == 2  # robots.txt and the slow page: transient, so tried again
    assert all(site.hits[path] == before[path] for path in STORED + ["/missing.html", "/big.html", "/report.pdf"])
    assert site.hits["/slow.html"] == before["/slow.html"] + 1

    sources = {s["source"]: s for s in kb.sources()}
    feed = sources[base + "/feed.xml"]
    assert feed["polls"] == 2 and feed["new"] == 4 and feed["kind"] == "feed"
    assert feed["last_poll"]["finished_at"] and feed["last_poll"]["known"] == 9
    assert {e["url"] for e in feed["errors"]} >= {base + "/slow.html", base + "/private/secret.html"}
    assert sources[base + "/garbage.xml"]["errors"][0]["problem"].startswith("not a readable feed")
    assert sources[base + "/garbage.xml"]["failed"] == sources[base + "/garbage.xml"]["failed_polls"] == 1
    assert "broken XML" in sources[base + "/broken.xml"]["errors"][0]["problem"]  # recovered, but logged
    log = kb.fetch_log(base + "/feed.xml", limit=1000)
    assert Counter(row["outcome"] for row in log) == Counter(fetched=5 + 1, error=7 + 2)  # feed fetched twice too


def test_given_urls_are_one_poll_and_not_fetched_again(site, settings, tmp_path):
    kb = KnowledgeBase(new_store_url("sqlite", tmp_path))
    urls = [site.base + "/news/4.html", site.base + "/missing.html", site.base + "/news/4.html"]
    with Fetcher(settings) as fetcher:
        harvest = kb.harvest(fetcher, workers=0)
        first = harvest.poll(Target("pages", "urls", urls=urls))
        second = harvest.poll(Target("pages", "urls", urls=urls))
    assert (first.discovered, first.new, first.failed) == (2, 1, 1)
    assert (second.known, second.fetched) == (2, 0)
    assert site.hits["/news/4.html"] == 1 and site.hits["/missing.html"] == 1


def test_a_store_of_the_previous_schema_is_upgraded(tmp_path):
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, inspect, text
    from letopis.store.engine import MIGRATIONS, open_engine
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    assert "fetch_log" not in inspect(engine).get_table_names()
    engine.dispose()
    engine = open_engine(url)
    assert {"fetch_log", "fetch_polls", "articles"} <= set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0003"  # the head: fetch log (0002) and corpus events (0003)
    engine.dispose()
