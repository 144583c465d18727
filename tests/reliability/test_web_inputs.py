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


# --- 2. one CSV-injection guard for `letopis export --format csv` and /api/events.csv ---
FORMULAS = ["=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)"]


@pytest.fixture(scope="module")
def formula_db(web_db, tmp_path_factory):
    """A copy of the web store whose event places and entity names are spreadsheet formulas."""
    import sqlite3
    path = tmp_path_factory.mktemp("formula") / "formula.db"
    source, target = sqlite3.connect(web_db), sqlite3.connect(path)
    source.backup(target)
    source.close()
    places = [r[0] for r in target.execute(
        "SELECT DISTINCT corpus_id FROM event_entities WHERE role = 'place' ORDER BY corpus_id")]
    assert len(places) >= 1
    for i, corpus_id in enumerate(places):
        target.execute("UPDATE corpus_entities SET name = ? WHERE id = ?", (FORMULAS[i % len(FORMULAS)], corpus_id))
    target.commit()
    target.close()
    return path, len(places)


def assert_no_formula(rows):
    cells = [cell for row in rows for cell in row]
    assert cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    return cells


def test_export_csv_guards_formulas(formula_db, tmp_path):
    import csv

    from typer.testing import CliRunner

    from letopis.cli import app
    path, n_places = formula_db
    for kind in ("entities", "events"):
        out = tmp_path / f"{kind}.csv"
        result = CliRunner().invoke(app, ["export", kind, "--db", str(path), "--format", "csv", "-o", str(out)])
        assert result.exit_code == 0, result.output
        cells = assert_no_formula(csv.reader(out.open(encoding="utf-8", newline="")))
        if kind == "entities":
            for formula in FORMULAS[:n_places]:
                assert "'" + formula in cells  # the name, apostrophe-guarded, otherwise intact


def test_export_and_web_csv_share_one_guard(formula_db):
    import csv
    import io

    from letopis.store.export import formula_safe
    from letopis.web import csvout
    assert [formula_safe(f) for f in FORMULAS] == ["'" + f for f in FORMULAS]
    assert formula_safe("Москва") == "Москва" and formula_safe(-5) == -5 and formula_safe(None) is None
    from letopis.store import export
    assert csvout.write_csv is export.write_csv  # one CSV writer, so one guard
    path, _ = formula_db
    client = TestClient(create_app(KnowledgeBase(str(path))))
    response = client.get("/api/events.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == export.columns("events")
    at = rows[0].index("places")
    places = [row[at] for row in rows[1:] if row[at]]
    assert places and all(p.startswith("'") for p in places)
    assert_no_formula(rows)


# --- 3. POST /api/articles: size known before reading, hostile bodies are 400 ---
@pytest.fixture(scope="module")
def writable_app(tmp_path_factory):
    return create_app(KnowledgeBase(str(tmp_path_factory.mktemp("writable") / "w.db")), read_only=False,
                      token=TOKEN)


TOKEN = "a-test-token-of-some-length"
JSON_AUTH = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}


@pytest.fixture(scope="module")
def writer(writable_app):
    return TestClient(writable_app, raise_server_exceptions=False, headers=JSON_AUTH)


def post_raw(app, headers: list[tuple[bytes, bytes]], chunk: bytes, chunks: int) -> tuple[int, dict, int]:
    """POST /api/articles straight through ASGI: (status, JSON body, how many body chunks the app pulled)."""
    import asyncio
    import json
    pulled, sent = 0, []

    async def receive():
        nonlocal pulled
        if pulled >= chunks:
            return {"type": "http.disconnect"}
        pulled += 1
        return {"type": "http.request", "body": chunk, "more_body": pulled < chunks}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": "/api/articles", "raw_path": b"/api/articles", "query_string": b"",
             "root_path": "", "headers": [(b"host", b"test"), (b"authorization", f"Bearer {TOKEN}".encode()),
                                             (b"content-type", b"application/json"), *headers], "client": ("127.0.0.1", 1),
             "server": ("test", 80)}
    asyncio.run(app(scope, receive, send))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, json.loads(body), pulled


MB = 1024 * 1024


def test_declared_200mb_body_is_413_before_reading(writable_app):
    from letopis.settings import MAX_ARTICLE_BYTES
    size = 200 * MB
    status, body, pulled = post_raw(writable_app, [(b"content-length", str(size).encode())], b"x" * MB, 200)
    assert status == 413 and body["ok"] is False
    assert body["error"] == f"body too large: {size} bytes (the limit is {MAX_ARTICLE_BYTES})"
    assert pulled == 0  # not one byte read


def test_chunked_200mb_body_is_cut_off_at_the_limit(writable_app):
    from letopis.settings import MAX_ARTICLE_BYTES
    status, body, pulled = post_raw(writable_app, [(b"transfer-encoding", b"chunked")], b"x" * MB, 200)
    assert status == 413 and body["ok"] is False
    assert body["error"] == f"body too large: over {MAX_ARTICLE_BYTES} bytes (the limit is {MAX_ARTICLE_BYTES})"
    assert pulled == MAX_ARTICLE_BYTES // MB + 1  # stopped at the first chunk past the limit, not at 200


def test_body_at_the_limit_is_read(writable_app):
    from letopis.settings import MAX_ARTICLE_BYTES
    chunks = MAX_ARTICLE_BYTES // MB
    status, body, pulled = post_raw(writable_app, [(b"transfer-encoding", b"chunked")], b" " * MB, chunks)
    assert (status, pulled) == (400, chunks) and body["error"].startswith("empty body")  # read whole, then judged


def test_bad_content_length_is_400(writable_app):
    status, body, _ = post_raw(writable_app, [(b"content-length", b"12abc")], b"x", 1)
    assert status == 400 and body["error"].startswith("invalid Content-Length")


@pytest.mark.parametrize("fmt", ["json", "jsonl", "auto"])  # the body is JSON (the only type accepted)
@pytest.mark.parametrize("payload", ["[" * 100_000 + "]" * 100_000, '{"a":' * 50_000 + "1" + "}" * 50_000])
def test_deeply_nested_json_is_400(writer, fmt, payload):
    response = writer.post("/api/articles", content=payload.encode(), params={"format": fmt})
    assert response.status_code == 400, response.text
    assert response.json()["ok"] is False and response.json()["status"] == 400
    assert "JSON nested too deeply" in response.json()["error"]


@pytest.mark.parametrize("fmt, payload", [
    ("json", '{"title": "Путин провёл совещание", "text": "Владимир Путин провёл совещание в Москве.", '
             '"url": "http://[::1"}'),
    ("jsonl", '{"title": "Путин провёл совещание", "text": "Владимир Путин провёл совещание в Москве.", '
              '"url": "http://[::1"}\n'),
])
def test_malformed_url_is_400(writer, fmt, payload):
    response = writer.post("/api/articles", content=payload.encode(), params={"format": fmt})
    assert response.status_code == 400, response.text
    assert response.json()["ok"] is False and "IPv6" in response.json()["error"]
    assert writer.get("/api/stats").json()["articles"] == 0  # nothing stored
