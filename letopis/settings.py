"""Settings with one source each: where the store is, and how much one call may ask for.

Every interface (CLI commands, `letopis serve`, the Python API) resolves the
store with `database()`, and imports its bounds from here, so a setting
cannot drift between two copies.
"""
from __future__ import annotations

import os

DB_ENV = "LETOPIS_DB"  # the store used when none is given
DEFAULT_DB = "letopis.db"  # ... and when that variable is not set either

# Rows one `KnowledgeBase` call returns at most (the Python API clamps `limit` to it;
# CLI `--limit` accepts up to it): a bound on memory, not a page size.
MAX_ROWS = 1000
# Page size of the HTTP API and the web pages (`limit` 1..MAX_PAGE_SIZE, else 400):
# what one request renders, kept small for the pages and for callers on the network.
MAX_PAGE_SIZE = 100
# One article (a text file, an HTML page, a JSON file, one JSONL record, one POST body)
# at most, once decompressed: a news article is a few KB, anything bigger is a wrong file.
MAX_ARTICLE_BYTES = 5 * 1024 * 1024


def database(db: str | None = None) -> str:
    """The store as the user named it: `db`, else $LETOPIS_DB, else letopis.db."""
    return db or os.environ.get(DB_ENV) or DEFAULT_DB
