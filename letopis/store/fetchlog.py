"""The fetch log: polls of sources and what each fetch of a URL gave.

Written by the fetching ingest (one small transaction per row, so an
interrupted watch keeps every line it logged) and read by the Sources page
and by the ingest itself: `known_urls` is how a URL already stored, or
fetched before with a final outcome, is not fetched again. A transient
failure (timeout, DNS, HTTP 5xx, robots.txt) is tried again on the next poll.
"""
from __future__ import annotations

import time
from typing import Iterable

from sqlalchemy import and_, func, insert, or_, select, update
from sqlalchemy.engine import Connection, Engine

from . import models as m

CHUNK = 500  # URLs per IN (...) query
PROBLEM_CHARS = 500


def start_poll(engine: Engine, source: str, kind: str, name: str | None = None) -> int:
    """A new poll row (finished_at stays NULL until `finish_poll`: an interrupted poll shows as such)."""
    with engine.begin() as conn:
        return conn.execute(insert(m.FetchPoll).values(
            source=source[:2000], kind=kind, name=name, started_at=time.time(), discovered=0, known=0, fetched=0,
            new=0, updated=0, skipped=0, failed=0)).inserted_primary_key[0]


def finish_poll(engine: Engine, poll_id: int, problem: str | None = None, **counts: int) -> None:
    values = {key: counts[key] for key in ("discovered", "known", "fetched", "new", "updated", "skipped", "failed")
              if key in counts}
    with engine.begin() as conn:
        conn.execute(update(m.FetchPoll).where(m.FetchPoll.id == poll_id).values(
            finished_at=time.time(), problem=problem[:PROBLEM_CHARS] if problem else None, **values))


def log_fetch(engine: Engine, poll_id: int, url: str, *, outcome: str, final_url: str | None = None,
              status: int | None = None, problem: str | None = None, transient: bool = False,
              article_id: str | None = None, size: int = 0, seconds: float = 0.0) -> None:
    """One fetch of one URL: `outcome` "fetched" or "error" (with its one-line problem)."""
    with engine.begin() as conn:
        conn.execute(insert(m.FetchLog).values(
            poll_id=poll_id, url=url[:2000], final_url=final_url[:2000] if final_url else None,
            fetched_at=time.time(), status=status, outcome=outcome, transient=transient,
            problem=problem[:PROBLEM_CHARS] if problem else None, article_id=article_id, bytes=size,
            seconds=round(seconds, 3)))


def mark_failed(engine: Engine, poll_id: int, url: str, problem: str) -> None:
    """A page fetched in this poll that the pipeline or the store then refused."""
    with engine.begin() as conn:
        conn.execute(update(m.FetchLog).where(m.FetchLog.poll_id == poll_id, m.FetchLog.url == url)
                     .values(outcome="error", transient=False, problem=problem[:PROBLEM_CHARS]))


def known_urls(engine: Engine, urls: Iterable[str]) -> set[str]:
    """Those of `urls` stored as an article's URL or fetched before with a final outcome."""
    urls = list(dict.fromkeys(urls))
    found: set[str] = set()
    final = or_(m.FetchLog.outcome == "fetched", and_(m.FetchLog.outcome == "error", m.FetchLog.transient.is_(False)))
    with engine.connect() as conn:
        for start in range(0, len(urls), CHUNK):
            chunk = urls[start:start + CHUNK]
            found.update(conn.execute(select(m.Article.url).where(m.Article.url.in_(chunk))).scalars())
            found.update(conn.execute(select(m.FetchLog.url).where(m.FetchLog.url.in_(chunk), final)).scalars())
            found.update(conn.execute(select(m.FetchLog.final_url).where(
                m.FetchLog.final_url.in_(chunk), m.FetchLog.outcome == "fetched")).scalars())
    return found & set(urls)


def poll_row(row) -> dict:
    return {"id": row.id, "source": row.source, "kind": row.kind, "name": row.name, "started_at": row.started_at,
            "finished_at": row.finished_at, "discovered": row.discovered, "known": row.known,
            "fetched": row.fetched, "new": row.new, "updated": row.updated, "skipped": row.skipped,
            "failed": row.failed, "problem": row.problem}


def sources(conn: Connection, errors: int = 5) -> list[dict]:
    """Every polled source, latest poll first: its last poll, totals, and its latest error lines.

    `failed` counts the pages that failed plus the polls where the source itself failed (`failed_polls`).
    """
    totals = conn.execute(
        select(m.FetchPoll.source, m.FetchPoll.kind, func.max(m.FetchPoll.name).label("name"),
               func.count().label("polls"), func.sum(m.FetchPoll.new).label("new"),
               func.sum(m.FetchPoll.updated).label("updated"), func.sum(m.FetchPoll.failed).label("failed"),
               func.count(m.FetchPoll.problem).label("failed_polls"),
               func.max(m.FetchPoll.id).label("last_id"))
        .group_by(m.FetchPoll.source, m.FetchPoll.kind).order_by(func.max(m.FetchPoll.id).desc())).all()
    result = []
    for row in totals:
        last = conn.execute(select(m.FetchPoll.__table__).where(m.FetchPoll.id == row.last_id)).one()
        result.append({"source": row.source, "kind": row.kind, "name": row.name, "polls": row.polls,
                       "new": int(row.new or 0), "updated": int(row.updated or 0),
                       "failed": int(row.failed or 0) + row.failed_polls, "failed_polls": row.failed_polls,
                       "last_poll": poll_row(last), "errors": source_errors(conn, row.source, errors)})
    return result


def source_errors(conn: Connection, source: str, limit: int) -> list[dict]:
    """The latest problems of a source's fetches (its own feed or sitemap included), newest first:
    failures, and a feed fetched with broken XML that still gave entries."""
    rows = conn.execute(
        select(m.FetchLog.url, m.FetchLog.problem, m.FetchLog.fetched_at, m.FetchLog.status)
        .join(m.FetchPoll, m.FetchPoll.id == m.FetchLog.poll_id)
        .where(m.FetchPoll.source == source, or_(m.FetchLog.outcome == "error", m.FetchLog.problem.is_not(None)))
        .order_by(m.FetchLog.id.desc()).limit(limit)).all()
    return [{"url": r.url, "problem": r.problem, "at": r.fetched_at, "status": r.status} for r in rows]


def fetches(conn: Connection, source: str | None = None, limit: int = 100) -> list[dict]:
    """The latest fetch log rows (of one source), newest first."""
    query = (select(m.FetchLog.__table__, m.FetchPoll.source.label("poll_source"))
             .join(m.FetchPoll, m.FetchPoll.id == m.FetchLog.poll_id).order_by(m.FetchLog.id.desc()).limit(limit))
    if source:
        query = query.where(m.FetchPoll.source == source)
    return [{"source": row.poll_source, "url": row.url, "final_url": row.final_url, "fetched_at": row.fetched_at,
             "status": row.status, "outcome": row.outcome, "transient": row.transient, "problem": row.problem,
             "article_id": row.article_id, "bytes": row.bytes, "seconds": row.seconds}
            for row in conn.execute(query).all()]
