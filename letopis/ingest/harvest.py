"""Fetching ingest: poll a source (a feed, a sitemap or given URLs), fetch what is new, ingest it, log it.

One poll: discover article URLs (the feed's entries, the sitemap's pages, or
the URLs given), drop those already stored or fetched before
(`store.fetchlog.known_urls`), fetch the rest with a few threads (the
`Fetcher` keeps to robots.txt and the per-host rate), read each page with
the HTML reader, and hand the articles to the usual `Ingestor` (pipeline in
worker processes, one transaction per article). Every fetch is a fetch-log
row and every problem one `URL: problem` line passed to `on_problem`; a
source that is down or answers garbage ends its own poll, never the run.
All database writes happen on the calling thread.
"""
from __future__ import annotations

import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Callable, Iterator

from ..article import Article
from ..fetch.client import Fetcher, Response
from ..fetch.errors import FetchError
from ..fetch.feeds import Entry, parse_feed
from ..fetch.pages import read_page
from ..fetch.sitemaps import read_sitemap
from ..store import fetchlog
from .ingestor import Ingestor

PAGES = "urls"  # the source name of URLs given on the command line


@dataclass
class Target:
    """What one poll reads: `kind` feed, sitemap or pages (`urls` then lists them)."""

    kind: str
    source: str
    name: str | None = None
    urls: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.name or self.source


@dataclass
class PollReport:
    """What a poll did; `line()` is the one log line `watch` prints per poll."""

    source: str
    kind: str
    name: str | None = None
    discovered: int = 0
    known: int = 0
    fetched: int = 0
    new: int = 0
    updated: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0
    problem: str | None = None  # the source itself failed
    problems: list[str] = field(default_factory=list)  # every `URL: problem` line of this poll

    def line(self) -> str:
        text = (f"{self.name or self.source}: {self.discovered} found, {self.known} known, {self.fetched} fetched, "
                f"{self.new} new, {self.updated} updated, {self.skipped} skipped, {self.failed} failed "
                f"({self.seconds:.1f} s)")
        return text + (f"; source failed: {self.problem}" if self.problem else "")

    def as_json(self) -> dict:
        return {key: getattr(self, key) for key in ("source", "kind", "name", "discovered", "known", "fetched",
                                                    "new", "updated", "skipped", "failed", "problem", "problems")} | {
            "seconds": round(self.seconds, 2)}


class Harvest:
    """Polls over one store (its engine and single writer) with one `Fetcher`."""

    def __init__(self, engine, writer, fetcher: Fetcher, workers: int = 2, threads: int = 2,
                 on_problem: Callable[[str], None] | None = None, dask: bool = False, scheduler: str | None = None,
                 progress=None):
        self.engine = engine
        self.writer = writer
        self.fetcher = fetcher
        self.workers = workers
        self.threads = max(1, threads)
        self.on_problem = on_problem or (lambda line: None)
        self.dask = dask
        self.scheduler = scheduler
        self.progress = progress

    def poll(self, target: Target, should_stop: Callable[[], bool] = lambda: False) -> PollReport:
        started = time.perf_counter()
        report = PollReport(target.source, target.kind, target.name)
        poll_id = fetchlog.start_poll(self.engine, target.source, target.kind, target.name)
        try:
            entries = self.discover(target, poll_id, report)
            if entries is not None:
                self.ingest_new(entries, poll_id, report, should_stop)
        finally:
            report.seconds = time.perf_counter() - started
            fetchlog.finish_poll(self.engine, poll_id, report.problem, discovered=report.discovered,
                                 known=report.known, fetched=report.fetched, new=report.new, updated=report.updated,
                                 skipped=report.skipped, failed=report.failed)
        return report

    # --- discovery --------------------------------------------------------
    def discover(self, target: Target, poll_id: int, report: PollReport) -> list[Entry] | None:
        """The entries a source announces, or None when the source itself failed (reported)."""
        if target.kind == "pages":
            return [Entry(url) for url in dict.fromkeys(target.urls)]
        response = None
        try:
            if target.kind == "feed":
                response = self.fetcher.feed(target.source)
                feed = parse_feed(response)
                self.log_response(poll_id, response, problem=feed.problem)  # broken XML, entries recovered
                if feed.problem:
                    self.problem(report, f"{target.source}: {feed.problem}", count=False)
                return feed.entries
            result = read_sitemap(self.fetcher, target.source)
            for error in result.errors:  # a failed sub-sitemap: its own line, the others still count
                self.log_error(poll_id, error)
                self.problem(report, str(error))
            return result.entries
        except FetchError as exc:
            self.log_error(poll_id, exc, response)
            report.problem = exc.problem
            self.problem(report, str(exc), count=False)
            return None

    # --- fetching and ingesting ------------------------------------------
    def ingest_new(self, entries: list[Entry], poll_id: int, report: PollReport, should_stop) -> None:
        report.discovered = len(entries)
        known = fetchlog.known_urls(self.engine, [e.url for e in entries])
        report.known = len(known)
        todo = [e for e in entries if e.url not in known]
        if not todo:
            return
        asked_for: dict[str, str] = {}  # article origin (final URL) -> URL asked for
        articles = self.fetched(todo, poll_id, report, asked_for, should_stop)
        ingestor = Ingestor(self.writer, workers=self.workers, dask=self.dask, scheduler=self.scheduler,
                            progress=self.progress)
        summary = ingestor.run(articles)
        report.new, report.updated, report.skipped = summary.new, summary.updated, summary.skipped
        for failure in summary.failed:  # the pipeline or the store refused a fetched page
            url = asked_for.get(failure["path"], failure["path"])
            fetchlog.mark_failed(self.engine, poll_id, url, failure["problem"])
            self.problem(report, f"{url}: {failure['problem']}")

    def fetched(self, entries: list[Entry], poll_id: int, report: PollReport, asked_for: dict,
                should_stop) -> Iterator[Article]:
        """Articles of the entries as their fetches finish (a few threads, a bounded queue)."""
        pending: set = set()
        queue = iter(entries)
        with ThreadPoolExecutor(self.threads, thread_name_prefix="letopis-fetch") as pool:
            def refill() -> None:
                while len(pending) < 2 * self.threads and not should_stop():
                    entry = next(queue, None)
                    if entry is None:
                        return
                    pending.add(pool.submit(self.fetch_one, entry))
            refill()
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    pending.discard(future)
                    article = self.record(future.result(), poll_id, report, asked_for)
                    if article is not None:
                        yield article
                refill()

    def fetch_one(self, entry: Entry):
        """(entry, response, article, error): runs on a fetching thread, never raises."""
        response = None
        try:
            response = self.fetcher.page(entry.url)
            return entry, response, read_page(response, entry.title, entry.published, entry.summary), None
        except FetchError as exc:
            return entry, response, None, exc
        except Exception as exc:  # a bug on one page: its own error line
            return entry, response, None, FetchError(entry.url, f"unexpected error: {type(exc).__name__}: {exc}")

    def record(self, result, poll_id: int, report: PollReport, asked_for: dict) -> Article | None:
        """Log one fetch (on the calling thread) and return its article, if any."""
        entry, response, article, error = result
        if error is not None:
            self.log_error(poll_id, error, response)
            self.problem(report, str(error))
            return None
        report.fetched += 1
        asked_for[article.origin] = entry.url
        self.log_response(poll_id, response, article.id)
        return article

    # --- logging ------------------------------------------------------------
    def log_response(self, poll_id: int, response: Response, article_id: str | None = None,
                     outcome: str = "fetched", problem: str | None = None) -> None:
        self.writer.flush()  # the writer may hold a grouped transaction: SQLite has one writer at a time
        fetchlog.log_fetch(self.engine, poll_id, response.url, outcome=outcome, final_url=response.final_url,
                           status=response.status, article_id=article_id, size=len(response.body),
                           seconds=response.seconds, problem=problem)

    def log_error(self, poll_id: int, error: FetchError, response: Response | None = None) -> None:
        status = error.status if error.status and error.status > 0 else (response.status if response else None)
        self.writer.flush()
        fetchlog.log_fetch(self.engine, poll_id, error.url, outcome="error", status=status, problem=error.problem,
                           transient=error.transient, final_url=response.final_url if response else None,
                           size=len(response.body) if response else 0, seconds=response.seconds if response else 0)

    def problem(self, report: PollReport, line: str, count: bool = True) -> None:
        report.problems.append(line)
        if count:
            report.failed += 1
        self.on_problem(line)
