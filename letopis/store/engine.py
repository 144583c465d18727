"""Opening a store: a file path or SQLAlchemy URL -> an engine, migrated.

`resolve_url` accepts what a user types (`letopis.db`, `/tmp/x.db`,
`sqlite:///x.db`, `postgresql+psycopg://...`), with `LETOPIS_DB` as the
default. `open_engine` creates the engine with SQLite pragmas suited to one
writer and many readers (WAL), then applies the alembic migrations shipped in
`letopis/store/migrations` so a new or old database is always current.

`open_engine(db, read_only=True)` is for commands that only query (search,
stats, export, a read-only server): a SQLite file is opened with
`mode=ro` (so it works in a read-only folder and no write can go through),
no pragma that writes is set, and migrations are only checked: a store that
is not current is a StoreError asking to open it once for writing.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import QueuePool

from ..errors import StoreError
from ..settings import database

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def resolve_url(db: str | None = None) -> str:
    """A path or URL (or None: $LETOPIS_DB, else letopis.db) -> a SQLAlchemy URL."""
    db = database(db)
    if "://" in db:
        if db.startswith("postgresql://"):
            return "postgresql+psycopg://" + db[len("postgresql://"):]
        if db.startswith("postgres://"):
            return "postgresql+psycopg://" + db[len("postgres://"):]
        return db
    return "sqlite:///" + str(Path(db).expanduser())


def sqlite_path(url: str) -> str | None:
    """The file of a SQLite URL (None for other databases and for `:memory:`)."""
    if not url.startswith("sqlite"):
        return None
    path = url.split(":///", 1)[-1]
    return path if path and path != ":memory:" else None


# Every connection: foreign keys, a patient lock wait, 16 MB of cache (the writer's RSS stays small).
SHARED_PRAGMAS = ("foreign_keys=ON", "busy_timeout=30000", "cache_size=-16384")
# A writing connection: WAL + NORMAL sync, so a crash loses at most the last commit, never half of one.
WRITE_PRAGMAS = ("journal_mode=WAL", "synchronous=NORMAL")
# A read-only one changes no journal mode or sync (they write) and refuses writes.
READ_PRAGMAS = ("query_only=ON",)
READ_POOL = 8  # connections kept by a read-only engine (the server's threads share them)


def _pragmas(*pragmas: str):
    """A connect listener that sets these pragmas on each new SQLite connection."""
    def listener(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        for pragma in pragmas:
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()
    return listener


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK)


def _read_only_uri(path: str) -> str:
    """`file:` URI opening `path` read-only; immutable when its folder cannot hold the WAL's -shm file."""
    uri = "file:" + quote(str(Path(path).resolve())) + "?mode=ro"
    folder = Path(path).resolve().parent
    if not _writable(folder) and not Path(path + "-shm").exists():
        uri += "&immutable=1"  # nobody can write there either, so nothing changes under the reader
    return uri


def create(url: str, read_only: bool = False) -> Engine:
    """Create the engine (no migration); `read_only` opens a SQLite file with mode=ro."""
    try:
        if url.startswith("sqlite"):
            path = sqlite_path(url)
            if path and not Path(path).parent.exists():
                raise StoreError(f"cannot open database {path}: folder {Path(path).parent} does not exist")
            if read_only and path:
                if not Path(path).is_file():
                    raise StoreError(f"no knowledge base at {path}: run `letopis ingest` first (no such file)")
                uri = _read_only_uri(path)
                # QueuePool, not the SingletonThreadPool a bare "sqlite://" gets: that one closes a
                # connection another thread is still using once more than 5 threads read (a
                # segfault under a 16-client load on `letopis serve`)
                engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(
                    uri, uri=True, timeout=30, check_same_thread=False), poolclass=QueuePool,
                    pool_size=READ_POOL, max_overflow=-1)  # no cap: a read may nest a second connection
                event.listen(engine, "connect", _pragmas(*READ_PRAGMAS, *SHARED_PRAGMAS))
                return engine
            engine = create_engine(url, connect_args={"timeout": 30})
            event.listen(engine, "connect", _pragmas(*WRITE_PRAGMAS, *SHARED_PRAGMAS))
            return engine
        return create_engine(url, pool_pre_ping=True)
    except (ArgumentError, SQLAlchemyError, ImportError) as exc:
        raise StoreError(f"cannot open database {url}: {exc}") from None


def upgrade(engine: Engine) -> None:
    """Apply the shipped alembic migrations up to head."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def is_current(engine: Engine) -> bool:
    """Whether the store is at the shipped migrations' head (a read, nothing written)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from alembic.config import Config
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    heads = set(ScriptDirectory.from_config(config).get_heads())
    with engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads()) == heads


def open_engine(db: str | None = None, read_only: bool = False) -> Engine:
    """Path/URL -> a migrated engine; a clear StoreError if it cannot be opened.

    `read_only`: open for queries only; the store must already be current (see the module doc).
    """
    url = resolve_url(db)
    engine = create(url, read_only=read_only)
    try:
        if read_only:
            if not is_current(engine):
                engine.dispose()
                raise StoreError(f"database {safe_url(url)} needs an upgrade: open it once for writing "
                                 "(e.g. letopis ingest) first")
            return engine
        if not is_current(engine):  # two first ingests at once must not both create the tables
            from .lock import writer_lock
            with writer_lock(engine):
                upgrade(engine)
    except OperationalError as exc:
        raise StoreError(f"cannot open database {safe_url(url)}: {exc.orig}") from None
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot migrate database {safe_url(url)}: {exc}") from None
    return engine


# Errors after which no later article can be stored either: stop the ingest at the first one.
# SQLite says so in words; PostgreSQL with SQLSTATEs (class 53: disk full / out of memory /
# too many connections; 25006 read-only transaction; 42501 no privilege; 08 and 57P0x: connection gone).
FATAL_SQLITE = ("database or disk is full", "attempt to write a readonly database", "disk i/o error",
                "unable to open database file", "readonly database")
FATAL_SQLSTATE_PREFIXES = ("53", "25006", "42501", "08", "57P0")


def fatal_write_error(exc: BaseException) -> str | None:
    """The first line of a store error that ends an ingest (disk full, read-only store, lost
    connection), or None for an error of one article."""
    orig = getattr(exc, "orig", None) or exc
    message = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    sqlstate = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if sqlstate and str(sqlstate).startswith(FATAL_SQLSTATE_PREFIXES):
        return message
    if isinstance(orig, sqlite3.Error) and any(text in message.lower() for text in FATAL_SQLITE):
        return message
    if isinstance(orig, OSError) and getattr(orig, "errno", None) in (28, 30):  # ENOSPC, EROFS
        return message
    return None


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url
