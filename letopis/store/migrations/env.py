"""Alembic environment: run migrations on the connection the store hands over.

`letopis.store.engine.upgrade()` passes its open connection in
`config.attributes["connection"]`, so migrations run inside the store's own
engine (SQLite file or PostgreSQL URL) without an alembic.ini.
"""
from __future__ import annotations

from alembic import context

from letopis.store.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    """Migrate over the store's connection (render_as_batch: SQLite ALTERs)."""
    connection = config.attributes["connection"]
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
