"""robots.txt, per origin, with the standard library's parser.

What an unreadable robots.txt means follows RFC 9309: a 4xx answer (no
robots.txt) allows everything; a 5xx answer disallows everything for now,
cached for an hour like any other verdict. When the site cannot be reached
at all (DNS, timeout, refused, a blocked address), that problem is the
page's error, remembered for `FAILURE_TTL` so that the other pages of a site
that is down fail at once instead of each waiting for its own timeout.
"""
from __future__ import annotations

import threading
import time
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from .errors import FetchError

TTL = 3600.0  # seconds a robots.txt is trusted before it is read again
FAILURE_TTL = 300.0  # seconds an unreachable site's robots.txt problem is remembered
MAX_ROBOTS_BYTES = 512 * 1024  # RFC 9309 asks parsers to read at least 500 KiB


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class Robots:
    """`allowed(url)` by the site's robots.txt, fetched once per origin per `TTL` through `fetch_raw`."""

    def __init__(self, fetch_raw, agent: str, clock=time.monotonic):
        self.fetch_raw = fetch_raw  # (url, limit) -> Response, raising FetchError
        self.agent = agent
        self.clock = clock
        self.cache: dict[str, tuple[float, RobotFileParser | FetchError]] = {}
        self.lock = threading.Lock()
        self.origin_locks: dict[str, threading.Lock] = {}

    def parser(self, url: str) -> RobotFileParser:
        """The origin's parsed robots.txt; raises the `FetchError` of a site that cannot be reached."""
        origin = origin_of(url)
        with self.lock:
            lock = self.origin_locks.setdefault(origin, threading.Lock())
        with lock:  # two threads on one site read its robots.txt once
            cached = self.cache.get(origin)
            ttl = FAILURE_TTL if cached and isinstance(cached[1], FetchError) else TTL
            if not cached or self.clock() - cached[0] >= ttl:
                cached = (self.clock(), self.load(origin))
                self.cache[origin] = cached
        if isinstance(cached[1], FetchError):
            raise cached[1]
        return cached[1]

    def load(self, origin: str) -> RobotFileParser | FetchError:
        parser = RobotFileParser(origin + "/robots.txt")
        try:
            response = self.fetch_raw(origin + "/robots.txt", MAX_ROBOTS_BYTES)
        except FetchError as exc:
            if exc.status is None:
                return exc  # the site cannot be reached: that is the page's problem too
            if 400 <= exc.status < 500:
                parser.allow_all = True
            else:
                parser.disallow_all = True
            return parser
        parser.parse(response.body.decode("utf-8", "replace").splitlines())
        return parser

    def allowed(self, url: str) -> bool:
        return self.parser(url).can_fetch(self.agent, url)

    def crawl_delay(self, url: str) -> float | None:
        delay = self.parser(url).crawl_delay(self.agent)
        return float(delay) if delay else None
