"""The JSON API under `/api`: thin routes over `queries.py`.

Every list is paginated (`limit` 1..100, `offset`), every parameter is
validated (bad ones give 400 in the one error shape), and the answers are
exactly what the HTML pages draw. The spec is at `/api/openapi.json`,
interactive docs at `/api/docs`.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from . import queries
from .csvout import table_csv
from .errors import ERROR_RESPONSES
from .params import (MAX_TEXT, Blank, EntityType, EventFilterDep, MinArticles, PageDep, SearchFilterDep, SearchText,
                     Text)

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)

ArticleId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[\w.-]+$", description="Article id")]
EntityKey = Annotated[str, Path(min_length=1, max_length=MAX_TEXT, description="Corpus entity id, name or alias")]
StoryId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[\w.-]+$", description="Story id")]
TypeName = Annotated[str | None, Query(max_length=40, pattern=r"^[\w-]*$", description="Record type, e.g. occupation")]


def kb_of(request: Request):
    """The KnowledgeBase this app was built over."""
    return request.app.state.kb


@router.get("", summary="API index: version, mode, corpus counts, endpoints")
def index(request: Request) -> dict:
    paths = sorted(request.app.openapi().get("paths", {}))
    return {"ok": True, "name": "letopis", "version": request.app.version,
            "read_only": request.app.state.read_only, "stats": kb_of(request).stats(), "endpoints": paths}


@router.get("/stats", summary="Corpus counts")
def stats(request: Request) -> dict:
    return kb_of(request).stats()


@router.get("/articles", summary="Articles (paginated; q filters titles; source, rubric; with facets)")
def articles(request: Request, page: PageDep, q: Text = None, source: Text = None, rubric: Text = None) -> dict:
    return queries.articles(kb_of(request), page, q, source or None, rubric or None)


@router.get("/articles/{article_id}", summary="One article's card: entities, facts, events, dates")
def article(request: Request, article_id: ArticleId) -> dict:
    return queries.article(kb_of(request), article_id)


@router.get("/entities", summary="Corpus entities (paginated; filter by type or name)")
def entities(request: Request, page: PageDep,
             type: Annotated[EntityType | None, Blank, Query(description="PER, ORG or LOC")] = None,
             q: Text = None) -> dict:
    return queries.entities(kb_of(request), page, type.value if type else None, q)


@router.get("/entities/{key:path}", summary="Entity profile: aliases, positions, mentions over time, co-mentions, events")
def entity(request: Request, key: EntityKey) -> dict:
    return queries.entity(kb_of(request), key)


@router.get("/facts", summary="Facts (occupation, meeting, ...), filter by type or entity")
def facts(request: Request, page: PageDep, type: TypeName = None,
          entity: Annotated[str | None, Query(max_length=MAX_TEXT, description="Entity id or name")] = None) -> dict:
    return queries.facts(kb_of(request), page, type, entity)


@router.get("/events", summary="Events table: filter by type, place, date range; sortable")
def events(request: Request, page: PageDep, filt: EventFilterDep) -> dict:
    return queries.events(kb_of(request), page, filt)


def csv_response(kind: str, items) -> Response:
    """A table as a CSV download, in the one flat shape of `letopis export`."""
    return Response(table_csv(kind, items), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{kind}.csv"'})


@router.get("/events.csv", summary="The filtered events table as CSV (the shape of `letopis export events`)",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def events_as_csv(request: Request, filt: EventFilterDep) -> Response:
    return csv_response("events", queries.all_events(kb_of(request), filt))


@router.get("/facts.csv", summary="The filtered facts as CSV (the shape of `letopis export facts`)",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def facts_as_csv(request: Request, type: TypeName = None,
                 entity: Annotated[str | None, Query(max_length=MAX_TEXT, description="Entity id or name")] = None,
                 ) -> Response:
    return csv_response("facts", queries.all_facts(kb_of(request), type, entity))


@router.get("/stories", summary="Stories: clusters of articles about the same thing")
def stories(request: Request, page: PageDep, min_articles: MinArticles = 2) -> dict:
    return queries.stories(kb_of(request), page, min_articles)


@router.get("/stories/{story_id}", summary="One story with its articles and entities")
def story(request: Request, story_id: StoryId) -> dict:
    return queries.story(kb_of(request), story_id)


@router.get("/search", summary="Full-text search; inflected forms match (теракт finds терактов); filters by date, source, rubric, entity, event type")
def search(request: Request, q: SearchText, page: PageDep, filt: SearchFilterDep) -> dict:
    return queries.search(kb_of(request), q, page, filt)
