"""Ingest orchestration: read -> analyze in worker processes -> write, one article at a time.

    ingestor.Ingestor   decides skip/new/update, feeds a process pool or Dask, writes results
    ingestor.read_all   articles of many paths, unreadable inputs recorded as failures
    ingestor.Summary    what a run did (`as_json()` is the API's summary)
    worker.prepare      one article -> what the writer stores (runs in the workers)

`letopis.kb.KnowledgeBase.ingest` is the entry point; progress is a callback
`progress(summary)` called after each article (the CLI draws a rich bar with it).
This package drives the store (`letopis.store.writer.Writer`); the store never imports it.
"""
from __future__ import annotations

from .ingestor import Ingestor, Progress, Summary, read_all

__all__ = ["Ingestor", "Progress", "Summary", "read_all"]
