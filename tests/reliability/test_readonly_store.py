"""A store that cannot be written (read-only folder or file) can still be queried:
read-only commands open SQLite with mode=ro and write nothing, not even migrations."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from typer.testing import CliRunner

from letopis.cli import app
from letopis.errors import StoreError
from letopis.kb import KnowledgeBase
from letopis.store import engine as store_engine

ARTICLE = ("Путин провёл совещание в Москве\n"
           "Опубликовано: 2 июля 2024\n"
           "Президент России Владимир Путин провёл совещание в Москве по вопросам экономики.\n")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    root = tmp_path_factory.mktemp("ro")
    (root / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = root / "ro.db"
    with KnowledgeBase(str(db)) as kb:
        assert kb.ingest([str(root / "a.txt")], workers=0, progress=False)["new"] == 1
    return db


def refuse_writes(monkeypatch):
    """Make every writable open fail as it does in a read-only folder."""
    def readonly(*_args, **_kwargs):
        raise OperationalError("PRAGMA journal_mode=WAL", {}, Exception("attempt to write a readonly database"))
    monkeypatch.setattr(store_engine, "upgrade", readonly)
    real = store_engine._pragmas

    def pragmas(*names):  # a writing connection's pragmas fail; a read-only one's work
        return readonly if set(names) & set(store_engine.WRITE_PRAGMAS) else real(*names)
    monkeypatch.setattr(store_engine, "_pragmas", pragmas)


def test_read_only_connection_really_refuses_writes(store):
    before = store.read_bytes()
    with KnowledgeBase(str(store), read_only=True) as kb:
        assert kb.stats()["articles"] == 1
        assert kb.search("совещание")["total"] == 1
        with pytest.raises(OperationalError, match="readonly|read-only|query_only|attempt to write"):
            with kb.engine.begin() as conn:
                conn.execute(text("CREATE TABLE intruder (a INTEGER)"))
        with pytest.raises(StoreError, match="read-only"):
            kb.ingest([str(store)], workers=0, progress=False)
    assert store.read_bytes() == before
    with KnowledgeBase(str(store)) as kb:  # a writable open is still one
        with kb.engine.begin() as conn:
            conn.execute(text("CREATE TEMP TABLE scratch (a INTEGER)"))


def test_read_only_folder_opens_immutable(store, monkeypatch):
    monkeypatch.setattr(store_engine, "_writable", lambda _folder: False)  # as a non-root user sees it
    uri = store_engine._read_only_uri(str(store))
    assert uri.startswith("file:") and "mode=ro" in uri and "immutable=1" in uri
    with KnowledgeBase(str(store), read_only=True) as kb:
        assert kb.stats()["articles"] == 1


def test_read_only_open_of_a_missing_store_creates_nothing(tmp_path):
    with pytest.raises(StoreError, match="no such file"):
        KnowledgeBase(str(tmp_path / "missing.db"), read_only=True)
    assert list(tmp_path.iterdir()) == []


def test_read_only_open_of_an_old_store_is_a_clear_error(store, tmp_path):
    import shutil
    import sqlite3
    old = tmp_path / "old.db"
    shutil.copy(store, old)
    with sqlite3.connect(old) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'older'")
    with pytest.raises(StoreError, match="needs an upgrade"):
        KnowledgeBase(str(old), read_only=True)


@pytest.mark.parametrize("args", [["stats", "--json"], ["search", "совещание", "--json"],
                                  ["entity", "Путин", "--json"], ["events", "--json"], ["stories", "--json"],
                                  ["export", "entities", "--format", "csv"]])
def test_query_commands_never_write(store, monkeypatch, args):
    refuse_writes(monkeypatch)
    result = CliRunner().invoke(app, [*args, "--db", str(store)])
    assert result.exit_code == 0, result.output
    assert "readonly" not in result.output
    if args[0] == "stats":
        assert json.loads(result.output)["stats"]["articles"] == 1


def test_ingest_still_opens_for_writing(store, monkeypatch):
    refuse_writes(monkeypatch)
    result = CliRunner().invoke(app, ["ingest", str(store.parent / "a.txt"), "--db", str(store), "--workers", "0",
                                      "--no-progress"])
    assert result.exit_code != 0 and "readonly" in result.output


def test_query_commands_on_a_missing_store_say_so_and_create_nothing(tmp_path):
    from typer.testing import CliRunner
    from letopis.cli import app
    missing = tmp_path / "none.db"
    for command in (["stats"], ["search", "теракт"], ["events"], ["stories"]):
        result = CliRunner().invoke(app, [*command, "--db", str(missing)])
        assert result.exit_code == 1, (command, result.output)
        assert result.output.strip().splitlines()[-1] == (
            f"Error: no knowledge base at {missing}: run `letopis ingest` first (no such file)"), command
        assert not missing.exists()
