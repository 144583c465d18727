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
# Characters (title + text) the pipeline analyses in one article at most: its time and memory
# grow with the text (`python bench/soak.py article`, one process, on a busy 2-core machine:
# 195,000 characters 38 s and 643 MB, 1 MB of text (576,000) 91 s and 1.1 GB; 4.9 MB was
# reported at 151 s and 3.3 GB before it was killed), so a longer text is refused with one
# line before any work. The longest of 9,204 corpus news articles has 45,721 characters: the
# limit is twice that. $LETOPIS_MAX_ARTICLE_CHARS changes it for stores of longer documents.
MAX_ARTICLE_CHARS_ENV = "LETOPIS_MAX_ARTICLE_CHARS"
MAX_ARTICLE_CHARS = 100_000


def max_article_chars() -> int:
    """MAX_ARTICLE_CHARS, or $LETOPIS_MAX_ARTICLE_CHARS when set to a positive number."""
    value = os.environ.get(MAX_ARTICLE_CHARS_ENV, "").strip()
    return int(value) if value.isdecimal() and int(value) > 0 else MAX_ARTICLE_CHARS


def database(db: str | None = None) -> str:
    """The store as the user named it: `db`, else $LETOPIS_DB, else letopis.db."""
    return db or os.environ.get(DB_ENV) or DEFAULT_DB
