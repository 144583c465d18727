"""Process lifecycle of an ingest: workers die with their parent, signals stop it cleanly.

A worker process blocked on the pool's queue never notices that the ingest
that started it is gone: after `kill -9` of the main process two ~430 MB
workers (and multiprocessing's resource tracker, which waits for them) were
found alive an hour later. `die_with_parent` (run by each worker at start)
asks Linux to SIGKILL the worker when its parent dies (prctl
PR_SET_PDEATHSIG) and, portably, starts a watchdog thread that exits the
worker once its parent pid changes. Workers also ignore Ctrl-C: the main
process decides what an interrupt means.

`stop_on_signals` is the main process side: the first SIGTERM or SIGINT
(Ctrl-C) only sets a flag; the ingest stops reading, finishes the articles
in hand, and returns its summary marked `interrupted`. A second signal acts
as usual (Ctrl-C raises KeyboardInterrupt, SIGTERM ends the process).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time
from contextlib import contextmanager

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
WATCH_SECONDS = 1.0  # how often the portable watchdog looks at the parent pid


def die_with_parent(parent_pid: int) -> None:
    """Make this (worker) process end as soon as `parent_pid` is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent handles it
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no libc/prctl: the watchdog below still works
            pass
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)
    threading.Thread(target=_watch, args=(parent_pid,), name="letopis-parent-watchdog", daemon=True).start()


def _watch(parent_pid: int) -> None:
    while True:
        time.sleep(WATCH_SECONDS)
        if os.getppid() != parent_pid:  # reparented: the ingest is gone, so is any use of this work
            os._exit(1)


class Stop:
    """Set by the first SIGTERM/SIGINT; the ingest checks it between articles."""

    def __init__(self) -> None:
        self.signal: str | None = None

    def __bool__(self) -> bool:
        return self.signal is not None


@contextmanager
def stop_on_signals(stop: Stop):
    """Inside: the first SIGTERM/SIGINT sets `stop` (then the defaults come back). Only in the
    main thread (a server running an ingest in a thread keeps its own handling)."""
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    names = {signal.SIGTERM: "SIGTERM", signal.SIGINT: "SIGINT"}
    saved = {signum: signal.getsignal(signum) for signum in names}

    def handler(signum, _frame):
        stop.signal = names.get(signum, str(signum))
        for number, previous in saved.items():  # a second signal is not ignored
            signal.signal(number, previous)

    for signum in names:
        signal.signal(signum, handler)
    try:
        yield stop
    finally:
        for signum, previous in saved.items():
            signal.signal(signum, previous)


def exit_code(signal_name: str | None) -> int:
    """The shell's convention for a run ended by a signal: 128 + its number (130 Ctrl-C, 143 SIGTERM)."""
    number = getattr(signal, signal_name or "", None)
    return 128 + int(number) if number is not None else 1
