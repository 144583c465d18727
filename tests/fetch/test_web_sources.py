"""The Sources page: what was polled, its last poll, new articles and error lines; escaped; read-only."""
from __future__ import annotations

from fastapi.testclient import TestClient

from conftest import new_store_url
from site_fixture import settings, site  # noqa: F401  (fixtures)
from letopis.fetch.client import Fetcher
from letopis.ingest.harvest import Target
from letopis.kb import KnowledgeBase
from letopis.web import create_app


def test_sources_page_lists_polls_and_errors(site, settings, tmp_path):
    url = new_store_url("sqlite", tmp_path)
    kb = KnowledgeBase(url)
    empty = TestClient(create_app(kb)).get("/sources")
    assert empty.status_code == 200 and "Источников нет" in empty.text
    with Fetcher(settings) as fetcher:
        harvest = kb.harvest(fetcher, workers=0)
        harvest.poll(Target("feed", site.base + "/atom.xml", name="<script>alert(1)</script> Атом"))
        harvest.poll(Target("pages", "urls", urls=[site.base + "/missing.html"]))
        harvest.poll(Target("feed", site.base + "/garbage.xml"))
    page = TestClient(create_app(KnowledgeBase(url, read_only=True))).get("/sources")
    assert page.status_code == 200
    html = page.text
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; Атом" in html
    assert f'href="{site.base}/atom.xml"' in html and "новых 3" in html  # the Atom feed's 3 pages are new
    assert f"{site.base}/missing.html</span>: HTTP 404 Not Found" in html
    assert "источник не прочитан: not a readable feed" in html
    assert html.index("garbage.xml") < html.index("atom.xml")  # the latest polled first
    assert '<a href="/sources">' in TestClient(create_app(kb)).get("/").text
