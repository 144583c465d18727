"""Item 7: a full disk or a read-only store ends the ingest at the first failed write, with one line;
what is stored stays intact, and no further article is analysed.

SQLite itself raises the errors: `PRAGMA max_page_count` caps the file (a full disk as
SQLite reports it) and `PRAGMA query_only` refuses writes as a read-only file does; both
work as root, where chmod does not stop a write. A chmod'ed file is tested when not root.
"""
from __future__ import annotations

import json
import os
import sqlite3

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES
from letopis.cli import app
from letopis.ingest import worker
from letopis.store import engine as store_engine

NEWS = EXAMPLES / "004_news.jsonl"  # 3 records

@pytest.fixture(scope="module")
def more(tmp_path_factory):
    from procs import corpus_slice
    return corpus_slice(tmp_path_factory.mktemp("corpus") / "more.jsonl", 4, skip=60)


def ingest(path, db):
    return CliRunner().invoke(app, ["ingest", str(path), "--db", str(db), "--workers", "0", "--no-progress", "--json"])


def snapshot(db) -> tuple:
    with sqlite3.connect(db) as conn:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        return ok, [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                    for t in ("articles", "corpus_entities", "doc_entities", "mentions", "stories")]


@pytest.fixture
def store(tmp_path):
    db = tmp_path / "kb.db"
    result = ingest(NEWS, db)
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


@pytest.fixture
def analysed(monkeypatch):
    """How many articles the pipeline ran on."""
    calls = []
    real = worker.prepare
    monkeypatch.setattr(worker, "prepare", lambda article: calls.append(article.origin) or real(article))
    return calls


def full_disk(db) -> str:
    with sqlite3.connect(db) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    return f"max_page_count={pages}"  # not one page more


@pytest.mark.parametrize("pragma, problem", [
    (full_disk, "database or disk is full"),
    (lambda db: "query_only=ON", "attempt to write a readonly database"),
])
def test_the_first_failed_write_ends_the_run(store, more, monkeypatch, analysed, pragma, problem):
    before = snapshot(store)
    monkeypatch.setattr(store_engine, "WRITE_PRAGMAS", store_engine.WRITE_PRAGMAS + (pragma(store),))
    result = ingest(more, store)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: cannot write to {store}: {problem}; stopped after 0 new and 0 updated articles "
        "(what is stored is intact)"]
    assert len(analysed) == 1  # the rest of the file is not analysed just to fail
    assert snapshot(store) == before and before[0] == "ok"
    monkeypatch.undo()
    assert json.loads(ingest(more, store).stdout)["new"] == 4  # with room again, the same command goes on


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes a read-only file anyway")
def test_a_read_only_file(store, more, analysed):
    before = snapshot(store)
    os.chmod(store, 0o444)
    try:
        result = ingest(more, store)
    finally:
        os.chmod(store, 0o644)
    assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1
    assert "attempt to write a readonly database" in result.stderr and len(analysed) <= 1
    assert snapshot(store) == before


def test_one_articles_store_error_is_not_fatal():
    """An error of one article (a constraint) is that article's line; disk full ends the run."""
    from sqlalchemy.exc import IntegrityError, OperationalError
    one = IntegrityError("INSERT ...", {}, sqlite3.IntegrityError("UNIQUE constraint failed: articles.url"))
    full = OperationalError("INSERT ...", {}, sqlite3.OperationalError("database or disk is full"))
    assert store_engine.fatal_write_error(one) is None
    assert store_engine.fatal_write_error(full) == "database or disk is full"


def test_postgresql_equivalents_are_fatal():
    errors = pytest.importorskip("psycopg.errors")
    from sqlalchemy.exc import IntegrityError, OperationalError
    for error in (errors.DiskFull("could not extend file: No space left on device"),
                  errors.ReadOnlySqlTransaction("cannot execute INSERT in a read-only transaction"),
                  errors.InsufficientPrivilege("permission denied for table articles")):
        assert store_engine.fatal_write_error(OperationalError("INSERT", {}, error)) == str(error)
    unique = errors.UniqueViolation("duplicate key value violates unique constraint")
    assert store_engine.fatal_write_error(IntegrityError("INSERT", {}, unique)) is None
