"""Morphology-aware full-text search over lemmatized text.

Both backends index the same lemmatized title and body (see `lemmas.py`):
SQLite in an FTS5 table ranked by bm25 (title weighted 5x), PostgreSQL in a
tsvector column ('simple' config, title weight A) ranked by ts_rank. A query
is turned into lemma alternatives per word, joined with AND; every user
string is reduced to words first, so quotes, `*`, `NEAR` or parentheses can
never break the index's query syntax.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.engine import Connection

from ..morph import fold_yo
from . import models as m
from .lemmas import WORD, Lemmatizer

SNIPPET_CHARS = 240


def is_sqlite(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def index_article(conn: Connection, pk: int, title_lemmas: str, body_lemmas: str) -> None:
    """Add one article's lemmas to the index (inside the article's transaction)."""
    if is_sqlite(conn):
        conn.execute(text("INSERT INTO search_fts(rowid, title, body) VALUES (:pk, :t, :b)"),
                     {"pk": pk, "t": title_lemmas, "b": body_lemmas})
    else:
        conn.execute(text("INSERT INTO search_docs(article_pk, tsv) VALUES (:pk, "
                          "setweight(to_tsvector('simple', :t), 'A') || to_tsvector('simple', :b))"),
                     {"pk": pk, "t": title_lemmas, "b": body_lemmas})


def unindex_article(conn: Connection, pk: int) -> None:
    """Remove an article from the index (before re-indexing a changed version)."""
    if is_sqlite(conn):
        conn.execute(text("DELETE FROM search_fts WHERE rowid = :pk"), {"pk": pk})
    else:
        conn.execute(text("DELETE FROM search_docs WHERE article_pk = :pk"), {"pk": pk})


def query_groups(query: str, lemmatizer: Lemmatizer) -> list[list[str]]:
    """User text -> per word, the lemmas it may stand for."""
    return [lemmatizer.query_lemmas(m.group()) for m in WORD.finditer(query or "")][:12]


def match_expression(groups: list[list[str]], sqlite: bool) -> str:
    """Lemma groups -> FTS5 MATCH or to_tsquery text (lemmas are \\w+ only, quoted anyway)."""
    if sqlite:
        return " AND ".join("(" + " OR ".join(f'"{lemma}"' for lemma in group) + ")" for group in groups)
    return " & ".join("(" + " | ".join(f"'{lemma}'" for lemma in group) + ")" for group in groups)


@dataclass(frozen=True)
class Filters:
    """What a search may be narrowed to besides its words (all optional, combined with AND)."""

    date_from: str | None = None  # ISO date prefix: articles published on or after
    date_to: str | None = None  # on or before (a prefix: "2017" is the whole year)
    source: str | None = None
    rubric: str | None = None
    entity: int | None = None  # a corpus entity id mentioned in the article
    event_type: str | None = None  # an event type the article reports

    def sql(self) -> tuple[str, dict]:
        """An `articles` pk subquery and its parameters ("" when nothing is filtered)."""
        where, params = [], {}
        if self.date_from:
            where.append("a.published >= :f_from")
            params["f_from"] = self.date_from
        if self.date_to:
            where.append("a.published <= :f_to")
            params["f_to"] = self.date_to + "\uffff"
        if self.source:
            where.append("a.source = :f_source")
            params["f_source"] = self.source
        if self.rubric:
            where.append("a.rubric = :f_rubric")
            params["f_rubric"] = self.rubric
        if self.entity is not None:
            where.append("a.pk IN (SELECT article_pk FROM doc_entities WHERE corpus_id = :f_entity)")
            params["f_entity"] = int(self.entity)
        if self.event_type:
            where.append("a.pk IN (SELECT article_pk FROM events WHERE type = :f_event)")
            params["f_event"] = self.event_type
        if not where:
            return "", {}
        return "SELECT a.pk FROM articles a WHERE " + " AND ".join(where), params


def search(conn: Connection, lemmatizer: Lemmatizer, query: str, limit: int, offset: int,
           filters: Filters = Filters()) -> tuple[int, list]:
    """(total, [(article pk, rank)]) best first."""
    groups = query_groups(query, lemmatizer)
    if not groups:
        return 0, []
    expr = match_expression(groups, is_sqlite(conn))
    subquery, params = filters.sql()
    params.update(q=expr, l=limit, o=offset)
    if is_sqlite(conn):
        narrow = f" AND rowid IN ({subquery})" if subquery else ""
        total = conn.execute(text("SELECT count(*) FROM search_fts WHERE search_fts MATCH :q" + narrow), params).scalar()
        rows = conn.execute(text("SELECT rowid, bm25(search_fts, 5.0, 1.0) AS rank FROM search_fts "
                                 "WHERE search_fts MATCH :q" + narrow + " ORDER BY rank LIMIT :l OFFSET :o"),
                            params).all()
        return total, [(pk, -rank) for pk, rank in rows]
    narrow = f" AND article_pk IN ({subquery})" if subquery else ""
    total = conn.execute(text("SELECT count(*) FROM search_docs WHERE tsv @@ to_tsquery('simple', :q)" + narrow),
                         params).scalar()
    rows = conn.execute(text("SELECT article_pk, ts_rank(tsv, to_tsquery('simple', :q)) AS rank FROM search_docs "
                             "WHERE tsv @@ to_tsquery('simple', :q)" + narrow +
                             " ORDER BY rank DESC, article_pk LIMIT :l OFFSET :o"), params).all()
    return total, [(pk, float(rank)) for pk, rank in rows]


def facets(conn: Connection, lemmatizer: Lemmatizer, query: str, filters: Filters = Filters(),
           limit: int = 12) -> dict:
    """Counts per source and publication year of every hit (the search page's facets)."""
    groups = query_groups(query, lemmatizer)
    if not groups:
        return {"source": [], "year": []}
    expr = match_expression(groups, is_sqlite(conn))
    subquery, params = filters.sql()
    params.update(q=expr, l=limit)
    if is_sqlite(conn):
        hits = "SELECT rowid AS pk FROM search_fts WHERE search_fts MATCH :q"
        hits += f" AND rowid IN ({subquery})" if subquery else ""
    else:
        hits = "SELECT article_pk AS pk FROM search_docs WHERE tsv @@ to_tsquery('simple', :q)"
        hits += f" AND article_pk IN ({subquery})" if subquery else ""
    out = {}
    for name, column in (("source", "a.source"), ("year", "substr(a.published, 1, 4)")):
        rows = conn.execute(text(f"SELECT {column} AS v, count(*) AS n FROM articles a JOIN ({hits}) h ON h.pk = a.pk "
                                 f"WHERE {column} IS NOT NULL GROUP BY {column} ORDER BY n DESC, v LIMIT :l"),
                            params).all()
        out[name] = [{"value": v, "count": n} for v, n in rows]
    return out


def forms_pattern(groups: list[list[str]], lemmatizer: Lemmatizer) -> re.Pattern | None:
    """A regex of every inflected form of the query's lemmas (to mark them in raw text)."""
    forms: set[str] = set()
    for group in groups:
        for lemma in group:
            forms |= lemmatizer.word_forms(lemma)
    forms = {f for f in forms if f}
    if not forms:
        return None
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)


def snippet(body: str, pattern: re.Pattern | None, size: int = SNIPPET_CHARS) -> str:
    """An escaped window of the body around the first match, matches in <mark>."""
    folded = fold_yo(body)  # same length as body
    first = pattern.search(folded) if pattern else None
    start = 0 if first is None else max(0, first.start() - size // 3)
    if start:
        space = body.find(" ", start)
        start = space + 1 if 0 <= space < first.start() else start
    stop = min(len(body), start + size)
    if stop < len(body):
        space = body.rfind(" ", start, stop)
        stop = space if space > start else stop
    parts, cursor = [], start
    for match in (pattern.finditer(folded, start, stop) if pattern else ()):
        parts.append(html.escape(body[cursor:match.start()]))
        parts.append("<mark>" + html.escape(body[match.start():match.end()]) + "</mark>")
        cursor = match.end()
    parts.append(html.escape(body[cursor:stop]))
    return ("…" if start > 0 else "") + "".join(parts).replace("\n", " ") + ("…" if stop < len(body) else "")




def results(conn: Connection, lemmatizer: Lemmatizer, query: str, limit: int, offset: int,
            filters: Filters = Filters()) -> dict:
    """{"total", "items": [{"article_id", "title", "published", "source", "snippet", "score"}], "facets"}, best first."""
    total, hits = search(conn, lemmatizer, query, limit, offset, filters)
    if not hits:
        return {"total": total, "items": [], "facets": facets(conn, lemmatizer, query, filters) if total else
                {"source": [], "year": []}}
    rows = {r.pk: r for r in conn.execute(select(m.Article.pk, m.Article.id, m.Article.title, m.Article.published,
                                                 m.Article.source, m.Article.card).where(m.Article.pk.in_([pk for pk, _ in hits])))}
    pattern = forms_pattern(query_groups(query, lemmatizer), lemmatizer)
    items = []
    for pk, score in hits:
        row = rows[pk]
        body = (row.card.get("article") or {}).get("text") or ""
        items.append({"article_id": row.id, "title": row.title, "published": row.published, "source": row.source,
                      "snippet": snippet(body, pattern), "score": round(float(score), 4)})
    return {"total": total, "items": items, "facets": facets(conn, lemmatizer, query, filters)}
