"""Item 11: a run resumed after SIGKILL stores exactly what a clean run stores; hostile file
names cannot forge output or break the store; a URL the store cannot hold is one error line."""
from __future__ import annotations

import json
import os
import signal

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from conftest import EXAMPLES
from letopis.cli import app
from letopis.kb import KnowledgeBase
from procs import corpus_slice, kill_tree, letopis, stored, wait_for

N = 32  # long enough that a SIGKILL lands mid-run although the writer commits articles in groups


def signature(url: str) -> dict:
    """What linking, duplicates and stories decided, independent of row ids."""
    engine = create_engine(url)
    try:
        with engine.connect() as c:
            return {
                "links": sorted(c.execute(text(
                    "SELECT a.id, d.local_id, e.name, e.type FROM doc_entities d JOIN articles a ON a.pk = d.article_pk "
                    "JOIN corpus_entities e ON e.id = d.corpus_id")).all()),
                "entities": sorted(c.execute(text("SELECT name, type, mentions, articles FROM corpus_entities")).all()),
                "aliases": c.execute(text("SELECT count(*) FROM aliases")).scalar(),
                "stories": sorted(c.execute(text(
                    "SELECT a.id, s.title FROM story_articles sa JOIN articles a ON a.pk = sa.article_pk "
                    "JOIN stories s ON s.id = sa.story_id")).all()),
                "duplicates": sorted(c.execute(text(
                    "SELECT a.id, o.id FROM articles a JOIN articles o ON o.pk = a.duplicate_of")).all()),
            }
    finally:
        engine.dispose()


def test_a_resumed_ingest_equals_a_clean_one(tmp_path):
    records = corpus_slice(tmp_path / "slice.jsonl", N, skip=100)
    args = ["--workers", "2", "--no-progress"]
    clean = letopis("ingest", str(records), "--db", str(tmp_path / "clean.db"), *args)
    counts = clean.communicate(timeout=900)[0].splitlines()[0]  # the slice may hold a text twice: skipped
    new, skipped = (int(counts.split(f"{key} ")[1].split(",")[0]) for key in ("new", "skipped"))
    assert counts.startswith(f"read {N}, new {new}, updated 0, skipped {skipped}, failed 0") and new >= N - 2
    killed_db = tmp_path / "killed.db"
    killed = letopis("ingest", str(records), "--db", str(killed_db), *args)
    try:
        assert wait_for(lambda: stored(killed_db) >= 1, 300)
        os.kill(killed.pid, signal.SIGKILL)
        killed.wait(timeout=10)
    finally:
        kill_tree(killed)
    before = stored(killed_db)
    assert 1 <= before < new
    resumed = letopis("ingest", str(records), "--db", str(killed_db), *args)
    out, err = resumed.communicate(timeout=900)
    assert out.startswith(f"read {N}, new {new - before}, updated 0, skipped {skipped + before}, failed 0"), (out, err)
    assert signature(f"sqlite:///{killed_db}") == signature(f"sqlite:///{tmp_path / 'clean.db'}")


NEWS = (EXAMPLES / "004_news.jsonl").read_text(encoding="utf-8").splitlines()


def test_hostile_file_names(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    forged = "bad\n  failed: secret.txt: forged line.jsonl"
    (d / forged).write_text("{not json\n", encoding="utf-8")  # a failure whose name tries to add a line
    (d / "\x1b[31mred.jsonl").write_text(NEWS[0] + "\n", encoding="utf-8")
    os.makedirs(os.fsencode(d), exist_ok=True)
    with open(os.fsencode(d) + b"/\xff\xfe-latin.jsonl", "wb") as handle:  # a name that is not UTF-8
        handle.write((NEWS[1] + "\n").encode("utf-8"))
    db = tmp_path / "kb.db"
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(d), "--db", str(db), "--workers", "0", "--no-progress"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("read 2, new 2, updated 0, skipped 0, failed 1")
    failures = [line for line in lines if line.startswith("  failed:")]
    assert failures == [line for line in lines if "failed:" in line]  # nothing forged a line of its own
    assert len(failures) == 1 and failures[0].startswith(f"  failed: {d}/bad\\n  failed: secret.txt: forged line.jsonl:1: ")
    assert "\x1b" not in result.stdout
    as_json = runner.invoke(app, ["ingest", str(d), "--db", str(db), "--workers", "0", "--no-progress", "--json"])
    summary = json.loads(as_json.stdout)  # valid JSON, and valid UTF-8 all through
    as_json.stdout.encode("utf-8")
    assert (summary["skipped"], len(summary["failed"])) == (2, 1)
    with create_engine(f"sqlite:///{db}").connect() as c:
        origins = sorted(row[0] for row in c.execute(text("SELECT origin FROM articles")))
    assert origins == [f"{d}/\\x1b[31mred.jsonl:1", f"{d}/\\xff\\xfe-latin.jsonl:1"]


def test_a_url_over_the_store_limit_is_one_line(store_url, tmp_path):
    record = json.loads(NEWS[2])
    long_url = "https://example.ru/news?" + "utm=x&" * 400
    path = tmp_path / "long-url.jsonl"
    path.write_text(json.dumps(dict(json.loads(NEWS[0]), url=long_url), ensure_ascii=False) + "\n"
                    + json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    with KnowledgeBase(store_url) as kb:
        summary = kb.ingest([str(path)], workers=0)
        assert (summary["read"], summary["new"]) == (2, 1)
        assert summary["failed"] == [{"path": f"{path}:1", "problem":
                                      f"URL too long: {len(long_url):,} characters (the store keeps at most 2,000)"}]
        assert kb.stats()["articles"] == 1
