"""The watch loop: poll each source on its interval until told to stop.

`Watcher` only schedules: it calls `poll(source, should_stop)` (which fetches,
ingests and returns the poll's one log line, never raising for a source that
is down) for the source due first, sleeps until the next one is due, and
ends after `polls` polls of every source, or on Ctrl-C / SIGTERM. A signal
sets a flag: the poll under way stops fetching new pages, lets the articles
already fetched be written (each in its own transaction) and returns, so
nothing is left half-written, and a new `watch` goes on where this one ended
(what is stored is not fetched again).
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Callable, Sequence

from .sources import Source

Poll = Callable[[Source, Callable[[], bool]], str]


class Watcher:
    """Polls `sources` with `poll`; `interval` (seconds) overrides every source's own."""

    def __init__(self, sources: Sequence[Source], poll: Poll, polls: int | None = None,
                 interval: float | None = None, log: Callable[[str], None] = print, clock=time.monotonic):
        self.sources = list(sources)
        self.poll = poll
        self.polls = polls
        self.interval = interval
        self.log = log
        self.clock = clock
        self.stop = threading.Event()
        self.done = [0] * len(self.sources)

    def interval_of(self, source: Source) -> float:
        return self.interval if self.interval is not None else source.interval

    def run(self) -> int:
        """Poll until every source had `polls` polls (forever when None) or a stop; returns polls made."""
        due = [self.clock()] * len(self.sources)
        while not self.stop.is_set():
            active = [i for i in range(len(self.sources)) if self.polls is None or self.done[i] < self.polls]
            if not active:
                break
            index = min(active, key=lambda i: due[i])
            wait = due[index] - self.clock()
            if wait > 0 and self.stop.wait(wait):
                break
            source = self.sources[index]
            try:
                line = self.poll(source, self.stop.is_set)
            except Exception as exc:  # a bug on one source must not end the watch
                line = f"{source.label}: poll failed: unexpected error: {type(exc).__name__}: {exc}"
            self.log(line)
            self.done[index] += 1
            due[index] = self.clock() + self.interval_of(source)
        return sum(self.done)

    @contextmanager
    def stopping_on_signals(self):
        """SIGINT and SIGTERM ask the loop to stop (a second one interrupts at once)."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return

        def ask_to_stop(signum, frame):
            if self.stop.is_set():
                raise KeyboardInterrupt
            self.stop.set()
            self.log(f"stopping after this poll ({signal.Signals(signum).name}); again to stop at once")

        saved = {sig: signal.signal(sig, ask_to_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in saved.items():
                signal.signal(sig, handler)
