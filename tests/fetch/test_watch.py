"""The watch loop: intervals, --polls, and SIGTERM stopping it cleanly (then a new watch goes on)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from site_fixture import site  # noqa: F401  (fixture)
from letopis.fetch.sources import Source
from letopis.fetch.watch import Watcher


def test_each_source_on_its_own_interval():
    now = [0.0]
    calls = []

    def poll(source, should_stop):
        calls.append((now[0], source.url))
        return source.url

    fast, slow = Source("feed", "http://a.ru/rss", interval=1.0), Source("feed", "http://b.ru/rss", interval=3.0)
    watcher = Watcher([fast, slow], poll, polls=2, clock=lambda: now[0], log=lambda line: None)
    watcher.stop.wait = lambda seconds: now.__setitem__(0, now[0] + seconds) or False  # a fake clock's sleep
    assert watcher.run() == 4
    assert calls == [(0.0, fast.url), (0.0, slow.url), (1.0, fast.url), (3.0, slow.url)]


def test_sigterm_ends_the_loop_after_the_poll_under_way():
    logs, calls = [], []

    def poll(source, should_stop):
        calls.append(source.url)
        if len(calls) == 2:
            os.kill(os.getpid(), signal.SIGTERM)
        return f"poll {len(calls)}"

    before = signal.getsignal(signal.SIGTERM)
    watcher = Watcher([Source("feed", "http://a.ru/rss", interval=0.0)], poll, log=logs.append)
    with watcher.stopping_on_signals():
        assert watcher.run() == 2  # no --polls: only the signal ends it
    assert signal.getsignal(signal.SIGTERM) is before
    assert logs[-1] == "poll 2" and any("stopping after this poll (SIGTERM)" in line for line in logs)


def test_watch_process_stops_on_sigterm_and_a_new_one_continues(site, tmp_path):
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nfeed = "{site.base}/watch.xml"\n', encoding="utf-8")
    db = str(tmp_path / "w.db")
    command = [sys.executable, "-c", "from letopis.cli import main; main()", "watch", str(sources), "--db", db,
               "--workers", "0", "--allow-private", "--rate", "0"]
    process = subprocess.Popen(command + ["--interval", "0.3"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = process.stdout.readline()  # the first poll's line: models loaded, one article stored
    assert "1 found, 0 known, 1 fetched, 1 new" in first, first + process.stderr.read()
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert "stopping after this poll (SIGTERM)" in out and "Traceback" not in err
    again = subprocess.run(command + ["--polls", "1", "--json"], capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    poll = json.loads(again.stdout.splitlines()[0])
    assert poll["discovered"] == 2 and poll["known"] + poll["new"] == 2 and not poll["failed"]
    assert site.hits["/news/w1.html"] == 1 and site.hits["/news/w2.html"] == 1  # nothing fetched twice
