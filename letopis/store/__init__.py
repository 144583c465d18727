"""The corpus store: SQLAlchemy models, migrations, ingest, linking, search, stories.

`open_engine(db)` opens (and migrates) a SQLite file or PostgreSQL URL;
`letopis.kb.KnowledgeBase` is the API over it.
"""
from __future__ import annotations

from .engine import open_engine, resolve_url

__all__ = ["open_engine", "resolve_url"]
