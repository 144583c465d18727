"""One writer per store at a time, across processes.

Two ingests into one store used to race: on a new SQLite file both ran the
migrations (`table articles already exists`), on an existing one each
writer's in-memory indexes (entity ids, URLs seen) went stale under the
other's commits (`UNIQUE constraint failed: corpus_entities.id`, a text
stored twice). Writers are therefore serialised per store:

- SQLite: an exclusive `flock` on a lock file beside the database
  (`kb.db.lock`), released by the kernel when the process dies;
- PostgreSQL: a session advisory lock (`pg_advisory_lock`) keyed by the
  store, released when its connection closes.

`writer_lock(engine)` tries first; when another writer holds the lock it
says so in one line ("waiting for another ingest into PATH to finish")
and waits, or, with `wait=False`, raises `StoreBusy` at once (the web API
answers 503 rather than hold a request open).
"""
from __future__ import annotations

import sys
import zlib
from contextlib import contextmanager
from typing import Callable, Iterator

from sqlalchemy import text
from sqlalchemy.engine import Engine

from ..errors import StoreError

LOCK_SUFFIX = ".lock"


class StoreBusy(StoreError):
    """Another writer holds the store (raised only when asked not to wait)."""


def announce(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def store_name(engine: Engine) -> str:
    """The store as messages name it: the SQLite file, or the URL without its password."""
    from .engine import safe_url, sqlite_path
    url = engine.url.render_as_string(hide_password=False)
    return sqlite_path(url) or safe_url(url)


@contextmanager
def writer_lock(engine: Engine, wait: bool = True, on_wait: Callable[[str], None] = announce) -> Iterator[None]:
    """Hold the store's writer lock inside the block (see the module doc)."""
    where = store_name(engine)
    busy = f"waiting for another ingest into {where} to finish"
    if engine.dialect.name == "sqlite":
        with _file_lock(engine, where, wait, busy, on_wait):
            yield
    elif engine.dialect.name == "postgresql":
        with _advisory_lock(engine, where, wait, busy, on_wait):
            yield
    else:  # another database: its own transactions are all there is
        yield


@contextmanager
def _file_lock(engine: Engine, where: str, wait: bool, busy: str, on_wait) -> Iterator[None]:
    from .engine import sqlite_path
    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    if not path or path.startswith("file:"):  # :memory: (one process) or a URI store: nothing to share
        yield
        return
    import fcntl
    try:
        handle = open(path + LOCK_SUFFIX, "a+b")
    except OSError as exc:
        raise StoreError(f"cannot lock {where} for writing: {path + LOCK_SUFFIX}: {exc.strerror}") from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise StoreBusy(f"another ingest into {where} is running; try again when it has finished") from None
            on_wait(busy)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        handle.close()  # closing releases the lock


@contextmanager
def _advisory_lock(engine: Engine, where: str, wait: bool, busy: str, on_wait) -> Iterator[None]:
    key = zlib.crc32(f"letopis-writer:{engine.url.database}".encode()) - 2**31  # a signed 32-bit key
    with engine.connect() as conn:
        got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar()
        conn.commit()
        if not got:
            if not wait:
                raise StoreBusy(f"another ingest into {where} is running; try again when it has finished")
            on_wait(busy)
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": key})
            conn.commit()
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
            conn.commit()
