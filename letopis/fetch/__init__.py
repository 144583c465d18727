"""The fetch layer: URLs -> bytes -> `Article`s, politely and safely.

Beside the readers (it hands fetched pages to the HTML reader) and below
ingest: nothing here touches the store, the knowledge base or an interface.

    client.py     Fetcher: one HTTP client (httpx) with timeouts, retries, a size cap, redirects checked hop by hop
    safety.py     only http(s); no loopback/private addresses unless allowed, checked at connect time
    robots.py     robots.txt per origin (urllib.robotparser), cached
    ratelimit.py  at most N requests per host per second (and robots' Crawl-delay)
    pages.py      a fetched page -> text (charset from headers or content) -> `Article`
    feeds.py      RSS/Atom (feedparser) -> entries
    sitemaps.py   sitemap indexes, news sitemaps (ultimate-sitemap-parser over our client) -> entries
    sources.py    SOURCES.toml (or a file of feed URLs) -> `Source`s
    watch.py      the polling loop: each source on its interval, N polls, stops cleanly on a signal
"""
from __future__ import annotations

from .errors import FetchError

__all__ = ["FetchError"]
