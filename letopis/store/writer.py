"""The single writer: one prepared article -> one transaction in the store.

Everything an article adds (its row, document entities linked to corpus
entities, mentions, facts, events, dates, search entry, duplicate flag, story
membership) is written in ONE transaction, so a crash (even SIGKILL) leaves
either the whole article or nothing. The in-memory indexes that make linking,
duplicate detection and story clustering fast (`Linker`, `DuplicateIndex`,
`StoryClusterer`) are loaded from the store on start and reloaded if a write
fails, so they never disagree with what was committed.
"""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from ..records import event_from_json, fact_from_json
from . import models as m
from ..corpus.dedup import DuplicateIndex
from ..corpus.linking import Known, Linker, Link, person_parts
from ..corpus.stories import StoryClusterer, StoryState
from .search import index_article, unindex_article
from ..schema import PER

COOC_WINDOW = 300  # a person's latest articles read for namesake choice
COUNT_UPDATE = (update(m.CorpusEntity).where(m.CorpusEntity.id == bindparam("cid"))
                .values(mentions=m.CorpusEntity.mentions + bindparam("dm"),
                        articles=m.CorpusEntity.articles + bindparam("da")))


@dataclass
class Decision:
    """What to do with an incoming article: "new", "update" (pk) or "skip"."""

    action: str
    pk: int | None = None


class Writer:
    """Owns the store's write path and the in-memory corpus indexes."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.load()

    # --- state -----------------------------------------------------------
    def load(self) -> None:
        """(Re)build the in-memory indexes from what is committed."""
        self.linker = Linker()
        self.duplicates = DuplicateIndex()
        self.stories = StoryClusterer()
        self.by_url: dict[str, tuple[int, str]] = {}
        self.by_id: dict[str, tuple[int, str]] = {}
        self.hashes: set[str] = set()
        self.flagged: set[int] = set()  # pks flagged as near-duplicates while this writer ran
        with self.engine.connect() as conn:
            self.fingerprint = self._fingerprint(conn)
            # The single writer numbers rows itself, so one article's rows go in as a few executemany batches.
            self.next_ids = {table: (conn.execute(select(func.max(table.id))).scalar() or 0) + 1
                             for table in (m.DocEntity, m.Fact, m.Event)}
            self._load_articles(conn)
            self._load_entities(conn)
            self._load_stories(conn)

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

    # --- writing ---------------------------------------------------------
    def write(self, prepared: dict, decision: Decision) -> int:
        """Store one prepared article atomically; returns its pk."""
        try:
            with self.engine.begin() as conn:
                self._conn = conn  # the linker's co-mention lookups read through it
                if decision.action == "update":
                    self._remove_parts(conn, decision.pk)
                pk = self._write_article(conn, prepared, decision)
                links = self._write_entities(conn, pk, prepared)
                self._write_facts_events(conn, pk, prepared, links)
                self._write_dates(conn, pk, prepared)
                index_article(conn, pk, prepared["title_lemmas"], prepared["body_lemmas"])
                self._write_story(conn, pk, prepared, links)
        except BaseException:
            self.load()  # memory may hold half of the failed article: rebuild from the store
            raise
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
        values = {"id": p["id"], "url": p["url"], "content_hash": p["content_hash"], "title": p["title"],
                  "source": p["source"], "rubric": p["rubric"], "published": p["published"],
                  "chars": p["chars"], "origin": p["origin"], "card": p["card"], "minhash": p["minhash"],
                  "duplicate_of": duplicate_of if duplicate_of != decision.pk else None,
                  "ingested_at": time.time()}
        if decision.action == "update":
            conn.execute(update(m.Article).where(m.Article.pk == decision.pk).values(**values))
            return decision.pk
        return conn.execute(insert(m.Article).values(**values)).inserted_primary_key[0]

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
            conn.execute(insert(m.DocEntity), doc_rows)
        if mention_rows:
            conn.execute(insert(m.MentionRow), mention_rows)
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
            conn.execute(insert(m.CorpusEntity), [
                {"id": i, "name": self.linker.entities[i].name[:500], "type": self.linker.entities[i].type,
                 "subtype": subtype, "mentions": 0, "articles": 0} for i, subtype in created.items()])
        renamed = {links[e["id"]].id for e in entities if links[e["id"]].renamed and links[e["id"]].id not in created}
        if renamed:
            conn.execute(update(m.CorpusEntity).where(m.CorpusEntity.id == bindparam("cid"))
                         .values(name=bindparam("new_name")),
                         [{"cid": i, "new_name": self.linker.entities[i].name[:500]} for i in renamed])
        if aliases:
            conn.execute(insert(m.Alias), aliases)
        if counts:
            conn.execute(COUNT_UPDATE, [{"cid": i, "dm": n, "da": 1} for i, n in counts.items()])

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
                              "person_id": person, "where_id": where, "published": p["published"], "data": data,
                              "position": (str(fact["position"])[:500] if fact.get("position") else None)})
            involved = {corpus_ids[r] for ids in refs.values() for r in ids}
            fact_links += [{"fact_id": fact_id, "corpus_id": c} for c in involved]
        for event in p["card"].get("events") or []:
            refs = entity_refs(event_from_json(event), corpus_ids)
            data = dict(event, entities={role: [names.get(r) for r in ids] for role, ids in refs.items()})
            event_id = self._take_ids(m.Event, 1)[0]
            event_rows.append({"id": event_id, "article_pk": pk, "type": str(event.get("type") or "event")[:32],
                               "date": _date(event.get("date")), "killed": _int(event.get("killed")),
                               "injured": _int(event.get("injured")), "data": data})
            roles = {(corpus_ids[r], "place" if role in ("places", "place") else "participant")
                     for role, ids in refs.items() for r in ids}
            event_links += [{"event_id": event_id, "corpus_id": c, "role": role} for c, role in roles]
        for table, rows in ((m.Fact, fact_rows), (m.FactEntity, fact_links), (m.Event, event_rows),
                            (m.EventEntity, event_links)):
            if rows:
                conn.execute(insert(table), rows)

    def _write_dates(self, conn: Connection, pk: int, p: dict) -> None:
        rows = [{"article_pk": pk, "field": d.get("field", "text"), "start": d["start"], "stop": d["stop"],
                 "text": str(d.get("text", ""))[:500], "value": (str(d["value"])[:64] if d.get("value") else None),
                 "precision": str(d.get("precision") or "unknown")[:16]}
                for d in p["card"].get("dates") or []]
        if rows:
            conn.execute(insert(m.DateRow), rows)

    def _write_story(self, conn: Connection, pk: int, p: dict, corpus_ids: dict[str, int]) -> None:
        """Put the article in a story (its original's, if a near-duplicate) and persist the story."""
        counts: Counter = Counter()
        for entity in p["card"].get("entities") or []:
            in_title = any(mn.get("field") == "title" for mn in entity.get("mentions") or [])
            counts[corpus_ids[entity["id"]]] += len(entity.get("mentions") or []) + (2 if in_title else 0)
        df = {i: self.linker.entities[i].articles for i in counts}
        profile = self.stories.profile(counts, df, self.n_articles + 1)
        forced = None
        original = conn.execute(select(m.Article.duplicate_of).where(m.Article.pk == pk)).scalar()
        if original:
            forced = conn.execute(select(m.StoryArticle.story_id).where(m.StoryArticle.article_pk == original)).scalar()
        event_types = {str(e.get("type")) for e in p["card"].get("events") or [] if e.get("type")}
        story = self.stories.assign(profile, p["published"], p["title"], event_types, df,
                                    self.n_articles + 1, forced)
        row = story.as_row()
        if conn.execute(select(m.Story.id).where(m.Story.id == story.id)).scalar() is None:
            conn.execute(insert(m.Story).values(**row))
        else:
            conn.execute(update(m.Story).where(m.Story.id == story.id).values(**row))
        conn.execute(insert(m.StoryArticle).values(article_pk=pk, story_id=story.id))

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


def _int(value) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _date(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("value")
    return str(value)[:32] if value else None


