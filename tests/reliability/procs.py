"""Helpers for tests that run a real `letopis` process: a corpus slice, its process tree, the store's counts."""
from __future__ import annotations

import gzip
import itertools
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "rt_ng.jsonl.gz"
CLI = "from letopis.cli import main; main()"


def corpus_slice(path: Path, n: int, skip: int = 0, max_chars: int = 3000) -> Path:
    """The corpus's first n records of at most `max_chars` of text (after `skip`), as a JSONL file."""
    import json
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        short = (line for line in lines if len(json.loads(line).get("text") or "") <= max_chars)
        path.write_text("".join(itertools.islice(short, skip, skip + n)), encoding="utf-8")
    return path


def letopis(*args: str, **kwargs) -> subprocess.Popen:
    """`letopis ARGS` as a child process (its own session, so a group signal reaches only it)."""
    return subprocess.Popen([sys.executable, "-c", CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True, cwd=ROOT, **kwargs)


def children(pid: int) -> set[int]:
    """All descendants of pid (from /proc; psutil is not required)."""
    found, todo = set(), [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                kids = {int(k) for k in (task / "children").read_text().split()}
            except OSError:
                continue
            todo += list(kids - found)
            found |= kids
    return found


def alive(pid: int) -> bool:
    """Running (a zombie waiting to be reaped counts as dead)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_for(condition, seconds: float, step: float = 0.2) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def stored(db: Path, table: str = "articles") -> int:
    """Rows of a table in a SQLite store (0 while it does not exist yet)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.Error:
        return 0


def kill_tree(proc: subprocess.Popen) -> None:
    """Clean up after a test: the process and whatever it left (by pid, never by name)."""
    for pid in children(proc.pid) | {proc.pid}:
        try:
            os.kill(pid, 9)
        except OSError:
            pass
    proc.wait(timeout=10)
