"""The corpus store: persistence only (engine, models, migrations, writer, queries, search, export).

`open_engine(db)` opens (and migrates) a SQLite file or PostgreSQL URL;
`letopis.kb.KnowledgeBase` is the API over it. Ingest orchestration lives in
`letopis.ingest`, the SQL-free cross-document algorithms in `letopis.corpus`.
"""
from __future__ import annotations

from .engine import open_engine, resolve_url

__all__ = ["open_engine", "resolve_url"]
