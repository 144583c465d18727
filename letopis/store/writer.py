"""The single writer: prepared articles -> transactions in the store, a few articles each.

Everything an article adds (its row, document entities linked to corpus
entities, mentions, facts, events, dates, search entry, duplicate flag, story
membership) is written inside one transaction, so a crash (even SIGKILL)
leaves every article whole or absent, never half-written. The in-memory
indexes that make linking, duplicate detection and story clustering fast
(`Linker`, `DuplicateIndex`, `StoryClusterer`) are loaded from the store on
start and reloaded if a write fails, so they never disagree with what was
committed.

Adaptive group commit (why the writer is not the ceiling of a cluster): when
articles arrive back to back (a backlog, many workers), consecutive articles
share one transaction, up to `GROUP_ARTICLES` or `GROUP_SECONDS`; when they
arrive slowly each is committed at once, as before. A commit (an fsync, a
round trip) per article was most of the writer's time. All-or-nothing still
holds per article: a group commits whole or not at all, and an article whose
statements fail is taken out alone: the group is rolled back, the indexes
reloaded and the group's other articles written again (the writer is
deterministic, so they are written identically), then the error is raised
for that article. A crash loses at most the open group (< GROUP_SECONDS of
work), which the next run stores, as it skips only what was committed.
`flush()` commits the open group (the ingest calls it when it ends).

The per-article statements are plain SQL strings compiled once per dialect
and run through the driver (`exec_driver_sql`, `executemany` for the rows of
mentions, dates, facts...): SQLAlchemy's per-call statement building and
cache-key work cost more CPU than the database itself.
"""
from __future__ import annotations

import json
import re
import time
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.engine import Connection, Engine

from ..errors import StoreError
from ..records import event_from_json, fact_from_json
from . import models as m
from ..corpus.dedup import DuplicateIndex
from ..corpus.events import EventIndex, EventMention
from ..corpus.linking import Known, Linker, Link, person_parts
from ..corpus.stories import StoryClusterer, StoryState
from .search import unindex_article
from ..schema import PER

COOC_WINDOW = 300  # a person's latest articles read for namesake choice
COUNT_UPDATE = (update(m.CorpusEntity).where(m.CorpusEntity.id == bindparam("cid"))
                .values(mentions=m.CorpusEntity.mentions + bindparam("dm"),
                        articles=m.CorpusEntity.articles + bindparam("da")))
GROUP_ARTICLES = 64  # at most this many articles share a transaction (see the module doc)
GROUP_SECONDS = 0.25  # ... and a transaction stays open at most this long
SLOW_GAP = 0.05  # an article that waited this long for the previous one is committed at once

# The hot statements, written once with :name parameters (`_Sql` adapts them to the driver).
SQL = {
    "article": "INSERT INTO articles (id, url, content_hash, title, source, rubric, published, chars, origin, "
               "card, minhash, duplicate_of, ingested_at, pk) VALUES (:id, :url, :content_hash, :title, :source, "
               ":rubric, :published, :chars, :origin, :card, :minhash, :duplicate_of, :ingested_at, :pk)",
    "corpus_entity": "INSERT INTO corpus_entities (id, name, type, subtype, mentions, articles) "
                     "VALUES (:id, :name, :type, :subtype, 0, 0)",
    "rename": "UPDATE corpus_entities SET name = :name WHERE id = :id",
    "alias": "INSERT INTO aliases (entity_id, key, alias) VALUES (:entity_id, :key, :alias)",
    "counts": "UPDATE corpus_entities SET mentions = mentions + :dm, articles = articles + :da WHERE id = :cid",
    "doc_entity": "INSERT INTO doc_entities (id, article_pk, local_id, corpus_id, type, name, mention_count, "
                  "published) VALUES (:id, :article_pk, :local_id, :corpus_id, :type, :name, :mention_count, "
                  ":published)",
    "mention": "INSERT INTO mentions (article_pk, doc_entity_id, field, start, stop, text) "
               "VALUES (:article_pk, :doc_entity_id, :field, :start, :stop, :text)",
    "fact": "INSERT INTO facts (id, article_pk, type, person_id, position, where_id, published, data) "
            "VALUES (:id, :article_pk, :type, :person_id, :position, :where_id, :published, :data)",
    "fact_entity": "INSERT INTO fact_entities (fact_id, corpus_id) VALUES (:fact_id, :corpus_id)",
    "event": "INSERT INTO events (id, article_pk, type, date, killed, injured, data, corpus_event) "
             "VALUES (:id, :article_pk, :type, :date, :killed, :injured, :data, :corpus_event)",
    "event_entity": "INSERT INTO event_entities (event_id, corpus_id, role) VALUES (:event_id, :corpus_id, :role)",
    "date": "INSERT INTO dates (article_pk, field, start, stop, text, value, precision) "
            "VALUES (:article_pk, :field, :start, :stop, :text, :value, :precision)",
    "story_insert": "INSERT INTO stories (id, title, first, last, article_count, entities, event_types) "
                    "VALUES (:id, :title, :first, :last, :article_count, :entities, :event_types)",
    "story_update": "UPDATE stories SET title = :title, first = :first, last = :last, "
                    "article_count = :article_count, entities = :entities, event_types = :event_types "
                    "WHERE id = :id",
    "story_article": "INSERT INTO story_articles (article_pk, story_id) VALUES (:article_pk, :story_id)",
    "story_of": "SELECT story_id FROM story_articles WHERE article_pk = :pk",
    "search_sqlite": "INSERT INTO search_fts(rowid, title, body) VALUES (:pk, :t, :b)",
    "search_postgresql": "INSERT INTO search_docs(article_pk, tsv) VALUES (:pk, "
                         "setweight(to_tsvector('simple', :t), 'A') || to_tsvector('simple', :b))",
    # The writer numbers articles itself (no RETURNING round trip); keep the serial's sequence in step.
    "sequence_postgresql": "SELECT setval(pg_get_serial_sequence('articles', 'pk'), :pk)",
}
_PARAM = re.compile(r":(\w+)")


class _Sql:
    """`SQL` for one dialect, and how an article's inserts reach the database.

    sqlite3 takes :name as written and runs in-process: each statement is run
    at once. psycopg wants %(name)s, and every statement is a round trip to the
    server (on a busy machine several ms each, most of the writer's time), so
    an article's inserts are queued (`add`) and sent together in one psycopg
    pipeline (`send`, one round trip), which also raises any error the article
    caused, before the next article starts. Reads the writer needs (namesake
    co-mentions, a duplicate's story) only concern earlier, already sent articles.
    """

    def __init__(self, dialect: str):
        self.sqlite = dialect == "sqlite"
        self.text = {k: (v if self.sqlite else _PARAM.sub(r"%(\1)s", v)) for k, v in SQL.items()}
        self.queued: list[tuple[str, object]] = []

    def add(self, conn: Connection, name: str, rows) -> None:
        """Insert/update rows (a dict or a list of dicts: executemany) with statement `name`."""
        if self.sqlite:
            conn.exec_driver_sql(self.text[name], rows)
        else:
            self.queued.append((name, rows))

    def send(self, conn: Connection) -> None:
        """Run what `add` queued (PostgreSQL: one pipeline, one round trip; the rows of an
        insert as one multi-row statement, which the server runs far faster than row by row)."""
        queued, self.queued = self.queued, []
        if not queued:
            return
        raw = conn.connection.driver_connection
        with raw.pipeline(), raw.cursor() as cursor:
            for name, rows in queued:
                if not isinstance(rows, list):
                    cursor.execute(self.text[name], rows)
                elif name in MULTI_ROW:
                    for start in range(0, len(rows), MAX_ROWS):
                        cursor.execute(*_multi_row(name, rows[start:start + MAX_ROWS]))
                else:
                    cursor.executemany(self.text[name], rows)

    def one(self, conn: Connection, name: str, params: dict):
        """A read: its single value."""
        return conn.exec_driver_sql(self.text[name], params).scalar()


MAX_ROWS = 1000  # rows per multi-row statement (PostgreSQL takes at most 65,535 parameters)
MULTI_ROW = {name for name, sql in SQL.items() if sql.startswith("INSERT") and " VALUES (:" in sql} | {"counts"}
COUNTS_MULTI = ("UPDATE corpus_entities AS c SET mentions = c.mentions + v.dm, articles = c.articles + v.da "
                "FROM (VALUES {rows}) AS v(cid, dm, da) WHERE c.id = v.cid")


def _multi_row(name: str, rows: list[dict]) -> tuple[str, list]:
    """A multi-row PostgreSQL statement (positional %s) for the rows of statement `name`."""
    if name == "counts":
        row = "(%s::integer, %s::integer, %s::integer)"
        return COUNTS_MULTI.format(rows=", ".join([row] * len(rows))), [r[k] for r in rows for k in ("cid", "dm", "da")]
    head, values = SQL[name].split(" VALUES ", 1)
    names = _PARAM.findall(values)
    row = _PARAM.sub("%s", values)
    return head + " VALUES " + ", ".join([row] * len(rows)), [r[k] for r in rows for k in names]


def _json(value) -> str:
    return json.dumps(value)  # as SQLAlchemy's JSON type stores it, so reads are unchanged


@dataclass
class Decision:
    """What to do with an incoming article: "new", "update" (pk) or "skip"."""

    action: str
    pk: int | None = None


class Writer:
    """Owns the store's write path and the in-memory corpus indexes."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.sql = _Sql(engine.dialect.name)
        self._conn: Connection | None = None  # the open group's connection (None: no group open)
        self._trans = None
        self._group: list[tuple[dict, Decision]] = []  # articles written in the open transaction
        self._opened = self._last_done = 0.0
        self.load()

    # --- state -----------------------------------------------------------
    def load(self, conn: Connection | None = None) -> None:
        """(Re)build the in-memory indexes from what is committed (or visible to `conn`)."""
        self.linker = Linker()
        self.duplicates = DuplicateIndex()
        self.stories = StoryClusterer()
        self.events = EventIndex()
        self.by_url: dict[str, tuple[int, str]] = {}
        self.by_id: dict[str, tuple[int, str]] = {}
        self.hashes: set[str] = set()
        self.flagged: set[int] = set()  # pks flagged as near-duplicates while this writer ran
        if conn is None:
            with self.engine.connect() as own:
                return self._load(own)
        self._load(conn)

    def _load(self, conn: Connection) -> None:
        self.fingerprint = self._fingerprint(conn)
        # The single writer numbers rows itself, so one article's rows go in as a few executemany batches.
        self.next_ids = {table: (conn.execute(select(func.max(table.id))).scalar() or 0) + 1
                         for table in (m.DocEntity, m.Fact, m.Event)}
        self.next_pk = (conn.execute(select(func.max(m.Article.pk))).scalar() or 0) + 1
        self.sql.queued = []
        self._load_articles(conn)
        self._load_entities(conn)
        self._load_stories(conn)
        self._load_events(conn)

    @staticmethod
    def _fingerprint(conn: Connection) -> tuple:
        """What changes with every committed article write (rows, last pk, last write time)."""
        return tuple(conn.execute(select(func.count(m.Article.pk), func.max(m.Article.pk),
                                         func.max(m.Article.ingested_at))).one())

    def refresh(self) -> None:
        """Reload the indexes if another writer committed since they were loaded (call it
        holding the store's writer lock, `letopis.store.lock.writer_lock`)."""
        with self.engine.connect() as conn:
            changed = self._fingerprint(conn) != self.fingerprint
        if changed:
            self.load()

    def remember(self) -> None:
        """After writing under the lock: our own commits are in memory, so they are no change."""
        try:
            with self.engine.connect() as conn:
                self.fingerprint = self._fingerprint(conn)
        except Exception:  # the store failed (the run reports why): reload next time
            self.fingerprint = None

    def _load_articles(self, conn: Connection) -> None:
        rows = conn.execute(select(m.Article.pk, m.Article.id, m.Article.url, m.Article.content_hash,
                                   m.Article.minhash))
        for pk, article_id, url, content_hash, minhash in rows:
            self.by_id[article_id] = (pk, content_hash)
            if url:
                self.by_url[url] = (pk, content_hash)
            self.hashes.add(content_hash)
            self.duplicates.add(pk, minhash)
        self.n_articles = len(self.hashes)

    def _load_entities(self, conn: Connection) -> None:
        keys: dict[int, set[str]] = {}
        for entity_id, key in conn.execute(select(m.Alias.entity_id, m.Alias.key)):
            keys.setdefault(entity_id, set()).add(key)
        for row in conn.execute(select(m.CorpusEntity)):
            known = Known(row.id, row.type, row.name, keys.get(row.id, set()), row.mentions, row.articles)
            if row.type == PER:
                known.first, known.last = person_parts({"name": row.name})
            self.linker.add_known(known)
            if known.type == PER and known.first:  # surnames as written in mentions
                self.linker.add_surnames(known, [k for k in known.keys if " " not in k])
        self.linker.cooc_lookup = self._co_mentions

    def _load_stories(self, conn: Connection) -> None:
        for row in conn.execute(select(m.Story)):
            self.stories.add(StoryState(row.id, row.title, row.first, row.last, row.article_count,
                                        Counter({int(i): w for i, w in row.entities}), set(row.event_types)))

    def _load_events(self, conn: Connection) -> None:
        """The corpus events of what is stored, as assigned when written."""
        roles: dict[int, list[tuple[int, str]]] = {}
        for event_id, corpus_id, role in conn.execute(select(m.EventEntity.event_id, m.EventEntity.corpus_id,
                                                             m.EventEntity.role)):
            roles.setdefault(event_id, []).append((corpus_id, role))
        rows = conn.execute(select(m.Event.id, m.Event.article_pk, m.Event.type, m.Event.date, m.Event.data,
                                   m.Event.corpus_event, m.Article.published)
                            .join(m.Article, m.Article.pk == m.Event.article_pk).order_by(m.Event.id))
        for row in rows:
            links = roles.get(row.id, [])
            mention = _event_mention(row.id, row.article_pk, row.data or {}, row.date or _yearless(row.data), row.published,
                                     {c for c, r in links if r == "place"}, {c for c, r in links if r != "place"},
                                     (row.data or {}).get("sentence") or "")
            self.events.add(mention, row.corpus_event)

    def _co_mentions(self, person_id: int, context: set[int]) -> dict[int, int]:
        """Articles where the person and each context entity occur together (namesake choice).

        Counted over the person's latest `COOC_WINDOW` articles: a bounded cost per
        call (a famous person's full history made the writer slower as the store
        grew) and recent company is the better clue to who is meant anyway.
        """
        recent = (select(m.DocEntity.article_pk).where(m.DocEntity.corpus_id == person_id)
                  .order_by(m.DocEntity.article_pk.desc()).limit(COOC_WINDOW).scalar_subquery())
        rows = self._conn.execute(
            select(m.DocEntity.corpus_id, func.count(func.distinct(m.DocEntity.article_pk)))
            .where(m.DocEntity.article_pk.in_(recent), m.DocEntity.corpus_id.in_(sorted(context)))
            .group_by(m.DocEntity.corpus_id))
        return dict(rows.all())

    def is_duplicate(self, pk: int) -> bool:
        """Was this article flagged as a near-duplicate when written by this writer?"""
        return pk in self.flagged

    # --- decisions -------------------------------------------------------
    def decide(self, url: str | None, content_hash: str, article_id: str | None = None) -> Decision:
        """Same URL (or id) or same content -> skip; same URL (or id), new content -> update; else new."""
        known = self.by_url.get(url) if url else None
        if known is None and article_id:
            known = self.by_id.get(article_id)
        if known:
            pk, old_hash = known
            return Decision("skip") if old_hash == content_hash else Decision("update", pk)
        if content_hash in self.hashes:
            return Decision("skip")
        return Decision("new")

    # --- transactions ----------------------------------------------------
    def write(self, prepared: dict, decision: Decision) -> int:
        """Store one prepared article (all of it or nothing, see the module doc); returns its pk.

        The article is committed with its group: at once if it came after a pause, else
        within GROUP_SECONDS or GROUP_ARTICLES, and at the latest by `flush()`.
        """
        started = time.monotonic()
        slow = started - self._last_done >= SLOW_GAP
        if self._conn is None:
            self._begin()
        try:
            pk = self._write_one(prepared, decision)
        except Exception as exc:
            self._recover(exc)
            raise
        except BaseException:
            self._abort()
            raise
        self._group.append((prepared, decision))
        if slow or len(self._group) >= GROUP_ARTICLES or time.monotonic() - self._opened >= GROUP_SECONDS:
            self.flush()
        self._last_done = time.monotonic()
        return pk

    def flush(self) -> None:
        """Commit the open group of articles (nothing to do when none is open)."""
        if self._conn is None:
            return
        count = len(self._group)
        try:
            if not self.sql.sqlite:
                self.sql.one(self._conn, "sequence_postgresql", {"pk": self.next_pk - 1})
            self._trans.commit()
        except Exception as exc:
            self._abort()
            raise StoreError(f"could not commit the last {count} articles: {str(exc).splitlines()[0]}; "
                             "run the same command again to store them") from None
        except BaseException:
            self._abort()
            raise
        self._close()

    def _begin(self) -> None:
        self._conn = self.engine.connect()
        self._trans = self._conn.begin()
        self._group = []
        self._opened = time.monotonic()

    def _close(self) -> None:
        conn, self._conn, self._trans, self._group = self._conn, None, None, []
        if conn is not None:
            conn.close()

    def _abort(self) -> None:
        """Roll the open group back and rebuild memory from what is committed."""
        try:
            if self._trans is not None and self._trans.is_active:
                self._trans.rollback()
        finally:
            self._close()
            self.load()

    def _recover(self, exc: Exception) -> None:
        """An article failed: roll its group back, then write the group's other articles again."""
        group = self._group
        self._abort()
        if not group:
            return
        self._begin()
        try:
            for prepared, decision in group:
                self._write_one(prepared, decision)
        except BaseException:
            self._abort()
            raise StoreError(f"{exc}; the {len(group)} articles written before it in the same transaction "
                             "could not be written again either: run the same command again to store them") from None
        self._group = group

    # --- writing ---------------------------------------------------------
    def _write_one(self, prepared: dict, decision: Decision) -> int:
        """All of one article's statements, in the open transaction, and the in-memory indexes."""
        conn = self._conn
        if decision.action == "update":
            self._remove_parts(conn, decision.pk)
        pk = self._write_article(conn, prepared, decision)
        links = self._write_entities(conn, pk, prepared)
        self._write_facts_events(conn, pk, prepared, links)
        self._write_dates(conn, pk, prepared)
        self.sql.add(conn, "search_" + ("sqlite" if self.sql.sqlite else "postgresql"),
                     {"pk": pk, "t": prepared["title_lemmas"], "b": prepared["body_lemmas"]})
        self._write_story(conn, pk, prepared, links)
        self.sql.send(conn)
        if self._last_duplicate:
            self.flagged.add(pk)
        self.by_id[prepared["id"]] = (pk, prepared["content_hash"])
        if prepared["url"]:
            self.by_url[prepared["url"]] = (pk, prepared["content_hash"])
        self.hashes.add(prepared["content_hash"])
        self.duplicates.add(pk, prepared["minhash"])
        if decision.action == "new":
            self.n_articles += 1
        return pk

    def _write_article(self, conn: Connection, p: dict, decision: Decision) -> int:
        duplicate_of = self.duplicates.original_of(p["minhash"])
        self._last_duplicate = duplicate_of is not None and duplicate_of != decision.pk
        self._duplicate_of = duplicate_of if duplicate_of != decision.pk else None
        values = {"id": p["id"], "url": p["url"], "content_hash": p["content_hash"], "title": p["title"],
                  "source": p["source"], "rubric": p["rubric"], "published": p["published"],
                  "chars": p["chars"], "origin": p["origin"], "card": _json(p["card"]), "minhash": p["minhash"],
                  "duplicate_of": self._duplicate_of, "ingested_at": time.time()}
        if decision.action == "update":
            values["card"] = p["card"]
            conn.execute(update(m.Article).where(m.Article.pk == decision.pk).values(**values))
            return decision.pk
        values["pk"], self.next_pk = self.next_pk, self.next_pk + 1
        self.sql.add(conn, "article", values)
        return values["pk"]

    def _take_ids(self, table, n: int) -> list[int]:
        """n fresh ids for a table (see `load`)."""
        first = self.next_ids[table]
        self.next_ids[table] = first + n
        return list(range(first, first + n))

    def _write_entities(self, conn: Connection, pk: int, p: dict) -> dict[str, int]:
        """Link card entities, persist new corpus entities/aliases, doc entities, mentions."""
        entities = p["card"].get("entities") or []
        links = self.linker.link_card(entities)
        self._persist_links(conn, entities, links)
        corpus_ids = {}
        doc_rows, mention_rows = [], []
        for entity, doc_entity_id in zip(entities, self._take_ids(m.DocEntity, len(entities))):
            link = links[entity["id"]]
            corpus_ids[entity["id"]] = link.id
            mentions = entity.get("mentions") or []
            doc_rows.append({"id": doc_entity_id, "article_pk": pk, "local_id": entity["id"], "corpus_id": link.id,
                             "type": entity["type"], "name": entity["name"][:500], "mention_count": len(mentions),
                             "published": p["published"]})
            mention_rows += [{"article_pk": pk, "doc_entity_id": doc_entity_id, "field": mn.get("field", "text"),
                              "start": mn["start"], "stop": mn["stop"], "text": mn["text"][:500]}
                             for mn in mentions]
        if doc_rows:
            self.sql.add(conn, "doc_entity", doc_rows)
        if mention_rows:
            self.sql.add(conn, "mention", mention_rows)
        return corpus_ids

    def _persist_links(self, conn: Connection, entities: list[dict], links: dict[str, Link]) -> None:
        """Insert created corpus entities, new aliases, renames and count increments (batched)."""
        counts: Counter = Counter()
        created, aliases = {}, []
        for entity in entities:
            link = links[entity["id"]]
            counts[link.id] += len(entity.get("mentions") or []) or 1
            if link.created and link.id not in created:
                created[link.id] = entity.get("subtype")
            aliases += [{"entity_id": link.id, "key": key[:500], "alias": alias[:500]} for key, alias in link.new_keys]
        if created:  # first: other card entities may add aliases to them
            self.sql.add(conn, "corpus_entity", [
                {"id": i, "name": self.linker.entities[i].name[:500], "type": self.linker.entities[i].type,
                 "subtype": subtype} for i, subtype in created.items()])
        renamed = {links[e["id"]].id for e in entities if links[e["id"]].renamed and links[e["id"]].id not in created}
        if renamed:
            self.sql.add(conn, "rename", [{"id": i, "name": self.linker.entities[i].name[:500]} for i in renamed])
        if aliases:
            self.sql.add(conn, "alias", aliases)
        if counts:
            self.sql.add(conn, "counts", [{"cid": i, "dm": n, "da": 1} for i, n in counts.items()])

    def _write_facts_events(self, conn: Connection, pk: int, p: dict, corpus_ids: dict[str, int]) -> None:
        """Facts and events with their entity references resolved to corpus entities."""
        names = {e["id"]: e["name"] for e in p["card"].get("entities") or []}
        fact_rows, fact_links, event_rows, event_links = [], [], [], []
        for fact in p["card"].get("facts") or []:
            refs = entity_refs(fact_from_json(fact), corpus_ids)
            data = dict(fact, entities={role: [names.get(r) for r in ids] for role, ids in refs.items()})
            person = _first(refs.get("person"), corpus_ids)
            where = _first(refs.get("where"), corpus_ids)
            fact_id = self._take_ids(m.Fact, 1)[0]
            fact_rows.append({"id": fact_id, "article_pk": pk, "type": str(fact.get("type") or "fact")[:32],
                              "person_id": person, "where_id": where, "published": p["published"],
                              "data": _json(data),
                              "position": (str(fact["position"])[:500] if fact.get("position") else None)})
            involved = {corpus_ids[r] for ids in refs.values() for r in ids}
            fact_links += [{"fact_id": fact_id, "corpus_id": c} for c in involved]
        for event in p["card"].get("events") or []:
            refs = entity_refs(event_from_json(event), corpus_ids)
            data = dict(event, entities={role: [names.get(r) for r in ids] for role, ids in refs.items()},
                        sentence=_evidence_text(p["card"], event))  # the source sentence, shown and compared
            event_id = self._take_ids(m.Event, 1)[0]
            when = _date(event.get("date") or event.get("start"))  # a mourning is dated by its first day
            yearless = when if when and when.startswith("XXXX") else None  # compared, never stored as a date
            when = None if yearless else when
            roles = {(corpus_ids[r], "place" if role in PLACE_ROLES else "participant")
                     for role, ids in refs.items() for r in ids}
            mention = _event_mention(event_id, pk, event, when or yearless, p["published"],
                                     {c for c, r in roles if r == "place"}, {c for c, r in roles if r != "place"},
                                     _evidence_text(p["card"], event))
            event_rows.append({"id": event_id, "article_pk": pk, "type": str(event.get("type") or "event")[:32],
                               "date": when, "killed": _int(event.get("killed")),
                               "injured": _int(event.get("injured")), "data": _json(data),
                               "corpus_event": self.events.add(mention)})
            event_links += [{"event_id": event_id, "corpus_id": c, "role": role} for c, role in roles]
        for name, rows in (("fact", fact_rows), ("fact_entity", fact_links), ("event", event_rows),
                           ("event_entity", event_links)):
            if rows:
                self.sql.add(conn, name, rows)

    def _write_dates(self, conn: Connection, pk: int, p: dict) -> None:
        rows = [{"article_pk": pk, "field": d.get("field", "text"), "start": d["start"], "stop": d["stop"],
                 "text": str(d.get("text", ""))[:500], "value": (str(d["value"])[:64] if d.get("value") else None),
                 "precision": str(d.get("precision") or "unknown")[:16]}
                for d in p["card"].get("dates") or []]
        if rows:
            self.sql.add(conn, "date", rows)

    def _write_story(self, conn: Connection, pk: int, p: dict, corpus_ids: dict[str, int]) -> None:
        """Put the article in a story (its original's, if a near-duplicate) and persist the story."""
        counts: Counter = Counter()
        for entity in p["card"].get("entities") or []:
            in_title = any(mn.get("field") == "title" for mn in entity.get("mentions") or [])
            counts[corpus_ids[entity["id"]]] += len(entity.get("mentions") or []) + (2 if in_title else 0)
        df = {i: self.linker.entities[i].articles for i in counts}
        profile = self.stories.profile(counts, df, self.n_articles + 1)
        forced = None
        if self._duplicate_of:  # known from `_write_article`: no read of the row just written
            forced = self.sql.one(conn, "story_of", {"pk": self._duplicate_of})
        event_types = {str(e.get("type")) for e in p["card"].get("events") or [] if e.get("type")}
        first_new = self.stories.next_id  # ids from here on are stories this call creates
        story = self.stories.assign(profile, p["published"], p["title"], event_types, df,
                                    self.n_articles + 1, forced)
        row = story.as_row()
        row["entities"], row["event_types"] = _json(row["entities"]), _json(row["event_types"])
        self.sql.add(conn, "story_insert" if story.id >= first_new else "story_update", row)
        self.sql.add(conn, "story_article", {"article_pk": pk, "story_id": story.id})

    def _remove_parts(self, conn: Connection, pk: int) -> None:
        """Before an update: take the article's old parts out (and out of the counts)."""
        old = conn.execute(select(m.DocEntity.corpus_id, func.sum(m.DocEntity.mention_count))
                           .where(m.DocEntity.article_pk == pk).group_by(m.DocEntity.corpus_id)).all()
        if old:
            conn.execute(COUNT_UPDATE, [{"cid": i, "dm": -(n or 0), "da": -1} for i, n in old])
        for corpus_id, mentions in old:
            known = self.linker.entities.get(corpus_id)
            if known:
                known.mentions -= mentions or 0
                known.articles -= 1
        fact_ids = select(m.Fact.id).where(m.Fact.article_pk == pk)
        event_ids = select(m.Event.id).where(m.Event.article_pk == pk)
        conn.execute(delete(m.FactEntity).where(m.FactEntity.fact_id.in_(fact_ids)))
        conn.execute(delete(m.EventEntity).where(m.EventEntity.event_id.in_(event_ids)))
        for table in (m.MentionRow, m.DocEntity, m.Fact, m.Event, m.DateRow):
            conn.execute(delete(table).where(table.article_pk == pk))
        story_id = conn.execute(select(m.StoryArticle.story_id).where(m.StoryArticle.article_pk == pk)).scalar()
        if story_id is not None:
            conn.execute(delete(m.StoryArticle).where(m.StoryArticle.article_pk == pk))
            conn.execute(update(m.Story).where(m.Story.id == story_id).values(article_count=m.Story.article_count - 1))
            if story_id in self.stories.stories:
                self.stories.stories[story_id].count -= 1
        unindex_article(conn, pk)
        self.duplicates.remove(pk)
        self.events.remove_article(pk)


def entity_refs(record, corpus_ids: dict[str, int]) -> dict[str, list[str]]:
    """Card entity ids a fact/event record references, by the roles it declares
    (`letopis.records`), keeping those linked to corpus entities."""
    refs: dict[str, list[str]] = {}
    for role, ids in record.entity_refs().items():
        linked = [i for i in ids if i in corpus_ids]
        if linked:
            refs[role] = linked
    return refs


def _first(ids: list[str] | None, corpus_ids: dict[str, int]) -> int | None:
    return corpus_ids[ids[0]] if ids else None


PLACE_ROLES = ("places", "place", "regions", "where")  # roles naming where an event happened


def _event_mention(event_id: int, article_pk: int, event: dict, when: str | None, published,
                   places: set[int], participants: set[int], sentence: str = "") -> EventMention:
    """What event coreference compares of one stored event."""
    return EventMention(event_id, article_pk, str(event.get("type") or "event"), event.get("kind"),
                        event.get("modality"), when, str(published) if published else None, places, participants,
                        sentence)


def _evidence_text(card: dict, event: dict) -> str:
    """The sentence an event's evidence covers (title or body)."""
    evidence = event.get("evidence") or {}
    article = card.get("article") or {}
    source = article.get("title") if evidence.get("field") == "title" else article.get("text")
    try:
        return (source or "")[int(evidence.get("start", 0)):int(evidence.get("stop", 0))]
    except (TypeError, ValueError):
        return ""


def _int(value) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _yearless(data: dict | None) -> str | None:
    """A stored event's day with an unknown year ("XXXX-06-23"), which the date column leaves empty."""
    value = _date((data or {}).get("date"))
    return value if value and value.startswith("XXXX") else None


def _date(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("value")
    return str(value)[:32] if value else None


