"""The query functions behind both the JSON API and the HTML pages.

Each takes the `KnowledgeBase` and validated parameters and returns the
JSON-ready dict that `/api/...` sends as is and the page template draws, so
the two never disagree. Missing records raise `NotFound`; no SQL here.
"""
from __future__ import annotations

from .errors import NotFound, WebError
from .params import EventFilter, Page, SearchFilter

HOME_ENTITIES = 12
HOME_EVENTS = 10
HOME_STORIES = 6
CSV_BATCH = 100
CSV_MAX_ROWS = 50_000
MAX_ID = 2**63 - 1  # store ids are 64-bit integers: a bigger number names nothing


def out_of_range(key) -> bool:
    """A numeric key too big to be a store id (the database would overflow on it)."""
    text = str(key).strip()
    return text.isdecimal() and int(text) > MAX_ID


def paged(result: dict, page: Page) -> dict:
    """A KnowledgeBase list result plus the page it answers (for pagers and clients)."""
    return {"total": result["total"], "limit": page.limit, "offset": page.offset, "items": result["items"]}


def home(kb) -> dict:
    """Corpus counts, the most mentioned entities, latest events, newest stories."""
    top = kb.entities(limit=HOME_ENTITIES, offset=0)["items"]
    return {
        "stats": kb.stats(),
        "top_entities": sorted(top, key=lambda item: -(item.get("mentions") or 0)),
        "latest_events": kb.events(limit=HOME_EVENTS, offset=0, sort="-date")["items"],
        **newest_stories(kb),
    }


def newest_stories(kb) -> dict:
    """Stories of 2+ articles; in a young corpus with none yet, the newest single ones."""
    items = kb.stories(limit=HOME_STORIES, offset=0)["items"]
    if items:
        return {"stories": items, "single_article_stories": False}
    return {"stories": kb.stories(limit=HOME_STORIES, offset=0, min_articles=1)["items"], "single_article_stories": True}


def articles(kb, page: Page, q: str | None = None, source: str | None = None, rubric: str | None = None) -> dict:
    """Articles, newest first, optionally filtered by a title substring, source or rubric; with facets."""
    data = paged(kb.articles(limit=page.limit, offset=page.offset, q=q or None, source=source, rubric=rubric), page)
    data["facets"] = kb.article_facets(q=q or None, source=source, rubric=rubric)
    return data


def article(kb, article_id: str) -> dict:
    """The full card of one article (SPEC.md contract)."""
    card = kb.card(article_id)
    if card is None:
        raise NotFound("article", article_id)
    return card


def entities(kb, page: Page, type: str | None = None, q: str | None = None, subtype: str | None = None) -> dict:
    """Corpus entities, optionally of one type or subtype or matching a name; with facets."""
    data = paged(kb.entities(limit=page.limit, offset=page.offset, type=type, q=q or None, subtype=subtype), page)
    data["facets"] = kb.entity_facets(type=type, q=q or None, subtype=subtype)
    return data


def entity(kb, key: str) -> dict:
    """An entity profile by corpus id, name or alias."""
    profile = None if out_of_range(key) else kb.entity(key)
    if profile is None:
        raise NotFound("entity", key)
    return profile


def facts(kb, page: Page, type: str | None = None, entity: str | None = None) -> dict:
    """Facts (occupation, meeting, ...), optionally of one type or about one entity."""
    if entity and out_of_range(entity):
        raise WebError(400, f"entity id out of range: {entity}")
    return paged(kb.facts(type=type or None, entity=entity or None, limit=page.limit, offset=page.offset), page)


def events(kb, page: Page, filt: EventFilter) -> dict:
    """One page of the events table under the given filter and sort order, with its facets."""
    data = paged(kb.events(limit=page.limit, offset=page.offset, **filt.as_kb()), page)
    data["facets"] = kb.event_facets(**{k: v for k, v in filt.as_kb().items() if k != "sort"})
    return data


def all_rows(fetch, **filters):
    """Every row a paged KnowledgeBase list gives under the filters (for CSV downloads)."""
    offset = 0
    while offset < CSV_MAX_ROWS:
        items = fetch(limit=CSV_BATCH, offset=offset, **filters)["items"]
        yield from items
        if len(items) < CSV_BATCH:
            return
        offset += CSV_BATCH


def all_events(kb, filt: EventFilter):
    """Every event under the filter, page by page (for the CSV download)."""
    return all_rows(kb.events, **filt.as_kb())


def all_facts(kb, type: str | None = None, entity: str | None = None):
    """Every fact of a type / about an entity (for the CSV download)."""
    if entity and out_of_range(entity):
        raise WebError(400, f"entity id out of range: {entity}")
    return all_rows(kb.facts, type=type or None, entity=entity or None)


def stories(kb, page: Page, min_articles: int = 2) -> dict:
    """Story clusters (articles telling the same story), newest first; by default of 2+ articles."""
    return paged(kb.stories(limit=page.limit, offset=page.offset, min_articles=min_articles), page)


def story(kb, story_id: str) -> dict:
    """One story with its articles and entities."""
    found = None if out_of_range(story_id) else kb.story(story_id)
    if found is None:
        raise NotFound("story", story_id)
    return found


def search(kb, q: str, page: Page, filt: SearchFilter | None = None) -> dict:
    """Morphology-aware full-text search, optionally filtered; snippets mark matches with <mark>."""
    try:
        found = kb.search(q, limit=page.limit, offset=page.offset, **(filt.as_kb() if filt else {}))
    except ValueError as exc:  # an entity filter naming no entity
        raise WebError(400, str(exc)) from None
    result = paged(found, page)
    result["facets"] = found.get("facets") or {}
    result["query"] = q
    return result
