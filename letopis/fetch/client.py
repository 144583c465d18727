"""`Fetcher`: every request Letopis makes goes through here.

One httpx client (keep-alive, gzip) with: a user agent naming Letopis,
robots.txt honoured (`robots.py`), at most N requests per host per second
(`ratelimit.py`), a deadline per request covering the whole body, retries
with exponential backoff for problems that may pass (timeouts, refused
connections, HTTP 5xx and 429), a size cap enforced while the body streams
in (a 50 MB answer costs at most the cap in memory), and redirects followed
by hand so that each hop is checked like the first URL (scheme, robots, and,
in the connection, its address: see `safety.py`). Every problem is a
`FetchError` naming the URL asked for.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from .. import __version__
from ..settings import MAX_ARTICLE_BYTES
from .errors import FetchError
from .ratelimit import HostRateLimit
from .robots import Robots
from .safety import BlockedAddress, GuardedBackend, NameNotResolved, check_url

AGENT = "Letopis"  # the product token robots.txt rules are matched against
USER_AGENT = f"{AGENT}/{__version__} (Russian news knowledge base; honours robots.txt)"
PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
FEED_ACCEPT = "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5"
MAX_FEED_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit for one file
CHUNK = 64 * 1024


def size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


@dataclass
class FetchSettings:
    """How politely and how patiently to fetch (the CLI's options map onto these)."""

    timeout: float = 10.0  # seconds for one request, connect to last byte
    retries: int = 2  # further tries after a transient problem
    backoff: float = 1.0  # seconds before the first retry, doubled for each next one
    rate: float = 1.0  # requests per host per second (<= 0: no limit)
    max_redirects: int = 5
    allow_private: bool = False  # loopback/private addresses (intranet feeds, tests)
    robots: bool = True
    page_bytes: int = MAX_ARTICLE_BYTES
    feed_bytes: int = MAX_FEED_BYTES


@dataclass
class Response:
    """A successful answer, body in memory (never more than the cap)."""

    url: str  # the URL asked for
    final_url: str  # where the body came from, after redirects
    status: int
    content_type: str  # the media type, lower-cased, without parameters ("" when none was sent)
    charset: str | None  # from the Content-Type header
    body: bytes
    seconds: float
    redirects: list[str] = field(default_factory=list)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over a connection pool whose sockets pass `GuardedBackend`."""

    def __init__(self, allow_private: bool, max_connections: int = 20):
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(  # same pool httpx builds, with our socket backend
            ssl_context=httpx.create_ssl_context(trust_env=False), max_connections=max_connections,
            max_keepalive_connections=max_connections, keepalive_expiry=30.0,
            network_backend=GuardedBackend(allow_private))


class Fetcher:
    """GET URLs under `FetchSettings`; thread-safe (the ingest fetches with a few threads)."""

    def __init__(self, settings: FetchSettings | None = None, sleep=time.sleep):
        self.settings = settings or FetchSettings()
        self.sleep = sleep
        self.client = httpx.Client(transport=GuardedTransport(self.settings.allow_private),
                                   headers={"User-Agent": USER_AGENT, "Accept-Language": "ru,en;q=0.5"},
                                   timeout=httpx.Timeout(self.settings.timeout), follow_redirects=False,
                                   trust_env=False)
        self.rate = HostRateLimit(self.settings.rate)
        self.robots = Robots(lambda url, limit: self.once(url, limit, PAGE_ACCEPT, use_robots=False), AGENT)
        self.requests = 0  # requests sent (robots.txt and redirects included): benches and tests read it

    def close(self) -> None:
        self.client.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def page(self, url: str) -> Response:
        """An HTML page (capped at `page_bytes`)."""
        return self.get(url, self.settings.page_bytes, PAGE_ACCEPT)

    def feed(self, url: str) -> Response:
        """A feed or sitemap (capped at `feed_bytes`)."""
        return self.get(url, self.settings.feed_bytes, FEED_ACCEPT)

    def get(self, url: str, limit: int, accept: str = PAGE_ACCEPT) -> Response:
        """`once`, tried again after transient problems with exponential backoff."""
        attempt = 0
        while True:
            try:
                return self.once(url, limit, accept)
            except FetchError as exc:
                if not exc.retry or attempt >= self.settings.retries:
                    raise
            self.sleep(self.settings.backoff * 2 ** attempt)
            attempt += 1

    def once(self, url: str, limit: int, accept: str, use_robots: bool = True) -> Response:
        """One try: redirects followed hop by hop, each hop checked; a `FetchError` names `url`.

        The deadline (`timeout`) is per request, from sending it to the last byte: the
        wait for robots.txt and for the host's rate slot is not the server's slowness.
        """
        current = check_url(url)
        hops: list[str] = []
        while True:
            where = f" (redirected to {current})" if hops else ""
            if use_robots and self.settings.robots:
                self.check_robots(url, current, where)
            self.rate.wait(urlsplit(current).netloc.lower())
            self.requests += 1
            started = time.monotonic()
            try:
                with self.client.stream("GET", current, headers={"Accept": accept}) as answer:
                    if answer.is_redirect:
                        current = self.next_hop(url, current, answer, hops)
                        continue
                    return self.read(url, current, answer, limit, started, hops)
            except FetchError:
                raise
            except httpx.TimeoutException:
                raise FetchError(url, f"timeout after {self.settings.timeout:g} s{where}", transient=True) from None
            except BlockedAddress as exc:
                raise FetchError(url, f"{exc}{where}") from None
            except NameNotResolved as exc:
                raise FetchError(url, f"DNS: {exc}{where}", transient=True) from None
            except httpx.ConnectError as exc:
                raise FetchError(url, f"cannot connect: {exc or 'connection failed'}{where}", transient=True) from None
            except httpx.HTTPError as exc:
                raise FetchError(url, f"HTTP error: {type(exc).__name__}: {exc}{where}", transient=True) from None

    def check_robots(self, url: str, current: str, where: str) -> None:
        """robots.txt of the hop's site must allow it; its Crawl-delay joins the rate limit."""
        try:
            allowed = self.robots.allowed(current)
        except FetchError as exc:  # the site cannot be reached (its robots.txt neither)
            raise FetchError(url, exc.problem + where, transient=exc.transient, retry=False) from None
        if not allowed:  # robots.txt may change by the next poll: transient, but not retried now
            raise FetchError(url, f"disallowed by robots.txt{where}", transient=True, retry=False)
        self.rate.set_delay(urlsplit(current).netloc.lower(), self.robots.crawl_delay(current))

    def next_hop(self, url: str, current: str, answer: httpx.Response, hops: list[str]) -> str:
        location = answer.headers.get("location")
        if not location:
            raise FetchError(url, f"HTTP {answer.status_code} redirect without a Location", status=answer.status_code)
        hops.append(current)
        if len(hops) > self.settings.max_redirects:
            raise FetchError(url, f"too many redirects (more than {self.settings.max_redirects})")
        target = urljoin(current, location.strip())
        try:
            return check_url(target)
        except FetchError as exc:
            raise FetchError(url, f"redirect to {target[:200]}: {exc.problem}") from None

    def read(self, url: str, current: str, answer: httpx.Response, limit: int, started: float,
             hops: list[str]) -> Response:
        """The body of a final answer, refused past `limit` bytes or past the deadline."""
        where = f" (redirected to {current})" if hops else ""
        status = answer.status_code
        if status >= 400:
            reason = answer.reason_phrase or ""
            raise FetchError(url, f"HTTP {status} {reason}".rstrip() + where,
                             transient=status >= 500 or status in (408, 429), status=status)
        declared = answer.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"too large: {size_text(int(declared))} (the limit is {size_text(limit)}){where}")
        chunks, size = [], 0
        for chunk in answer.iter_bytes(CHUNK):
            size += len(chunk)
            if size > limit:
                raise FetchError(url, f"too large: over {size_text(limit)} (the limit is {size_text(limit)}){where}")
            if time.monotonic() - started > self.settings.timeout:
                raise FetchError(url, f"timeout after {self.settings.timeout:g} s (body still arriving){where}",
                                 transient=True)
            chunks.append(chunk)
        media = answer.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        return Response(url=url, final_url=current, status=status, content_type=media,
                        charset=answer.charset_encoding, body=b"".join(chunks),
                        seconds=time.monotonic() - started, redirects=hops)
