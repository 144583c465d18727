"""One source per setting: `letopis serve` resolves the store like every other command."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from letopis import settings
from letopis.cli import app


def fake_uvicorn(monkeypatch) -> dict:
    seen = {}
    import uvicorn
    monkeypatch.setattr(uvicorn, "run", lambda asgi_app, host, port, log_level: seen.update(app=asgi_app))
    return seen


def test_serve_uses_letopis_db_when_no_db_is_given(monkeypatch, web_db):
    seen = fake_uvicorn(monkeypatch)
    monkeypatch.setenv("LETOPIS_DB", str(web_db))
    result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == 0, result.output
    assert f"serving {web_db} " in result.output
    assert seen["app"].state.kb.stats()["articles"] >= 7  # the store named by $LETOPIS_DB, not ./letopis.db


def test_serve_names_a_missing_letopis_db(monkeypatch, tmp_path):
    missing = tmp_path / "from-env.db"
    monkeypatch.setenv("LETOPIS_DB", str(missing))
    result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        f"Error: {missing}: no such store; create it first with: letopis ingest examples/ --db {missing}")


def test_db_option_wins_over_letopis_db(monkeypatch, web_db, tmp_path):
    fake_uvicorn(monkeypatch)
    monkeypatch.setenv("LETOPIS_DB", str(tmp_path / "other.db"))
    result = CliRunner().invoke(app, ["serve", "--db", str(web_db)])
    assert result.exit_code == 0, result.output


def test_database_order(monkeypatch):
    monkeypatch.delenv("LETOPIS_DB", raising=False)
    assert settings.database() == "letopis.db"
    monkeypatch.setenv("LETOPIS_DB", "env.db")
    assert settings.database() == "env.db"
    assert settings.database("given.db") == "given.db"


def test_limits_come_from_settings():
    from letopis.readers import sources
    from letopis.web import params, write
    assert sources.MAX_ARTICLE_BYTES == write.MAX_BODY == settings.MAX_ARTICLE_BYTES
    assert params.MAX_PAGE_SIZE == settings.MAX_PAGE_SIZE < settings.MAX_ROWS


def test_kb_clamps_limit_to_max_rows(tmp_path, monkeypatch):
    from letopis import kb
    monkeypatch.setattr(kb, "MAX_ROWS", 3)
    assert kb._page(10, -5) == (3, 0)


def test_a_read_only_server_opens_the_store_read_only(monkeypatch, web_db):
    """Without --writable the server's store connection refuses writes (a read-only directory serves)."""
    import sqlalchemy
    for flags, read_only in (([], True), (["--writable"], False)):
        seen = fake_uvicorn(monkeypatch)
        result = CliRunner().invoke(app, ["serve", "--db", str(web_db), *flags])
        assert result.exit_code == 0, result.output
        kb = seen["app"].state.kb
        assert kb.read_only is read_only and kb.stats()["articles"] >= 7
        if read_only:
            with pytest.raises(sqlalchemy.exc.OperationalError, match="readonly|read-only|query_only"):
                with kb.engine.begin() as conn:
                    conn.execute(sqlalchemy.text("CREATE TABLE probe (x INTEGER)"))
