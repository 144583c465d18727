"""Read queries of the store, returning the JSON-ready shapes of `letopis/kb.py`.

Each function takes an open connection and uses indexed columns only (no
JSON parsing in SQL), so profiles and listings stay fast on 10K+ articles.
"""
from __future__ import annotations

from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Connection

from . import models as m
from ..corpus import events as corpus_events
from ..corpus.aliases import display_aliases
from ..corpus.linking import abbreviations, name_key
from ..records import event_from_json, fact_from_json
from .lemmas import Lemmatizer
from ..schema import PER

CO_MENTION_WINDOW = 500  # co-mentions are counted over an entity's latest articles


def stats(conn: Connection) -> dict:
    """Counts of everything stored."""
    def count(q):
        return conn.execute(q).scalar() or 0
    return {
        "articles": count(select(func.count()).select_from(m.Article)),
        "entities": count(select(func.count()).select_from(m.CorpusEntity).where(m.CorpusEntity.articles > 0)),
        "mentions": count(select(func.count()).select_from(m.MentionRow)),
        "facts": count(select(func.count()).select_from(m.Fact)),
        "events": count(select(func.count(func.distinct(func.coalesce(m.Event.corpus_event, m.Event.id))))),  # corpus events
        "dates": count(select(func.count()).select_from(m.DateRow)),
        "stories": count(select(func.count()).select_from(m.Story).where(m.Story.article_count >= 2)),
        "near_duplicates": count(select(func.count()).select_from(m.Article).where(m.Article.duplicate_of.is_not(None))),
    }


def lookup_keys(name: str) -> list[str]:
    """A typed name's key plus its expansion from the abbreviation table ("РФ" -> "россия")."""
    key = name_key(name)
    keys = [key]
    expansion = abbreviations().get(key)
    if expansion and name_key(expansion[0]) != key:
        keys.append(name_key(expansion[0]))
    return keys


def article_row(row) -> dict:
    return {"id": row.id, "title": row.title, "url": row.url, "source": row.source,
            "published": row.published, "rubric": row.rubric}


def facet(conn: Connection, column, where: list, limit: int, count=None) -> list[dict]:
    """[{"value", "count"}] of a column's values under a filter, most frequent first (a list's facet).
    `count` is what is counted (default rows; the events table counts merged events)."""
    count = func.count() if count is None else count
    rows = conn.execute(select(column, count).where(*where, column.is_not(None)).group_by(column)
                        .order_by(count.desc(), column).limit(limit)).all()
    return [{"value": v, "count": c} for v, c in rows]


def _article_where(q: str | None = None, source: str | None = None, rubric: str | None = None) -> list:
    where = [m.Article.title.icontains(q, autoescape=True)] if q else []  # `%`, `_` are literal
    if source:
        where.append(m.Article.source == source)
    if rubric:
        where.append(m.Article.rubric == rubric)
    return where


def article_facets(conn: Connection, q: str | None = None, source: str | None = None, rubric: str | None = None,
                   limit: int = 12) -> dict:
    """Counts per source and rubric of the articles under a filter (the list's facets)."""
    where = _article_where(q, source, rubric)
    return {"source": facet(conn, m.Article.source, where, limit), "rubric": facet(conn, m.Article.rubric, where, limit)}


def articles(conn: Connection, limit: int, offset: int, q: str | None = None, source: str | None = None,
             rubric: str | None = None) -> dict:
    """Articles newest first, optionally whose title contains `q`, of one source or rubric."""
    where = _article_where(q, source, rubric)
    total = conn.execute(select(func.count()).select_from(m.Article).where(*where)).scalar()
    rows = conn.execute(select(m.Article.id, m.Article.title, m.Article.url, m.Article.source, m.Article.published,
                               m.Article.rubric).where(*where)
                        .order_by(m.Article.published.desc().nulls_last(), m.Article.pk.desc())
                        .limit(limit).offset(offset)).all()
    return {"total": total, "items": [article_row(r) for r in rows]}


def card(conn: Connection, article_id: str) -> dict | None:
    """The stored card; entities carry "corpus_id", and "corpus" says story and duplicate."""
    row = conn.execute(select(m.Article.pk, m.Article.card, m.Article.duplicate_of)
                       .where(m.Article.id == article_id)).first()
    if row is None:
        return None
    data = dict(row.card)
    links = dict(conn.execute(select(m.DocEntity.local_id, m.DocEntity.corpus_id)
                              .where(m.DocEntity.article_pk == row.pk)).all())
    data["entities"] = [dict(e, corpus_id=links.get(e["id"])) for e in data.get("entities") or []]
    story = conn.execute(select(m.StoryArticle.story_id).where(m.StoryArticle.article_pk == row.pk)).scalar()
    duplicate = (conn.execute(select(m.Article.id).where(m.Article.pk == row.duplicate_of)).scalar()
                 if row.duplicate_of else None)
    data["corpus"] = {"story_id": story, "duplicate_of": duplicate}
    return data


def entity_row(row) -> dict:
    return {"id": row.id, "name": row.name, "type": row.type, "subtype": row.subtype,
            "mentions": row.mentions, "articles": row.articles}


def _entity_where(type: str | None = None, q: str | None = None, subtype: str | None = None) -> list:
    where = [m.CorpusEntity.articles > 0]
    if type:
        where.append(m.CorpusEntity.type == type.upper())
    if subtype:
        where.append(m.CorpusEntity.subtype == subtype)
    if q:
        keys = lookup_keys(q)
        prefix = and_(m.Alias.key >= keys[0], m.Alias.key < keys[0] + "\uffff")  # index-friendly "starts with"
        ids = select(m.Alias.entity_id).where(or_(m.Alias.key.in_(keys), prefix))
        where.append(m.CorpusEntity.id.in_(ids))
    return where


def entity_facets(conn: Connection, type: str | None = None, q: str | None = None, subtype: str | None = None,
                  limit: int = 12) -> dict:
    """Counts per type and subtype of the entities under a filter (the list's facets)."""
    where = _entity_where(type, q, subtype)
    return {"type": facet(conn, m.CorpusEntity.type, where, limit),
            "subtype": facet(conn, m.CorpusEntity.subtype, where, limit)}


def entities(conn: Connection, limit: int, offset: int, type: str | None = None, q: str | None = None,
             subtype: str | None = None) -> dict:
    """Corpus entities, most mentioned first; `q` matches any alias (prefix)."""
    where = _entity_where(type, q, subtype)
    total = conn.execute(select(func.count()).select_from(m.CorpusEntity).where(*where)).scalar()
    rows = conn.execute(select(m.CorpusEntity).where(*where)
                        .order_by(m.CorpusEntity.mentions.desc(), m.CorpusEntity.id).limit(limit).offset(offset)).all()
    return {"total": total, "items": [entity_row(r) for r in rows]}


def resolve_entity(conn: Connection, key) -> int | None:
    """A corpus id, or a name/alias -> the most mentioned entity with it."""
    if isinstance(key, int) or (isinstance(key, str) and key.strip().isdecimal()):
        found = conn.execute(select(m.CorpusEntity.id).where(m.CorpusEntity.id == int(key))).scalar()
        if found is not None:
            return found
    keys = lookup_keys(str(key))
    wanted = keys[0]
    row = conn.execute(select(m.CorpusEntity.id).join(m.Alias, m.Alias.entity_id == m.CorpusEntity.id)
                       .where(m.Alias.key.in_(keys)).order_by(m.CorpusEntity.mentions.desc()).limit(1)).scalar()
    if row is None and wanted and " " not in wanted:  # a surname alone: the most mentioned person with it
        row = conn.execute(select(m.CorpusEntity.id).join(m.Alias, m.Alias.entity_id == m.CorpusEntity.id)
                           .where(m.CorpusEntity.type == PER, m.Alias.key.endswith(" " + wanted, autoescape=True))
                           .order_by(m.CorpusEntity.mentions.desc()).limit(1)).scalar()
    if row is None:  # "Токаеве" -> try the normal forms of each word
        row = _resolve_inflected(conn, wanted)
    return row


def _resolve_inflected(conn: Connection, wanted: str) -> int | None:
    """A name typed in an oblique case: try nominative forms word by word."""
    lemmatizer = Lemmatizer()  # over the process's shared Morph and its caches
    words = wanted.split()
    if not words or len(words) > 5:
        return None
    key = " ".join(lemmatizer.lemma(w) for w in words)
    if key == wanted:
        return None
    return conn.execute(select(m.CorpusEntity.id).join(m.Alias, m.Alias.entity_id == m.CorpusEntity.id)
                        .where(m.Alias.key == key).order_by(m.CorpusEntity.mentions.desc()).limit(1)).scalar()


def entity(conn: Connection, key) -> dict | None:
    """The profile of a corpus entity (see kb.py for the shape)."""
    entity_id = resolve_entity(conn, key)
    if entity_id is None:
        return None
    row = conn.execute(select(m.CorpusEntity).where(m.CorpusEntity.id == entity_id)).first()
    profile = entity_row(row)
    aliases = conn.execute(select(m.Alias.alias).where(m.Alias.entity_id == entity_id).order_by(m.Alias.id)).scalars()
    profile["aliases"] = display_aliases(row.name, aliases)
    profile["positions"] = positions(conn, entity_id)
    profile["mentions_per_day"] = mentions_per_day(conn, entity_id)
    profile["co_mentioned"] = co_mentioned(conn, entity_id)
    profile["co_mention_pairs"] = co_mention_pairs(conn, entity_id, [c["id"] for c in profile["co_mentioned"]])
    profile["events"] = events(conn, entity=entity_id, limit=50, offset=0)["items"]
    profile["facts"] = facts(conn, entity=entity_id, limit=50, offset=0)["items"]
    profile["article_count"] = profile["articles"]
    profile["articles"] = entity_articles(conn, entity_id)
    return profile


def positions(conn: Connection, entity_id: int) -> list[dict]:
    """Posts held over time, from occupation facts."""
    where_entity = m.CorpusEntity
    rows = conn.execute(
        select(m.Fact.position, where_entity.name, func.min(m.Fact.published), func.max(m.Fact.published),
               func.count(func.distinct(m.Fact.article_pk)))
        .outerjoin(where_entity, where_entity.id == m.Fact.where_id)
        .where(m.Fact.person_id == entity_id, m.Fact.type == "occupation", m.Fact.position.is_not(None))
        .group_by(m.Fact.position, where_entity.name)
        .order_by(func.count(func.distinct(m.Fact.article_pk)).desc())).all()
    return [{"position": p, "where": w, "first": first, "last": last, "articles": n}
            for p, w, first, last, n in rows]


def mentions_per_day(conn: Connection, entity_id: int) -> list[dict]:
    """Mentions per publication day (articles without a date are not counted)."""
    day = func.substr(m.DocEntity.published, 1, 10)
    rows = conn.execute(select(day, func.sum(m.DocEntity.mention_count))
                        .where(m.DocEntity.corpus_id == entity_id, m.DocEntity.published.is_not(None))
                        .group_by(day).order_by(day)).all()
    return [{"date": d, "count": int(c)} for d, c in rows]


def co_mentioned(conn: Connection, entity_id: int, limit: int = 20) -> list[dict]:
    """Entities mentioned in the same articles (over the entity's latest articles)."""
    recent = (select(m.DocEntity.article_pk).distinct().where(m.DocEntity.corpus_id == entity_id)
              .order_by(m.DocEntity.article_pk.desc()).limit(CO_MENTION_WINDOW)).subquery()
    count = func.count(func.distinct(m.DocEntity.article_pk))
    rows = conn.execute(select(m.CorpusEntity.id, m.CorpusEntity.name, m.CorpusEntity.type, count)
                        .select_from(m.DocEntity)
                        .join(recent, recent.c.article_pk == m.DocEntity.article_pk)
                        .join(m.CorpusEntity, m.CorpusEntity.id == m.DocEntity.corpus_id)
                        .where(m.DocEntity.corpus_id != entity_id)
                        .group_by(m.CorpusEntity.id, m.CorpusEntity.name, m.CorpusEntity.type)
                        .order_by(count.desc(), m.CorpusEntity.id).limit(limit)).all()
    return [{"id": i, "name": n, "type": t, "count": c} for i, n, t, c in rows]


def co_mention_pairs(conn: Connection, entity_id: int, ids: list[int]) -> list[dict]:
    """How often the entity's co-mentioned entities appear with each other (over the same
    latest articles as `co_mentioned`): the edges of the co-mention graph beyond the star."""
    if len(ids) < 2:
        return []
    recent = (select(m.DocEntity.article_pk).distinct().where(m.DocEntity.corpus_id == entity_id)
              .order_by(m.DocEntity.article_pk.desc()).limit(CO_MENTION_WINDOW)).subquery()
    a, b = m.DocEntity.__table__.alias("a"), m.DocEntity.__table__.alias("b")
    count = func.count(func.distinct(a.c.article_pk))
    rows = conn.execute(select(a.c.corpus_id, b.c.corpus_id, count)
                        .select_from(a.join(b, a.c.article_pk == b.c.article_pk)
                                     .join(recent, recent.c.article_pk == a.c.article_pk))
                        .where(a.c.corpus_id.in_(ids), b.c.corpus_id.in_(ids), a.c.corpus_id < b.c.corpus_id)
                        .group_by(a.c.corpus_id, b.c.corpus_id)).all()
    return [{"a": x, "b": y, "count": n} for x, y, n in rows]


def entity_articles(conn: Connection, entity_id: int, limit: int = 20) -> list[dict]:
    """The entity's latest articles.

    Ranked on `doc_entities` alone (it carries each article's date) and only the chosen
    few articles are read: ranking through `articles` read a row per article the entity
    is in, which grew with the store (a famous name is in tens of thousands).
    """
    latest = (select(m.DocEntity.article_pk, m.DocEntity.published).distinct()
              .where(m.DocEntity.corpus_id == entity_id)
              .order_by(m.DocEntity.published.desc().nulls_last(), m.DocEntity.article_pk.desc())
              .limit(limit)).subquery()
    rows = conn.execute(select(m.Article.id, m.Article.title, m.Article.published)
                        .join(latest, latest.c.article_pk == m.Article.pk)
                        .order_by(m.Article.published.desc().nulls_last(), m.Article.pk.desc())).all()
    return [{"id": i, "title": t, "published": p} for i, t, p in rows]


def facts(conn: Connection, type: str | None = None, entity=None, limit: int = 50, offset: int = 0) -> dict:
    """Facts, newest first, by type and/or involved entity (id or name)."""
    where = []
    if type:
        where.append(m.Fact.type == type)
    if entity is not None:
        entity_id = entity if isinstance(entity, int) else resolve_entity(conn, entity)
        if entity_id is None:
            return {"total": 0, "items": []}
        where.append(m.Fact.id.in_(select(m.FactEntity.fact_id).where(m.FactEntity.corpus_id == entity_id)))
    total = conn.execute(select(func.count()).select_from(m.Fact).where(*where)).scalar()
    # The page's ids are chosen on narrow columns first, then only their rows (JSON data) are
    # read: sorting the data of every matching fact grew with the store.
    page = (select(m.Fact.id).where(*where).order_by(m.Fact.published.desc().nulls_last(), m.Fact.id.desc())
            .limit(limit).offset(offset)).subquery()
    rows = conn.execute(select(m.Fact.id, m.Fact.data, m.Fact.article_pk, m.Article.id.label("article_id"),
                               m.Article.published)
                        .join(page, page.c.id == m.Fact.id)
                        .join(m.Article, m.Article.pk == m.Fact.article_pk)
                        .order_by(m.Fact.published.desc().nulls_last(), m.Fact.id.desc())).all()
    links = _corpus_links(conn, {r.article_pk for r in rows})
    return {"total": total, "items": [dict(with_corpus_ids(r.data, fact_from_json, links.get(r.article_pk, {})),
                                           id=r.id, article_id=r.article_id, published=r.published)
                                      for r in rows]}


def _corpus_links(conn: Connection, article_pks: set[int]) -> dict[int, dict[str, tuple[int, str]]]:
    """article pk -> {card entity id: (corpus id, corpus name)} for these articles."""
    out: dict[int, dict[str, tuple[int, str]]] = {}
    if not article_pks:
        return out
    rows = conn.execute(select(m.DocEntity.article_pk, m.DocEntity.local_id, m.CorpusEntity.id, m.CorpusEntity.name)
                        .join(m.CorpusEntity, m.CorpusEntity.id == m.DocEntity.corpus_id)
                        .where(m.DocEntity.article_pk.in_(sorted(article_pks)))).all()
    for pk, local_id, corpus_id, name in rows:
        out.setdefault(pk, {})[local_id] = (corpus_id, name)
    return out


def with_corpus_ids(data: dict, parse, links: dict[str, tuple[int, str]]) -> dict:
    """A stored fact/event with its card-local entity ids ("e6") replaced by corpus ids.

    Card ids mean something only inside their article; what the knowledge base
    serves must name corpus entities, so every field the record declares in
    `roles` gets corpus ids (unlinked references dropped) and `entities` maps
    each role to the corpus names.
    """
    item = dict(data)
    names = {}
    for role in getattr(parse(data), "roles", ()):  # an unknown type declares none
        value = item.get(role)
        if isinstance(value, list):
            linked = [links[v] for v in value if v in links]
            item[role] = [corpus_id for corpus_id, _ in linked]
        elif value is not None:
            linked = [links[value]] if value in links else []
            item[role] = linked[0][0] if linked else None
        else:
            continue
        if linked:
            names[role] = [name for _, name in linked]
    item["entities"] = names
    return item


EVENT_SORTS = {
    "date": (m.Event.date.asc().nulls_last(),), "-date": (m.Event.date.desc().nulls_last(),),
    "killed": (m.Event.killed.asc().nulls_last(),), "-killed": (m.Event.killed.desc().nulls_last(),),
    "injured": (m.Event.injured.asc().nulls_last(),), "-injured": (m.Event.injured.desc().nulls_last(),),
    "type": (m.Event.type.asc(),), "-type": (m.Event.type.desc(),),
}


def events(conn: Connection, type: str | None = None, place: str | None = None, date_from: str | None = None,
           date_to: str | None = None, min_killed: int | None = None, limit: int = 50, offset: int = 0,
           sort: str | None = None, entity: int | None = None) -> dict:
    """Corpus events with filters, newest first unless `sort` names a column (see EVENT_SORTS).

    One item per real-world event (`events.corpus_event`, letopis.corpus.events):
    an event several articles report is listed once, with its figures as the
    latest report gives them, each report (`reports`) and how each figure
    moved (`timeline`); a filter matches when any report matches."""
    if sort and sort not in EVENT_SORTS:
        raise ValueError(f"unknown sort {sort!r}; use one of {', '.join(EVENT_SORTS)}")
    where = _event_where(type, place, date_from, date_to, min_killed, entity)
    cluster = func.coalesce(m.Event.corpus_event, m.Event.id)
    groups = (select(cluster.label("key"), func.min(m.Event.id).label("first")).where(*where)
              .group_by(cluster).subquery())  # one row per corpus event: its first matching report
    total = conn.execute(select(func.count()).select_from(groups)).scalar()
    order = EVENT_SORTS[sort] if sort else (m.Event.date.desc().nulls_last(),)
    rows = conn.execute(select(groups.c.key, m.Event.id).join(m.Event, m.Event.id == groups.c.first)
                        .order_by(*order, m.Event.id.desc()).limit(limit).offset(offset)).all()
    reports = _event_reports(conn, [r.key for r in rows])
    places = _event_places(conn, [r.id for group in reports.values() for r in group])
    links = _corpus_links(conn, {group[-1].article_pk for group in reports.values() if group})
    items = []
    for key, head in rows:
        group = reports.get(key, [])
        if not group:
            continue
        last = group[-1]
        item = {k: v for k, v in with_corpus_ids(last.data, event_from_json, links.get(last.article_pk, {})).items()
                if k not in ("places",)}
        seen = {}
        for r in group:
            for p in places.get(r.id, []):
                seen.setdefault(p["id"], p["name"])
        told = [{"source": r.source or r.article_id, "published": r.published, "event": dict(r.data)} for r in group]
        figures = corpus_events.latest(told)  # each figure as its latest report gives it
        item.update(id=head, article_id=last.article_id, article_title=last.title, type=last.type,
                    date=next((r.date for r in group if r.date), None) or (last.data or {}).get("date"),
                    places=list(seen.values()), place_ids=list(seen),
                    killed=figures.get("killed", last.killed), injured=figures.get("injured", last.injured),
                    reports=[{"event_id": r.id, "article_id": r.article_id, "source": r.source,
                              "published": r.published, "killed": r.killed, "injured": r.injured} for r in group],
                    timeline={name: corpus_events.render(steps)
                              for name, steps in corpus_events.timeline(told).items()})
        items.append(item)
    return {"total": total, "items": items}


def _event_where(type=None, place=None, date_from=None, date_to=None, min_killed=None, entity=None) -> list:
    """The WHERE clauses of an events filter (shared by the table and its facets)."""
    where = []
    if type:
        where.append(m.Event.type == type)
    if date_from:
        where.append(m.Event.date >= date_from)
    if date_to:
        where.append(m.Event.date <= date_to + "\uffff")
    if min_killed is not None:
        where.append(m.Event.killed >= int(min_killed))
    if place:
        place_ids = select(m.Alias.entity_id).where(m.Alias.key.in_(lookup_keys(place)))
        where.append(m.Event.id.in_(select(m.EventEntity.event_id).where(
            m.EventEntity.role == "place", m.EventEntity.corpus_id.in_(place_ids))))
    if entity is not None:
        where.append(m.Event.id.in_(select(m.EventEntity.event_id).where(m.EventEntity.corpus_id == entity)))
    return where


def event_facets(conn: Connection, type=None, place=None, date_from=None, date_to=None, min_killed=None,
                 limit: int = 12) -> dict:
    """Counts per type, place and year of the events under a filter (the table's facets, datasette-style),
    and per event day (the events timeline)."""
    where = _event_where(type, place, date_from, date_to, min_killed)
    events_ = func.count(func.distinct(func.coalesce(m.Event.corpus_event, m.Event.id)))  # merged events, as listed
    year = func.substr(m.Event.date, 1, 4)
    by_year = conn.execute(select(year, events_).where(*where, m.Event.date.is_not(None)).group_by(year)
                           .order_by(year.desc()).limit(limit)).all()
    by_place = conn.execute(select(m.CorpusEntity.name, events_)
                            .select_from(m.Event).join(m.EventEntity, m.EventEntity.event_id == m.Event.id)
                            .join(m.CorpusEntity, m.CorpusEntity.id == m.EventEntity.corpus_id)
                            .where(*where, m.EventEntity.role == "place")
                            .group_by(m.CorpusEntity.id, m.CorpusEntity.name)
                            .order_by(events_.desc(), m.CorpusEntity.name).limit(limit)).all()
    day = func.substr(m.Event.date, 1, 10)
    by_day = conn.execute(select(day, events_).where(*where, m.Event.date.is_not(None)).group_by(day)
                          .order_by(day)).all()
    return {"type": facet(conn, m.Event.type, where, limit, events_),
            "place": [{"value": v, "count": c} for v, c in by_place],
            "year": [{"value": v, "count": c} for v, c in by_year if v],
            "days": [{"date": v, "count": c} for v, c in by_day if v]}


def _event_reports(conn: Connection, heads: list[int]) -> dict[int, list]:
    """Corpus event id -> its event rows (with article id, source, publication), oldest report first."""
    if not heads:
        return {}
    cluster = func.coalesce(m.Event.corpus_event, m.Event.id)
    rows = conn.execute(select(cluster.label("head"), m.Event.id, m.Event.type, m.Event.date, m.Event.killed,
                               m.Event.injured, m.Event.data, m.Event.article_pk, m.Article.id.label("article_id"),
                               m.Article.title,
                               m.Article.source, m.Article.published)
                        .join(m.Article, m.Article.pk == m.Event.article_pk).where(cluster.in_(heads))
                        .order_by(m.Article.published.asc().nulls_first(), m.Event.id)).all()
    out: dict[int, list] = {}
    for row in rows:
        out.setdefault(row.head, []).append(row)
    return out


def _event_places(conn: Connection, event_ids: list[int]) -> dict[int, list[dict]]:
    if not event_ids:
        return {}
    rows = conn.execute(select(m.EventEntity.event_id, m.CorpusEntity.id, m.CorpusEntity.name)
                        .join(m.CorpusEntity, m.CorpusEntity.id == m.EventEntity.corpus_id)
                        .where(m.EventEntity.event_id.in_(event_ids), m.EventEntity.role == "place")
                        .order_by(m.CorpusEntity.id)).all()
    out: dict[int, list[dict]] = {}
    for event_id, corpus_id, name in rows:
        out.setdefault(event_id, []).append({"id": corpus_id, "name": name})
    return out


def _entity_names(conn: Connection, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(conn.execute(select(m.CorpusEntity.id, m.CorpusEntity.name).where(m.CorpusEntity.id.in_(ids))).all())


def story_row(conn: Connection, row, names: dict[int, str], top: int = 5) -> dict:
    ids = [int(i) for i, _ in row.entities[:top]]
    return {"id": row.id, "title": row.title, "first": row.first, "last": row.last,
            "articles": row.article_count, "entities": [names[i] for i in ids if i in names],
            "event_types": list(row.event_types or [])}


def stories(conn: Connection, limit: int, offset: int, min_articles: int = 2) -> dict:
    """Stories of at least `min_articles` articles, newest first (then biggest)."""
    where = [m.Story.article_count >= min_articles]
    total = conn.execute(select(func.count()).select_from(m.Story).where(*where)).scalar()
    rows = conn.execute(select(m.Story).where(*where)
                        .order_by(m.Story.last.desc().nulls_last(), m.Story.article_count.desc(), m.Story.id.desc())
                        .limit(limit).offset(offset)).all()
    names = _entity_names(conn, sorted({int(i) for r in rows for i, _ in r.entities[:5]}))
    return {"total": total, "items": [story_row(conn, r, names) for r in rows]}


def story(conn: Connection, story_id: int) -> dict | None:
    """A story with its articles in time order and its main entities."""
    row = conn.execute(select(m.Story).where(m.Story.id == int(story_id))).first()
    if row is None:
        return None
    names = _entity_names(conn, [int(i) for i, _ in row.entities[:10]])
    data = story_row(conn, row, names, top=10)
    data["entity_ids"] = [int(i) for i, _ in row.entities[:10] if int(i) in names]
    arts = conn.execute(select(m.Article.id, m.Article.title, m.Article.url, m.Article.source, m.Article.published,
                               m.Article.rubric).join(m.StoryArticle, m.StoryArticle.article_pk == m.Article.pk)
                        .where(m.StoryArticle.story_id == row.id)
                        .order_by(m.Article.published.asc().nulls_last(), m.Article.pk)).all()
    data["articles"] = [article_row(a) for a in arts]
    data["events"] = story_events(conn, row.id)
    return data


def story_events(conn: Connection, story_id: int) -> list[dict]:
    """The events its articles report, in publication order: how casualty figures moved."""
    rows = conn.execute(select(m.Event.id, m.Event.type, m.Event.date, m.Event.killed, m.Event.injured, m.Event.data,
                               m.Article.id.label("article_id"), m.Article.published, m.Article.title)
                        .join(m.Article, m.Article.pk == m.Event.article_pk)
                        .join(m.StoryArticle, m.StoryArticle.article_pk == m.Article.pk)
                        .where(m.StoryArticle.story_id == story_id)
                        .order_by(m.Article.published.asc().nulls_last(), m.Event.id)).all()
    places = _event_places(conn, [r.id for r in rows])
    return [{"id": r.id, "type": r.type, "date": r.date, "killed": r.killed, "injured": r.injured,
             "article_id": r.article_id, "published": r.published, "article_title": r.title,
             "places": [p["name"] for p in places.get(r.id, [])],
             "revisions": [{"field": v.get("field"), "value": v.get("value")} for v in (r.data or {}).get("revisions") or []
                           if isinstance(v, dict)]} for r in rows]


