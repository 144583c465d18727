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
