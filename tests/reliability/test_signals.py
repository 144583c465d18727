"""Item 5: workers die with their ingest; SIGTERM and Ctrl-C finish the article in hand and exit non-zero.

A real `letopis ingest --workers 2` runs on a slice of the corpus; the test
kills it and looks in /proc for anything it started that is still alive.
"""
from __future__ import annotations

import os
import signal

import pytest

from procs import alive, children, corpus_slice, kill_tree, letopis, stored, wait_for

N = 24


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    return corpus_slice(tmp_path_factory.mktemp("corpus") / "slice.jsonl", N)


def start(records, db):
    proc = letopis("ingest", str(records), "--db", str(db), "--workers", "2", "--no-progress")
    # both workers (and the resource tracker) are up once the first article is stored
    assert wait_for(lambda: stored(db) >= 1 or proc.poll() is not None, 240), "no article stored in 240 s"
    assert proc.poll() is None, proc.communicate()
    started = children(proc.pid)
    assert len(started) >= 2, f"expected 2 workers, found {started}"
    return proc, started


def test_sigkill_leaves_no_worker(records, tmp_path):
    db = tmp_path / "kb.db"
    proc, started = start(records, db)
    try:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        assert wait_for(lambda: not any(alive(p) for p in started), 10), \
            f"still alive 10 s after kill -9: {[p for p in started if alive(p)]}"
    finally:
        kill_tree(proc)


@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT"])
def test_a_signal_finishes_the_work_in_hand(records, tmp_path, how):
    db = tmp_path / "kb.db"
    proc, started = start(records, db)
    try:
        if how == "SIGINT":  # Ctrl-C in a terminal: the whole process group gets it, workers included
            os.killpg(proc.pid, signal.SIGINT)
        else:
            os.kill(proc.pid, signal.SIGTERM)
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 128 + getattr(signal, how), (out, err)
        assert f"Error: interrupted by {how}: what was stored is kept; run the same command again to continue" in err
        assert "Traceback" not in err
        counts = out.splitlines()[0]  # "read R, new M, updated 0, skipped 0, failed 0, near-duplicates D"
        new = int(counts.split("new ")[1].split(",")[0])
        assert counts.startswith(f"read {new}, new {new}, ") and new < N
        assert stored(db) == new  # the summary says exactly what is in the store
        assert wait_for(lambda: not any(alive(p) for p in started), 10), \
            f"still alive after {how}: {[p for p in started if alive(p)]}"
    finally:
        kill_tree(proc)
    # the re-run finishes the job: nothing stored twice, nothing lost
    again = letopis("ingest", str(records), "--db", str(db), "--workers", "0", "--no-progress")
    out, err = again.communicate(timeout=600)
    assert again.returncode == 0, err
    assert out.startswith(f"read {N}, new {N - new}, updated 0, skipped {new}, failed 0")
    assert stored(db) == N
