"""Opening a store: a file path or SQLAlchemy URL -> an engine, migrated.

`resolve_url` accepts what a user types (`letopis.db`, `/tmp/x.db`,
`sqlite:///x.db`, `postgresql+psycopg://...`), with `LETOPIS_DB` as the
default. `open_engine` creates the engine with SQLite pragmas suited to one
writer and many readers (WAL), then applies the alembic migrations shipped in
`letopis/store/migrations` so a new or old database is always current.
"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

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


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL + NORMAL sync: a crash loses at most the last commit, never half of one."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA cache_size=-16384")  # 16 MB per connection: the writer's RSS stays small
    cursor.close()


def create(url: str) -> Engine:
    """Create the engine (no migration)."""
    try:
        if url.startswith("sqlite"):
            path = sqlite_path(url)
            if path and not Path(path).parent.exists():
                raise StoreError(f"cannot open database {path}: folder {Path(path).parent} does not exist")
            engine = create_engine(url, connect_args={"timeout": 30})
            event.listen(engine, "connect", _sqlite_pragmas)
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


def open_engine(db: str | None = None) -> Engine:
    """Path/URL -> a migrated engine; a clear StoreError if it cannot be opened."""
    url = resolve_url(db)
    engine = create(url)
    try:
        upgrade(engine)
    except OperationalError as exc:
        raise StoreError(f"cannot open database {safe_url(url)}: {exc.orig}") from None
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot migrate database {safe_url(url)}: {exc}") from None
    return engine


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url
