"""`KnowledgeBase`: the Python API over a corpus store.

This is the one facade the interfaces call (CLI corpus commands, HTTP API,
web pages). It opens a store by URL (`sqlite:///letopis.db` by default, or
`postgresql://...`), ingests articles and answers queries. Every query
returns plain JSON-ready dicts/lists, so CLI, HTTP and web render the same
data.

Return shapes (the contract between store and interfaces):
- stats() -> {"articles", "entities", "mentions", "facts", "events", "dates", "stories", "near_duplicates"} counts
  ("stories" counts stories of 2+ articles)
- articles(limit, offset, q=None) -> {"total", "items": [{"id","title","url","source","published","rubric"}]}
  newest first; q filters titles (substring)
- card(article_id) -> the card JSON (SPEC.md) or None; each card entity also
  has "corpus_id" (the corpus entity it links to), and "corpus": {"story_id", "duplicate_of" (article id or None)}
- entities(limit, offset, type=None, q=None) -> {"total", "items": [{"id","name","type","subtype","mentions","articles"}]}
  ordered by mentions desc; q matches any alias (prefix, case-insensitive)
- entity(key) -> profile or None, key = corpus entity id or a name/alias (a surname alone -> the most mentioned person):
  {"id","name","type","subtype","mentions","article_count","aliases": [...],
   "positions": [{"position","where","first","last","articles"}],
   "mentions_per_day": [{"date","count"}], "co_mentioned": [{"id","name","type","count"}],
   "events": [event rows], "articles": [{"id","title","published"}] (latest 20), "facts": [...]}
- facts(type=None, entity=None, limit, offset) -> {"total", "items": [fact dict + "id","article_id","published",
  "entities": {role: [names]}]}
- events(type=None, place=None, date_from=None, date_to=None, min_killed=None, limit, offset, sort=None)
    -> {"total", "items": [{"id","article_id","article_title","type","date","places": [names],"place_ids",
        "killed","injured", ...the card event's other fields}]}
  sort in "date","-date","killed","-killed","injured","-injured","type","-type" (None = newest first);
  an unknown sort raises ValueError
- stories(limit, offset, min_articles=2) -> {"total", "items": [{"id","title","first","last","articles": count,
  "entities": [names],"event_types"}]} newest first (by last date), then biggest
- story(story_id) -> {"id","title","first","last","articles": [article rows, oldest first],"entities": [names],
  "entity_ids","event_types"} or None
- search(query, limit, offset, date_from=None, date_to=None, source=None, rubric=None, entity=None, event_type=None)
    -> {"total", "items": [{"article_id","title","published","source","snippet","score"}]}
  (snippet marks matches with <mark>...</mark> around *escaped* text); never raises on odd user strings;
  a name is found in any of its forms (entity names are indexed as normalized); entity = id or any name
- facts and events name corpus entities: every role field (person, where, participants, places, ...)
  holds corpus entity ids, and "entities": {role: [corpus names]}
- ingest(paths, workers=2, progress=None, dask=False, scheduler=None)
    -> summary {"read","new","updated","skipped","near_duplicates","chars","seconds","failed": [{"path","problem"}]}
  progress: None, or a callback(summary) called once per article read (the CLI draws a rich bar with it)
- ingest_articles(articles, workers=2) -> the same summary, for `Article` objects already read
- harvest(fetcher, workers=2, threads=2, on_problem=None) -> a `letopis.ingest.harvest.Harvest`: `.poll(Target)`
  fetches a feed, a sitemap or URLs, ingests what is new and logs every fetch -> a `PollReport`
- sources() -> [{"source","kind","name","polls","new","updated","failed","failed_polls","last_poll": {poll row},
  "errors": [{"url","problem","at","status"}]}] latest polled first; fetch_log(source=None, limit=100) -> [fetch rows]
- export(kind, fmt, out) for kind in entities|facts|events, fmt in csv|jsonl; out = path, text stream or
  None (stdout); returns the number of rows
KnowledgeBase(db) accepts None ($LETOPIS_DB, else letopis.db), a plain file path or a SQLAlchemy URL;
limit is clamped to 0..letopis.settings.MAX_ROWS (1000). Errors are `letopis.errors.StoreError` (one clear line).
TODO(web): examples/ + a follow-up article on the Dagestan attacks (tests/conftest.py FOLLOWUP_ARTICLE) form no 2+ story:
  COMMON_SHARE=5% makes every entity "common" in a 10-article corpus, so no candidates are proposed.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Iterable

from sqlalchemy.exc import SQLAlchemyError

from .errors import StoreError
from .settings import MAX_ROWS
from .store import export as exporter
from .store import fetchlog, queries
from .store.engine import open_engine, resolve_url, safe_url
from .store.lemmas import Lemmatizer
from .store.search import Filters as SearchFilters
from .store.search import results as search_results

if TYPE_CHECKING:
    from .ingest import Progress


def _page(limit, offset) -> tuple[int, int]:
    """Clamp paging arguments (interfaces pass user input straight through)."""
    try:
        limit, offset = int(limit), int(offset)
    except (TypeError, ValueError):
        raise ValueError("limit and offset must be integers") from None
    return max(0, min(limit, MAX_ROWS)), max(0, offset)


class KnowledgeBase:
    """A corpus store opened by path or URL (None: $LETOPIS_DB, else letopis.db)."""

    def __init__(self, db: str | None = None, read_only: bool = False):
        """`read_only`: for queries only (a SQLite file opened mode=ro; ingest refused)."""
        self.url = resolve_url(db)
        self.read_only = read_only
        self.engine = open_engine(db, read_only=read_only)
        self._lemmatizer: Lemmatizer | None = None
        self._writer = None

    def __repr__(self) -> str:
        return f"KnowledgeBase({safe_url(self.url)!r})"

    def close(self) -> None:
        """Release connections."""
        self.engine.dispose()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def lemmatizer(self) -> Lemmatizer:
        if self._lemmatizer is None:
            self._lemmatizer = Lemmatizer()
        return self._lemmatizer

    def _read(self, fn, *args, **kwargs):
        """Run a read query; database failures become StoreError."""
        try:
            with self.engine.connect() as conn:
                return fn(conn, *args, **kwargs)
        except SQLAlchemyError as exc:
            raise StoreError(f"query failed: {type(exc).__name__}: {str(exc).splitlines()[0]}") from None

    # --- queries ---------------------------------------------------------
    def stats(self) -> dict:
        return self._read(queries.stats)

    def articles(self, limit: int = 50, offset: int = 0, q: str | None = None, source: str | None = None,
                 rubric: str | None = None) -> dict:
        limit, offset = _page(limit, offset)
        return self._read(queries.articles, limit, offset, q, source or None, rubric or None)

    def article_facets(self, q: str | None = None, source: str | None = None, rubric: str | None = None) -> dict:
        """{"source"|"rubric": [{"value", "count"}]} of the articles under the same filters as `articles`."""
        return self._read(queries.article_facets, q, source or None, rubric or None)

    def card(self, article_id: str) -> dict | None:
        return self._read(queries.card, str(article_id))

    def entities(self, limit: int = 50, offset: int = 0, type: str | None = None, q: str | None = None,
                 subtype: str | None = None) -> dict:
        limit, offset = _page(limit, offset)
        return self._read(queries.entities, limit, offset, type, q, subtype or None)

    def entity_facets(self, type: str | None = None, q: str | None = None, subtype: str | None = None) -> dict:
        """{"type"|"subtype": [{"value", "count"}]} of the entities under the same filters as `entities`."""
        return self._read(queries.entity_facets, type, q, subtype or None)

    def entity(self, key) -> dict | None:
        return self._read(queries.entity, key)

    def facts(self, type: str | None = None, entity=None, limit: int = 50, offset: int = 0) -> dict:
        limit, offset = _page(limit, offset)
        return self._read(queries.facts, type, entity, limit, offset)

    def events(self, type: str | None = None, place: str | None = None, date_from: str | None = None,
               date_to: str | None = None, min_killed: int | None = None, limit: int = 50, offset: int = 0,
               sort: str | None = None) -> dict:
        limit, offset = _page(limit, offset)
        return self._read(queries.events, type, place, date_from, date_to, min_killed, limit, offset, sort)

    def event_facets(self, type: str | None = None, place: str | None = None, date_from: str | None = None,
                     date_to: str | None = None, min_killed: int | None = None) -> dict:
        """{"type"|"place"|"year": [{"value", "count"}]} of the events under the same filters as `events`."""
        return self._read(queries.event_facets, type, place, date_from, date_to, min_killed)

    def stories(self, limit: int = 50, offset: int = 0, min_articles: int = 2) -> dict:
        limit, offset = _page(limit, offset)
        return self._read(queries.stories, limit, offset, min_articles)

    def story(self, story_id) -> dict | None:
        try:
            story_id = int(story_id)
        except (TypeError, ValueError):
            return None
        return self._read(queries.story, story_id)

    def search(self, query: str, limit: int = 20, offset: int = 0, date_from: str | None = None,
               date_to: str | None = None, source: str | None = None, rubric: str | None = None,
               entity=None, event_type: str | None = None) -> dict:
        """Full-text search, optionally narrowed by publication dates, source, rubric, a mentioned
        entity (id or any name) and a reported event type; an unknown entity raises ValueError."""
        limit, offset = _page(limit, offset)
        entity_id = None
        if entity is not None and entity != "":
            entity_id = self._read(queries.resolve_entity, entity)
            if entity_id is None:
                raise ValueError(f"no entity named {entity!r}")
        filters = SearchFilters(date_from=date_from or None, date_to=date_to or None, source=source or None,
                                rubric=rubric or None, entity=entity_id, event_type=event_type or None)
        return self._read(search_results, self.lemmatizer, query or "", limit, offset, filters)

    # --- ingest and export -----------------------------------------------
    def ingest(self, paths: Iterable[str], workers: int = 2, progress: Progress | None = None, dask: bool = False,
               scheduler: str | None = None) -> dict:
        """Ingest files/directories; `progress(summary)`, if given, is called once per article read."""
        from .ingest import read_all
        if isinstance(paths, (str, Path)):
            paths = [paths]
        ingestor = self._ingestor(workers, progress, dask, scheduler)
        return ingestor.run(read_all([str(p) for p in paths], ingestor.summary)).as_json()

    def ingest_articles(self, articles, workers: int = 2, progress: Progress | None = None, dask: bool = False,
                        scheduler: str | None = None, wait: bool = True, replace: bool = True) -> dict:
        """Ingest `Article` objects already read (benchmarks, other readers, the HTTP API).

        `wait=False`: raise `letopis.store.lock.StoreBusy` at once if another ingest holds the store;
        `replace=False`: an article stored with other content is a failure marked "conflict", not an update."""
        return self._ingestor(workers, progress, dask, scheduler, wait, replace).run(articles).as_json()

    def _ingestor(self, workers: int, progress, dask: bool, scheduler: str | None, wait: bool = True,
                  replace: bool = True):
        from .ingest import Ingestor
        if progress is not None and progress is not False and not callable(progress):
            raise TypeError(f"progress must be a callback(summary) or None, not {progress!r}")
        return Ingestor(self._get_writer(), workers=workers, dask=dask, scheduler=scheduler,
                        progress=progress or None, wait=wait, replace=replace)

    def _get_writer(self):
        from .store.writer import Writer
        if self.read_only:
            raise StoreError(f"{safe_url(self.url)} is open read-only: cannot ingest")
        if self._writer is None:
            try:
                self._writer = Writer(self.engine)
            except SQLAlchemyError as exc:
                raise StoreError(f"cannot load the store: {str(exc).splitlines()[0]}") from None
        return self._writer

    # --- fetching (letopis.fetch, letopis.ingest.harvest) ------------------
    def harvest(self, fetcher, workers: int = 2, threads: int = 2, on_problem=None, progress: Progress | None = None,
                dask: bool = False, scheduler: str | None = None):
        """Fetching ingest over this store with `fetcher` (a `letopis.fetch.client.Fetcher`)."""
        from .ingest.harvest import Harvest
        return Harvest(self.engine, self._get_writer(), fetcher, workers=workers, threads=threads,
                       on_problem=on_problem, dask=dask, scheduler=scheduler, progress=progress)

    def sources(self) -> list[dict]:
        """Polled sources with their last poll, totals and latest errors (the Sources page)."""
        return self._read(fetchlog.sources)

    def fetch_log(self, source: str | None = None, limit: int = 100) -> list[dict]:
        limit, _ = _page(limit, 0)
        return self._read(fetchlog.fetches, source, limit)

    def export(self, kind: str, fmt: str = "jsonl", out: str | Path | IO[str] | None = None) -> int:
        """Write entities|facts|events as csv|jsonl to a path, a text stream or stdout; returns the row count."""
        if kind not in exporter.KINDS:
            raise ValueError(f"unknown export {kind!r}; use one of {', '.join(exporter.KINDS)}")
        if fmt not in exporter.FORMATS:
            raise ValueError(f"unknown format {fmt!r}; use csv or jsonl")
        if out is None or isinstance(out, io.IOBase) or hasattr(out, "write"):
            return self._read(exporter.write, kind, fmt, out or sys.stdout)
        try:
            with open(out, "w", encoding="utf-8", newline="") as handle:
                return self._read(exporter.write, kind, fmt, handle)
        except OSError as exc:
            raise StoreError(f"cannot write {out}: {exc.strerror}") from None

