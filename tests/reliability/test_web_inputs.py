"""Hostile input to the HTTP API, the store queries and the export: LIKE
wildcards, CSV formulas, oversized and nested bodies, malformed URLs."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from conftest import new_store_url
from letopis.kb import KnowledgeBase
from letopis.web import create_app

PERCENT = ("Цены на газ в Москве выросли на 5% за месяц\n"
           "Опубликовано: 2 июля 2024\n"
           "Президент России Владимир Путин провёл совещание в Москве. Цены выросли на 5% за месяц.\n")


@pytest.fixture(scope="module")
def client(web_kb):
    return TestClient(create_app(web_kb))


# --- 1. `%` and `_` are literal characters, never LIKE wildcards ---
@pytest.mark.parametrize("key", ["%", "_", "%25", "__", "%20%", "% %"])
def test_wildcard_entity_keys_find_nothing(client, key):
    response = client.get(f"/api/entities/{key}")
    assert response.status_code == 404, response.text
    assert response.json()["ok"] is False


@pytest.mark.parametrize("q", ["%", "_", "%%", "_%_"])
def test_wildcard_title_filter_matches_nothing(client, q):
    assert client.get("/api/articles").json()["total"] > 0
    body = client.get("/api/articles", params={"q": q}).json()
    assert body["total"] == 0 and body["items"] == []


@pytest.mark.parametrize("q", ["%", "_"])
def test_wildcard_entity_filter_matches_nothing(client, q):
    body = client.get("/api/entities", params={"q": q}).json()
    assert body["total"] == 0 and body["items"] == []


def test_plain_filters_still_work(client):
    assert client.get("/api/entities/Путин").status_code == 200
    assert client.get("/api/articles", params={"q": "Токаев"}).json()["total"] >= 1


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def percent_kb(request, tmp_path_factory):
    root = tmp_path_factory.mktemp("percent")
    (root / "percent.txt").write_text(PERCENT, encoding="utf-8")
    base = KnowledgeBase(new_store_url(request.param, root))
    summary = base.ingest([str(root / "percent.txt")], workers=0, progress=False)
    assert summary["failed"] == [] and summary["new"] == 1
    yield base
    base.close()


def test_like_patterns_are_escaped_on_both_backends(percent_kb):
    kb = percent_kb
    assert kb.articles(q="5%")["total"] == 1  # a literal % still matches itself
    assert kb.articles(q="5_")["total"] == 0  # `_` is not "any character"
    assert kb.articles(q="на 5% за")["total"] == 1
    assert kb.articles(q="на%за")["total"] == 0  # `%` is not "anything"
    assert kb.articles(q="%")["total"] == 1  # the title does hold a %
    assert kb.articles(q="_")["total"] == 0
    assert kb.entity("Путин") is not None
    for key in ["%", "_", "% %", "%тин", "П_тин", "_утин"]:
        assert kb.entity(key) is None, key
    assert kb.entities(q="%")["total"] == 0
