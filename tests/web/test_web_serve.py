"""`letopis serve`: refuses a missing store with one clear line, documents itself,
and hands uvicorn a read-only app bound to localhost by default.
"""
from __future__ import annotations

from typer.testing import CliRunner

from letopis.cli import app


def test_serve_refuses_a_missing_store(tmp_path):
    missing = tmp_path / "nothing.db"
    result = CliRunner().invoke(app, ["serve", "--db", str(missing)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        f"Error: {missing}: no such store; create it first with: letopis ingest examples/ --db {missing}")
    assert not missing.exists()  # nothing was created


def test_serve_help_has_an_example():
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "Example: letopis serve --db letopis.db" in result.output
    assert "127.0.0.1" in result.output


def test_serve_runs_uvicorn_read_only_on_localhost(monkeypatch, web_db):
    seen = {}

    def fake_run(asgi_app, host, port, log_level):
        seen.update(app=asgi_app, host=host, port=port)

    import uvicorn
    monkeypatch.setattr(uvicorn, "run", fake_run)
    result = CliRunner().invoke(app, ["serve", "--db", str(web_db), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8123)
    assert seen["app"].state.read_only is True
    assert seen["app"].state.kb.stats()["articles"] >= 7


WRITABLE_ARTICLE = (
    "Президент Казахстана Касым-Жомарт Токаев провел переговоры в Астане\n"
    "Опубликовано: 3 июля 2024\n"
    "Президент Казахстана Касым-Жомарт Токаев провел переговоры с председателем КНР Си Цзиньпином в Астане.\n"
)


def test_writable_app_ingests_a_posted_article(tmp_path):
    import json

    from fastapi.testclient import TestClient

    from letopis.kb import KnowledgeBase
    from letopis.web import create_app
    app = create_app(KnowledgeBase(str(tmp_path / "w.db")), read_only=False)
    client = TestClient(app, headers={"Authorization": f"Bearer {app.state.write_token}",
                                      "Content-Type": "application/json"})
    title, published, text = WRITABLE_ARTICLE.splitlines()
    article = json.dumps({"title": title, "text": text, "published": "2024-07-03"}, ensure_ascii=False).encode()
    first = client.post("/api/articles", content=article)
    assert first.status_code == 201, first.text
    assert first.json()["summary"]["new"] == 1
    article_id = first.json()["articles"][0]
    card = client.get(f"/api/articles/{article_id}").json()
    assert card["article"]["published"].startswith("2024-07-03")
    assert "Астана" in {e["name"] for e in card["entities"]}
    again = client.post("/api/articles", content=article)
    assert again.status_code == 200 and again.json()["summary"]["new"] == 0
    assert client.get("/api/stats").json()["articles"] == 1  # idempotent
    bad = client.post("/api/articles", content=b"   ")
    assert bad.status_code == 400 and bad.json()["error"].startswith("empty body")
    odd = client.post("/api/articles", content=b"{not json", params={"format": "json"})
    assert odd.status_code == 400 and odd.json()["ok"] is False
    assert client.post("/api/articles", content=b"x", params={"format": "pdf"}).status_code == 400
