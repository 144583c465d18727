"""SQLAlchemy models of the corpus store.

One row per stored article (its card kept whole as JSON, so `card()` returns
exactly what the pipeline produced) plus the card's parts in their own
tables (mentions, document entities, facts, events, dates), so queries use
indexes instead of parsing JSON. Corpus entities are the cross-document
identities that document entities link to. The full-text index lives outside
the ORM (FTS5 on SQLite, tsvector on PostgreSQL): see `search.py`.
"""
from __future__ import annotations

from sqlalchemy import (JSON, Boolean, Float, ForeignKey, Index, Integer, LargeBinary, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base of every store table."""


class Article(Base):
    """A stored article: its metadata, body, card JSON and MinHash signature."""

    __tablename__ = "articles"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(40), unique=True, index=True)
    url: Mapped[str | None] = mapped_column(String(2000), unique=True)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str | None] = mapped_column(String(255), index=True)
    rubric: Mapped[str | None] = mapped_column(String(255))
    published: Mapped[str | None] = mapped_column(String(32), index=True)
    chars: Mapped[int] = mapped_column(Integer, default=0)
    origin: Mapped[str | None] = mapped_column(Text)
    card: Mapped[dict] = mapped_column(JSON)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("articles.pk", ondelete="SET NULL"), index=True)
    ingested_at: Mapped[float] = mapped_column(Float)


class CorpusEntity(Base):
    """One real-world entity across the corpus (what document entities link to)."""

    __tablename__ = "corpus_entities"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(500))
    type: Mapped[str] = mapped_column(String(8), index=True)
    subtype: Mapped[str | None] = mapped_column(String(32))
    mentions: Mapped[int] = mapped_column(Integer, default=0)
    articles: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (Index("ix_corpus_entities_mentions", "mentions"),)


class Alias(Base):
    """A name (normalized, lower-cased key plus display form) of a corpus entity."""

    __tablename__ = "aliases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("corpus_entities.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(500), index=True)
    alias: Mapped[str] = mapped_column(String(500))
    __table_args__ = (UniqueConstraint("entity_id", "key", name="uq_alias_entity_key"),)


class DocEntity(Base):
    """A card entity of one article, linked to its corpus entity."""

    __tablename__ = "doc_entities"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"))
    local_id: Mapped[str] = mapped_column(String(16))
    corpus_id: Mapped[int] = mapped_column(ForeignKey("corpus_entities.id"))
    type: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(500))
    mention_count: Mapped[int] = mapped_column(Integer, default=0)
    published: Mapped[str | None] = mapped_column(String(32))  # copied from the article: profiles group by day
    __table_args__ = (Index("ix_doc_entities_article", "article_pk", "corpus_id"),
                      Index("ix_doc_entities_corpus", "corpus_id", "article_pk"),
                      Index("ix_doc_entities_corpus_day", "corpus_id", "published"))


class MentionRow(Base):
    """One mention (span) of a document entity."""

    __tablename__ = "mentions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)
    doc_entity_id: Mapped[int] = mapped_column(ForeignKey("doc_entities.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(8), default="text")
    start: Mapped[int] = mapped_column(Integer)
    stop: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(500))


class Fact(Base):
    """A fact of a card (occupation, meeting...), entity references resolved to corpus ids."""

    __tablename__ = "facts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("corpus_entities.id"), index=True)
    position: Mapped[str | None] = mapped_column(String(500))
    where_id: Mapped[int | None] = mapped_column(ForeignKey("corpus_entities.id"))
    published: Mapped[str | None] = mapped_column(String(32))
    data: Mapped[dict] = mapped_column(JSON)


class FactEntity(Base):
    """Which corpus entities a fact involves (any role): facts(entity=...) filter."""

    __tablename__ = "fact_entities"
    fact_id: Mapped[int] = mapped_column(ForeignKey("facts.id", ondelete="CASCADE"), primary_key=True)
    corpus_id: Mapped[int] = mapped_column(ForeignKey("corpus_entities.id"), primary_key=True, index=True)


class Event(Base):
    """An event of a card: type, date, casualties; places in `event_places`."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    date: Mapped[str | None] = mapped_column(String(32), index=True)
    killed: Mapped[int | None] = mapped_column(Integer, index=True)
    injured: Mapped[int | None] = mapped_column(Integer)
    data: Mapped[dict] = mapped_column(JSON)
    # The corpus event this row reports: the id of the first row of its cluster
    # (letopis.corpus.events), so one real-world event told by many articles is one record.
    corpus_event: Mapped[int | None] = mapped_column(Integer, index=True)


class EventEntity(Base):
    """Corpus entities an event involves; role "place" for its places."""

    __tablename__ = "event_entities"
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    corpus_id: Mapped[int] = mapped_column(ForeignKey("corpus_entities.id"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(16), primary_key=True)


class DateRow(Base):
    """A normalized date mention of an article."""

    __tablename__ = "dates"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(8), default="text")
    start: Mapped[int] = mapped_column(Integer)
    stop: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(500))
    value: Mapped[str | None] = mapped_column(String(64), index=True)
    precision: Mapped[str] = mapped_column(String(16))


class Story(Base):
    """Articles about the same event over time."""

    __tablename__ = "stories"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    title: Mapped[str] = mapped_column(Text)
    first: Mapped[str | None] = mapped_column(String(32))
    last: Mapped[str | None] = mapped_column(String(32), index=True)
    article_count: Mapped[int] = mapped_column(Integer, default=0, index=True)
    entities: Mapped[list] = mapped_column(JSON)  # [[corpus_id, weight], ...] most salient first
    event_types: Mapped[list] = mapped_column(JSON)


class StoryArticle(Base):
    """Membership of an article in a story (one story per article)."""

    __tablename__ = "story_articles"
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)


class FetchPoll(Base):
    """One poll of a source (a feed, a sitemap, or URLs given on the command line) and what it found."""

    __tablename__ = "fetch_polls"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(2000), index=True)  # the feed/sitemap URL, or "urls"
    kind: Mapped[str] = mapped_column(String(16))  # feed, sitemap, pages
    name: Mapped[str | None] = mapped_column(String(500))
    started_at: Mapped[float] = mapped_column(Float)
    finished_at: Mapped[float | None] = mapped_column(Float)  # None: interrupted (or still running)
    discovered: Mapped[int] = mapped_column(Integer, default=0)
    known: Mapped[int] = mapped_column(Integer, default=0)  # discovered but stored or fetched before
    fetched: Mapped[int] = mapped_column(Integer, default=0)
    new: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    problem: Mapped[str | None] = mapped_column(Text)  # the source itself failed (down, not a feed...)


class FetchLog(Base):
    """One fetch of one URL during a poll: its outcome and, on failure, the problem in one line."""

    __tablename__ = "fetch_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("fetch_polls.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(2000), index=True)
    final_url: Mapped[str | None] = mapped_column(String(2000))
    fetched_at: Mapped[float] = mapped_column(Float)
    status: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(16))  # fetched, error
    transient: Mapped[bool] = mapped_column(Boolean, default=False)  # an error worth trying again later
    problem: Mapped[str | None] = mapped_column(Text)
    article_id: Mapped[str | None] = mapped_column(String(40))
    bytes: Mapped[int] = mapped_column(Integer, default=0)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
