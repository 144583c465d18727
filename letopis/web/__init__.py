"""Web UI and HTTP JSON API over a `KnowledgeBase` (SPEC capability 7).

`create_app(kb)` builds a FastAPI app: JSON under `/api/...` (OpenAPI docs at
`/api/docs`), server-rendered pages everywhere else. Both call the same query
functions in `queries.py`, which only call the `KnowledgeBase` (no SQL here).
"""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
