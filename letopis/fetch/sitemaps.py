"""Sitemaps -> `Entry`s: sitemap indexes, news sitemaps, text and robots.txt sitemaps.

Parsing and recursion are ultimate-sitemap-parser's (`usp`): it reads
`<sitemapindex>`, `<urlset>` with Google News `<news:news>` (title and
publication date), plain-text sitemaps, RSS/Atom used as sitemaps, `.gz`
files, and refuses DOCTYPE/ENTITY tricks. Every file it asks for is fetched
by our `Fetcher` (`FetcherClient`), so robots.txt, the rate limit, the size
cap and the address rules hold for sub-sitemaps too, and each failed one is
a `FetchError` of its own. At most `max_sitemaps` files are read per call:
a big site's index can list thousands of daily archives.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from usp.exceptions import SitemapException
from usp.fetch_parse import SitemapFetcher
from usp.objects.sitemap import InvalidSitemap
from usp.web_client.abstract_client import (AbstractWebClient, AbstractWebClientSuccessResponse,
                                            WebClientErrorResponse)

from .client import Fetcher, Response
from .errors import FetchError
from .feeds import Entry

logging.getLogger("usp").setLevel(logging.CRITICAL + 1)  # its warnings would reach stderr; we report ourselves
MAX_SITEMAPS = 100


class FetchedAnswer(AbstractWebClientSuccessResponse):
    """Our `Response` as usp expects a successful answer."""

    def __init__(self, response: Response):
        self.response = response

    def status_code(self) -> int:
        return self.response.status

    def status_message(self) -> str:
        return "OK"

    def header(self, case_insensitive_name: str) -> str | None:
        if case_insensitive_name.lower() == "content-type":
            return self.response.content_type or None
        return None

    def raw_data(self) -> bytes:
        return self.response.body

    def url(self) -> str:
        return self.response.final_url


class FetcherClient(AbstractWebClient):
    """usp's web client over our `Fetcher`; remembers each problem and every file read."""

    def __init__(self, fetcher: Fetcher):
        self.fetcher = fetcher
        self.errors: list[FetchError] = []
        self.fetched: list[Response] = []

    def set_max_response_data_length(self, max_response_data_length: int | None) -> None:
        """Ignored: the fetcher's own cap (`feed_bytes`) applies."""

    def get(self, url: str):
        try:
            response = self.fetcher.feed(url)
        except FetchError as exc:
            self.errors.append(exc)
            return WebClientErrorResponse(exc.problem, retryable=False)  # the fetcher has retried already
        self.fetched.append(response)
        return FetchedAnswer(response)


@dataclass
class SitemapResult:
    entries: list[Entry] = field(default_factory=list)
    errors: list[FetchError] = field(default_factory=list)  # sub-sitemaps that failed (the others still count)
    files: int = 0  # sitemap files read


def iso(value) -> str | None:
    return value.isoformat(timespec="minutes") if value is not None else None


def read_sitemap(fetcher: Fetcher, url: str, max_sitemaps: int = MAX_SITEMAPS) -> SitemapResult:
    """Every page URL under a sitemap (index), with news titles and dates where given.

    Only a news sitemap's publication date is taken as a date: `<lastmod>`
    says when a page last changed, not when it was published.

    The sitemap itself failing (unreachable, not a sitemap) is a `FetchError`.
    """
    client = FetcherClient(fetcher)
    budget = [max_sitemaps - 1]

    def within_budget(urls, level, parents):
        allowed = urls[:max(0, budget[0])]
        budget[0] -= len(allowed)
        return allowed

    try:
        root = SitemapFetcher(url, recursion_level=0, web_client=client,
                              recurse_list_callback=within_budget).sitemap()
    except SitemapException as exc:
        raise FetchError(url, f"not a sitemap: {exc}") from None
    if isinstance(root, InvalidSitemap):
        if client.errors and client.errors[0].url == url:
            raise client.errors[0]
        raise FetchError(url, "not a sitemap (no <urlset>, <sitemapindex> or list of URLs found)")
    entries, seen = [], set()
    for page in root.all_pages():
        if page.url in seen:
            continue
        seen.add(page.url)
        story = page.news_story
        entries.append(Entry(page.url, story.title if story and story.title else None,
                             iso(story.publish_date) if story else None))
    errors = [e for e in client.errors if e.url != url]
    return SitemapResult(entries, errors, len(client.fetched))
