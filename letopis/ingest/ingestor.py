"""The ingest run: readers -> pipeline in parallel workers -> the store's single writer.

The main process reads articles, decides per article (skip / new / update)
before any work is spent on it, sends the rest to workers (a process pool
over the local cores, or Dask when `dask=True` / a scheduler address is
given), and writes each result in its own transaction as results arrive.
Because every article is committed atomically and skipped on a re-run, an
ingest killed at any point (SIGKILL included) is finished by running it again.
"""
from __future__ import annotations

import itertools
import multiprocessing
import os
import re
import sys
import time
from contextlib import contextmanager
from concurrent.futures import ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from ..article import Article
from ..errors import LetopisError, StoreError
from ..store.lock import writer_lock
from ..store.writer import Writer
from . import language, worker
from .lifecycle import Stop, stop_on_signals

URL_LIMIT = 2000  # articles.url is String(2000): PostgreSQL refuses longer, so every store does

BATCH = 8  # articles per Dask task: amortizes scheduling, keeps progress smooth
# Worker processes are replaced after this many articles each: the pipeline's per-word
# caches (pymorphy parses) grow with the vocabulary seen, ~+250 MB per 1,000 news articles,
# and a fresh pool costs one model load per worker (~3 s), about 3% at this interval.
# (Not max_tasks_per_child: on Python 3.11 it can deadlock the executor.)
TASKS_PER_WORKER = 600
# Workers run one per core; a multi-threaded BLAS inside each (slovnet's numpy) only makes
# them fight over the same cores: measured 3x fewer chars per CPU-second on 2 busy cores.
SINGLE_THREAD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


@contextmanager
def workers_without_main_script():
    """Start spawned workers without re-running the caller's `__main__` script.

    A spawned child imports the parent's main module (by path, or by name under
    `python -m`) before it runs a task, so a plain script calling
    `KnowledgeBase(...).ingest(...)` without an `if __name__ == "__main__":`
    guard would ingest again in every worker and die bootstrapping. Workers only
    run `letopis.ingest.worker` functions and never need `__main__`, so its
    file and spec are hidden while the pool starts its processes.
    """
    main = sys.modules.get("__main__")
    saved = {name: main.__dict__[name] for name in ("__file__", "__spec__") if main and name in main.__dict__}
    try:
        if main is not None:
            main.__dict__.pop("__file__", None)
            if "__spec__" in saved:
                main.__spec__ = None
        yield
    finally:
        if main is not None:
            main.__dict__.update(saved)


@contextmanager
def single_threaded_workers():
    """Environment inherited by worker processes started inside (a user's own setting wins)."""
    saved = {key: os.environ.get(key) for key in SINGLE_THREAD_ENV}
    for key, value in SINGLE_THREAD_ENV.items():
        os.environ.setdefault(key, value)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@dataclass
class Summary:
    """What an ingest did: the CLI prints it, the API returns `as_json()`."""

    read: int = 0
    new: int = 0
    updated: int = 0
    skipped: int = 0
    duplicates: int = 0
    chars: int = 0
    seconds: float = 0.0
    failed: list[dict] = field(default_factory=list)
    unreadable: int = 0  # entries of `failed` that never became an article (not counted in `read`)
    interrupted: str | None = None  # "SIGTERM"/"SIGINT" when a signal stopped the run early

    @property
    def done(self) -> int:
        """Articles read and dealt with so far (what a progress bar counts against `read`)."""
        return self.new + self.updated + self.skipped + len(self.failed) - self.unreadable

    def as_json(self) -> dict:
        data = {"read": self.read, "new": self.new, "updated": self.updated, "skipped": self.skipped,
                "near_duplicates": self.duplicates, "chars": self.chars, "seconds": round(self.seconds, 2),
                "failed": self.failed}
        if self.interrupted:
            data["interrupted"] = self.interrupted
        return data


CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str | None) -> str | None:
    """A file name or message safe to print and store: a name that is not UTF-8 shows its bytes
    as \\xNN, control characters (newlines, ANSI escapes, bidi overrides) as escapes, so a
    hostile name cannot forge an error line or colour a terminal, and the store can hold it."""
    if text is None:
        return None
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that is no escaped byte
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return CONTROL.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


def read_all(paths: Iterable[str], summary: Summary) -> Iterator[Article]:
    """Articles from every path; unreadable inputs and records become `failed` entries."""
    from ..readers import read

    def report(error: Exception) -> None:
        where = getattr(error, "path", "?")
        if getattr(error, "line", None) is not None:
            where = f"{where}:{error.line}"
        summary.failed.append({"path": printable(str(where)),
                               "problem": printable(getattr(error, "problem", str(error)))})
        summary.unreadable += 1

    for path in paths:
        try:
            yield from read(path, on_error=report)
        except LetopisError as exc:
            report(exc)


Progress = Callable[[Summary], None]  # called with the running summary after each article


class Ingestor:
    """Runs one ingest over a `Writer`; `progress(summary)` is called after each article."""

    def __init__(self, writer: Writer, workers: int = 2, dask: bool = False, scheduler: str | None = None,
                 progress: Progress | None = None, wait: bool = True, replace: bool = True):
        self.writer = writer
        self.replace = replace  # False: an article stored with other content is a conflict, not an update
        self.wait = wait  # another writer holds the store: wait (one line says so), or StoreBusy
        self.workers = max(0, int(workers))
        self.dask = dask or bool(scheduler)
        self.scheduler = scheduler
        self.progress = progress or (lambda summary: None)
        self.summary = Summary()
        self._pending: set[str] = set()  # urls/hashes sent to workers and not yet written
        self.stop = Stop()  # set by SIGTERM/Ctrl-C: read no more, finish what is in hand

    def run(self, articles: Iterable[Article]) -> Summary:
        """Ingest the articles; returns the summary (`interrupted` set if a signal stopped it)."""
        started = time.perf_counter()
        # the lock first: Ctrl-C while waiting for it must still end the process
        with writer_lock(self.writer.engine, wait=self.wait), stop_on_signals(self.stop):
            self.writer.refresh()  # another ingest may have written since this writer loaded
            try:
                self._run(articles)
            finally:
                self.writer.remember()
        self.summary.interrupted = self.stop.signal
        self.summary.seconds = time.perf_counter() - started
        return self.summary

    def _run(self, articles: Iterable[Article]) -> None:
        todo = self._decided(articles)
        try:
            if self.workers == 0 and not self.dask:
                for article, decision in todo:
                    self._store(worker.prepare(article), decision)
            else:
                with single_threaded_workers():
                    self._run_dask(todo) if self.dask else self._run_pool(todo)
        finally:
            self.writer.flush()  # the writer groups back-to-back articles in one transaction

    def _decided(self, articles: Iterable[Article]) -> Iterator[tuple[Article, object]]:
        """Count, skip what is stored (or already in flight), yield the rest with their decision."""
        for article in articles:
            if self.stop:
                return
            self.summary.read += 1
            article.origin = printable(article.origin)
            problem = worker.too_long(article)
            if not problem:
                problem = language.not_russian(article.title, article.text)
            if not problem and article.url and len(article.url) > URL_LIMIT:
                problem = f"URL too long: {len(article.url):,} characters (the store keeps at most {URL_LIMIT:,})"
            if problem:  # refused before it costs a worker anything
                self._fail(article.origin or article.url, problem)
                self.progress(self.summary)
                continue
            try:
                content_hash = article.content_hash()
                decision = self.writer.decide(article.url, content_hash, article.id)
            except Exception as exc:  # one bad article is its own error line, never the end of the ingest
                self._fail(article.origin or article.url, f"unexpected error: {type(exc).__name__}: {exc}")
                self.progress(self.summary)
                continue
            keys = {k for k in (article.url, content_hash, article.id) if k}
            if decision.action == "update" and not self.replace:
                self._fail(article.origin or article.url, "already stored with other content "
                           "(replacing it must be asked for explicitly)")
                self.summary.failed[-1]["conflict"] = True
                self.progress(self.summary)
                continue
            if decision.action == "skip" or keys & self._pending:
                self.summary.skipped += 1
                self.progress(self.summary)
                continue
            self._pending |= keys
            yield article, decision

    def _store(self, prepared: dict, decision) -> None:
        """Write one worker result (or record its failure)."""
        for key in ("url", "content_hash", "id"):
            self._pending.discard(prepared.get(key))
        if not prepared["ok"]:
            self._fail(prepared.get("origin") or prepared.get("url"), prepared["problem"])
        else:
            try:
                pk = self.writer.write(prepared, decision)
            except Exception as exc:  # the store refused this article: report it, keep going
                self._stop_if_store_is_gone(exc)
                self._fail(prepared.get("origin") or prepared.get("url"), f"store failed: {type(exc).__name__}: {exc}")
            else:
                self.summary.chars += prepared["chars"]
                if decision.action == "update":
                    self.summary.updated += 1
                else:
                    self.summary.new += 1
                if self.writer.is_duplicate(pk):
                    self.summary.duplicates += 1
        self.progress(self.summary)

    def _stop_if_store_is_gone(self, exc: Exception) -> None:
        """Disk full, read-only store, connection lost: no later article could be stored either,
        so the run ends here (analysing the rest would only fail them one by one)."""
        from ..store.engine import fatal_write_error
        from ..store.lock import store_name
        problem = fatal_write_error(exc)
        if problem:
            raise StoreError(f"cannot write to {store_name(self.writer.engine)}: {problem}; stopped after {self.summary.new} new and "
                             f"{self.summary.updated} updated articles (what is stored is intact)") from None

    def _fail(self, where: str | None, problem: str) -> None:
        """One failed article: one entry, its problem on one line (an SQL error's first line,
        without the statement and parameters SQLAlchemy appends), at most 500 characters."""
        first = problem.strip().splitlines()[0] if problem.strip() else "unknown problem"
        self.summary.failed.append({"path": printable(where) or "?", "problem": printable(first[:500])})

    def _run_pool(self, todo: Iterator) -> None:
        """Process pools of `workers` processes, each pool replaced after TASKS_PER_WORKER
        articles per worker (see there); at most 4 articles in flight per worker."""
        context = multiprocessing.get_context("spawn")
        todo = iter(todo)
        while True:
            segment = itertools.islice(todo, TASKS_PER_WORKER * self.workers)
            first = next(segment, None)
            if first is None:
                return
            with workers_without_main_script(), \
                    ProcessPoolExecutor(self.workers, mp_context=context, initializer=worker.start,
                                        initargs=(os.getpid(),)) as pool:
                in_flight: dict = {}
                limit = self.workers * 4
                try:
                    for article, decision in itertools.chain([first], segment):
                        in_flight[pool.submit(worker.prepare, article)] = decision
                        while len(in_flight) >= limit:
                            self._drain(in_flight)
                    while in_flight:
                        self._drain(in_flight)
                except BaseException:  # the run ends: start no queued article
                    pool.shutdown(wait=False, cancel_futures=True)
                    raise

    def _drain(self, in_flight: dict) -> None:
        if self.stop:  # interrupted: what no worker has started yet is not started
            for future in [f for f in in_flight if f.cancel()]:
                in_flight.pop(future)
                self.summary.read -= 1  # not dealt with: the next run reads it again
            if not in_flight:
                return
        # Written in the order read, not as workers finish: linking, duplicate and story choices
        # depend on what was stored before, so a run (or a resumed one) gives the same store
        # whatever the workers' timing. Waits for the oldest; writes every finished one after it.
        wait([next(iter(in_flight))])
        while in_flight and next(iter(in_flight)).done():
            future = next(iter(in_flight))
            decision = in_flight.pop(future)
            try:
                prepared = future.result()
            except BrokenProcessPool:
                raise LetopisError(f"a worker process died (out of memory?) after {self.summary.new} new articles; "
                                   "what was stored is kept: run the same command again to continue") from None
            self._store(prepared, decision)

    def _run_dask(self, todo: Iterator) -> None:
        """Dask: batches of articles on a LocalCluster (or the given scheduler), written here."""
        from dask.distributed import Client, LocalCluster, as_completed
        cluster = None
        if self.scheduler:
            client = Client(self.scheduler)
        else:
            cluster = LocalCluster(n_workers=max(1, self.workers), threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        try:
            futures = as_completed()
            decisions: dict = {}
            batch: list = []
            in_flight, limit = 0, max(2, self.workers) * 3  # bounded: the client holds few articles at once
            for item in todo:
                batch.append(item)
                if len(batch) == BATCH:
                    self._submit(client, futures, decisions, batch)
                    batch, in_flight = [], in_flight + 1
                    if in_flight >= limit:
                        self._collect(next(futures), decisions)
                        in_flight -= 1
            if batch:
                self._submit(client, futures, decisions, batch)
            for future in futures:
                self._collect(future, decisions)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    def _submit(self, client, futures, decisions: dict, batch: list) -> None:
        future = client.submit(worker.prepare_batch, [a for a, _ in batch], pure=False)
        decisions[future.key] = [d for _, d in batch]
        futures.add(future)

    def _collect(self, future, decisions: dict) -> None:
        for prepared, decision in zip(future.result(), decisions.pop(future.key)):
            self._store(prepared, decision)
