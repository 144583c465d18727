"""A response cache keyed on the store's data version: a repeated GET costs no query.

Under load the same few pages and API answers are asked for again and again
(the soak's mix: a profile of a famous entity is 16 queries and 86 KB of
JSON). An answer depends only on its URL and the stored data, so a 200 GET
answer is kept, whole, until the data changes:

- the data version of a SQLite store is the size and modification time of
  the database file and of its write-ahead log: every commit by any process
  (an ingest beside the server, the server's own writer) changes one of them,
  and a `stat` costs microseconds, so it is checked on every request and an
  answer is never staler than the last commit;
- other databases (PostgreSQL) have no such cheap signal here: nothing is
  cached for them.

`LETOPIS_WEB_CACHE=0` turns it off (bench/soak.py compares both).

It sits inside the security middleware (the Host check and the headers run
on every answer, cached or not), caches only GET answers with status 200 and
a JSON, HTML or CSV body, and is bounded (entries and bytes), emptied
whenever the version moves, so memory stays flat over any number of requests.
"""
from __future__ import annotations

import os
import threading
from collections import OrderedDict
from typing import Callable

MAX_ENTRIES = 512
MAX_BYTES = 32 * 1024 * 1024  # all cached bodies together
MAX_BODY = 2 * 1024 * 1024  # one answer bigger than this is not kept
CACHED_TYPES = (b"application/json", b"text/html", b"text/csv")


def sqlite_version(path: str) -> Callable[[], tuple | None]:
    """The data-version function of a SQLite file (see the module doc)."""
    files = (path, path + "-wal")

    def version() -> tuple | None:
        out = []
        for name in files:
            try:
                st = os.stat(name)
            except OSError:
                out.append(None)
                continue
            out.append((st.st_mtime_ns, st.st_size, st.st_ino))
        return tuple(out)
    return version


def version_of(kb) -> Callable[[], tuple | None] | None:
    """The data-version function of a KnowledgeBase's store, or None (nothing cached)."""
    from ..store.engine import sqlite_path
    if os.environ.get("LETOPIS_WEB_CACHE", "1") == "0":  # off: every request queries (for comparisons)
        return None
    path = sqlite_path(getattr(kb, "url", "") or "")
    return sqlite_version(path) if path else None


class ResponseCache:
    """ASGI middleware: 200 GET answers kept per URL until the data version changes."""

    def __init__(self, app, version: Callable[[], tuple | None] | None):
        self.app = app
        self.version = version
        self.lock = threading.Lock()
        self.entries: OrderedDict[tuple, tuple[int, list, bytes]] = OrderedDict()
        self.bytes = 0
        self.current = None
        self.hits = self.misses = 0

    def _get(self, version, key):
        with self.lock:
            if version != self.current:
                self.entries.clear()
                self.bytes = 0
                self.current = version
                return None
            found = self.entries.get(key)
            if found is not None:
                self.entries.move_to_end(key)
            return found

    def _put(self, version, key, value) -> None:
        size = len(value[2])
        if size > MAX_BODY:
            return
        with self.lock:
            if version != self.current or key in self.entries:
                return
            self.entries[key] = value
            self.bytes += size
            while len(self.entries) > MAX_ENTRIES or self.bytes > MAX_BYTES:
                _, (_, _, body) = self.entries.popitem(last=False)
                self.bytes -= len(body)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or self.version is None:
            return await self.app(scope, receive, send)
        version = self.version()
        key = (scope["path"], scope.get("query_string", b""))
        found = self._get(version, key)
        if found is not None:
            self.hits += 1
            status, headers, body = found
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        self.misses += 1
        start, chunks, keep = {}, [], True

        async def capture(message):
            nonlocal keep
            if message["type"] == "http.response.start":
                start.update(message)
                kind = dict(message.get("headers") or []).get(b"content-type", b"")
                keep = message["status"] == 200 and kind.startswith(CACHED_TYPES)
            elif message["type"] == "http.response.body" and keep:
                chunks.append(message.get("body", b""))
                if not message.get("more_body") and version == self.version():  # unchanged while it was drawn
                    self._put(version, key, (start["status"], list(start.get("headers") or []), b"".join(chunks)))
            await send(message)

        await self.app(scope, receive, capture)
