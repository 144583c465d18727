"""Fetching from the command line: URLs for `analyze` and `ingest`, `ingest --feed/--sitemap`.

The options shared by these commands and `watch` (`watch.py`) are declared
here once; `analyze.py` and `corpus.py` only route URL arguments to
`url_articles` / `ingest_urls`.
Every fetch problem is one `Error: URL: problem` line on stderr as it
happens; what could be fetched is still analyzed or stored, and the exit
code is 1 when anything failed.
"""
from __future__ import annotations

import sys
from typing import Iterator, List

import typer

from ..errors import LetopisError
from . import ErrorReport

URL_PREFIXES = ("http://", "https://")


def is_url(argument: str) -> bool:
    """An argument naming a web page rather than a file (`HTTP://` too)."""
    return argument.lower().startswith(URL_PREFIXES)


def allow_private_option():
    return typer.Option(False, "--allow-private", metavar="",
                        help="Allow loopback and private addresses (an intranet feed, a local test server); "
                             "off by default, also for redirects.")


def rate_option():
    return typer.Option(1.0, "--rate", min=0.0, help="At most this many requests per second to one host "
                                                     "(robots.txt Crawl-delay may ask for less; 0: no limit).")


def timeout_option():
    return typer.Option(10.0, "--timeout", min=0.1, help="Seconds one request may take, the whole body included.")


def retries_option():
    return typer.Option(2, "--retries", min=0, max=10, help="Tries again after a timeout, a refused connection "
                                                            "or HTTP 5xx/429, with exponential backoff.")


def threads_option():
    return typer.Option(2, "--fetchers", min=1, max=32, help="Pages fetched at once (each host still gets --rate).")


def fetch_settings(allow_private: bool = False, rate: float = 1.0, timeout: float = 10.0, retries: int = 2):
    from ..fetch.client import FetchSettings
    return FetchSettings(timeout=timeout, retries=retries, rate=rate, allow_private=allow_private)


def url_articles(url: str, report: ErrorReport, settings) -> Iterator:
    """The article of one page URL (for `analyze`), or nothing after its error line."""
    from ..fetch.client import Fetcher
    from ..fetch.pages import read_page
    with Fetcher(settings) as fetcher:
        article = report.guard(url, lambda: read_page(fetcher.page(url)))
    if article is not None:
        yield article


def fail(message) -> None:
    print(f"Error: {message}", file=sys.stderr)
    raise typer.Exit(1)


def fetch_targets(urls: list[str], feeds: list[str], sitemaps: list[str]) -> list:
    """The polls one `ingest` makes: the given page URLs together, then each feed and sitemap."""
    from ..ingest.harvest import PAGES, Target
    targets = [Target("pages", PAGES, urls=list(urls))] if urls else []
    targets += [Target("feed", url) for url in feeds] + [Target("sitemap", url) for url in sitemaps]
    return targets


def ingest_urls(kb, urls: list[str], feeds: list[str], sitemaps: list[str], settings, workers: int, threads: int,
                progress=None, dask: bool = False, scheduler: str | None = None) -> list[dict]:
    """Poll each target once into `kb`; problems are printed as they happen; returns the poll reports."""
    from ..fetch.client import Fetcher
    report = ErrorReport()
    with Fetcher(settings) as fetcher:
        harvest = kb.harvest(fetcher, workers=workers, threads=threads, on_problem=report, progress=progress,
                             dask=dask, scheduler=scheduler)
        return [harvest.poll(target).as_json() for target in fetch_targets(urls, feeds, sitemaps)]


def print_polls(polls: list[dict]) -> None:
    """One line per poll (the same line `watch` logs)."""
    from ..ingest.harvest import PollReport
    for poll in polls:
        fields = {k: v for k, v in poll.items() if k in PollReport.__dataclass_fields__}
        print(PollReport(**fields).line())


def check_targets(urls: list[str], feeds: List[str], sitemaps: List[str]) -> None:
    """Feeds and sitemaps must be http(s) URLs: one error line otherwise."""
    from ..fetch.safety import check_url
    for url in [*feeds, *sitemaps, *urls]:
        try:
            check_url(url)
        except LetopisError as exc:
            fail(exc)
