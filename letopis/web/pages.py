"""Server-rendered HTML pages: the same query functions as the API, drawn
with Jinja2 templates (autoescape on: every piece of article text is escaped).
"""
from __future__ import annotations

import itertools
from pathlib import Path
from typing import Annotated
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from . import queries
from .api import ArticleId, EntityKey, StoryId, kb_of
from .charts import mentions_chart, story_timeline
from .eventmap import events_map, map_points
from .graph import co_mention_graph
from .highlight import article_pieces, entity_index, safe_snippet
from .present import chart_points, label, record_line, ru_date
from .twins import suffix, twin, twin_url
from .params import (MAX_TEXT, Blank, EntityType, EventFilterDep, EventSort, MinArticles, PageDep, SearchFilterDep,
                     Text)
from ..schema import EVENT_TYPES, LOC, ORG, PER

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

TYPE_NAMES = {code: label(code) for code in (PER, ORG, LOC)}


def entity_url(key) -> str:
    """The entity page of a corpus id, name or alias (path-quoted)."""
    return "/entities/" + quote(str(key), safe="")


def card_entity_url(ent: dict) -> str:
    """Link a card entity to its corpus entity, falling back to its name."""
    return entity_url(ent.get("corpus_id") or ent.get("name") or ent.get("id"))


def http_url(url) -> str | None:
    """Only http(s) links leave the page: a `javascript:` URL is dropped."""
    text = str(url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else None


def make_templates(directory: Path) -> Jinja2Templates:
    """Templates with autoescape forced on and the helpers pages need."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(directory), autoescape=True,
                             undefined=jinja2.ChainableUndefined)
    env.globals.update(entity_url=entity_url, card_entity_url=card_entity_url,
                       type_names=TYPE_NAMES, quote=quote, record_line=record_line, twin_url=twin_url)
    env.filters["ru"] = label
    env.filters["ru_date"] = ru_date
    env.filters.update(snippet=safe_snippet, http_url=http_url)
    return Jinja2Templates(env=env)


def render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    """Draw a template with the request (for links) and the context."""
    templates = request.app.state.templates
    context.update(request=request, url_with=lambda **kw: url_with(request, **kw))
    return templates.TemplateResponse(request, name, context, status_code=status)


def render_error(request: Request, body: dict) -> HTMLResponse:
    """The HTML twin of the JSON error shape."""
    return render(request, "error.html", status=body["status"], error=body)


def url_with(request: Request, **changes) -> str:
    """This page's URL with some query parameters changed (None drops one)."""
    params = dict(request.query_params)
    params.update({key: value for key, value in changes.items() if value is not None})
    for key in [key for key, value in changes.items() if value is None]:
        params.pop(key, None)
    return request.url.path + ("?" + urlencode(params) if params else "")


@router.get("/")
@router.get("/index.json")
@router.get("/index.csv")
def home(request: Request):
    """Corpus at a glance: counts, top entities, latest events, newest stories (CSV: the counts)."""
    data = queries.home(kb_of(request))
    counts = {"items": [{"what": key, "count": value} for key, value in (data.get("stats") or {}).items()]}
    if suffix(request) == "csv":
        return twin(request, counts, name="index")
    return twin(request, data) or render(request, "home.html", data=data)


@router.get("/articles")
@router.get("/articles.json")
@router.get("/articles.csv")
def articles(request: Request, page: PageDep, q: Text = None, source: Text = None, rubric: Text = None):
    """Article list, newest first, filterable by title, source and rubric (with their facets)."""
    data = queries.articles(kb_of(request), page, q, source or None, rubric or None)
    return twin(request, data, name="articles") or render(request, "articles.html", data=data, q=q or "")


@router.get("/articles/{article_id}")
def article(request: Request, article_id: ArticleId):
    """Article text with highlighted mentions; facts, events and dates beside it."""
    card = queries.article(kb_of(request), article_id)
    return render(request, "article.html", card=card, pieces=article_pieces(card), ents=entity_index(card))


@router.get("/entities")
@router.get("/entities.json")
@router.get("/entities.csv")
def entities(request: Request, page: PageDep,
             type: Annotated[EntityType | None, Blank, Query()] = None, q: Text = None, subtype: Text = None):
    """Entity list, most mentioned first, by type, subtype or name prefix (with their facets)."""
    data = queries.entities(kb_of(request), page, type.value if type else None, q, subtype or None)
    return twin(request, data, "entities", "entities") or \
        render(request, "entities.html", data=data, type=type.value if type else "", q=q or "")


@router.get("/entities/{key:path}")
def entity(request: Request, key: EntityKey):
    """Entity profile with its mentions-over-time chart."""
    profile = queries.entity(kb_of(request), key)
    chart = mentions_chart(chart_points(profile))
    return render(request, "entity.html", e=profile, chart=chart, graph=co_mention_graph(profile, entity_url))


@router.get("/events")
@router.get("/events.json")
@router.get("/events.csv")
def events(request: Request, page: PageDep, filt: EventFilterDep):
    """The filterable, sortable events table with a CSV link for the same filter."""
    data = queries.events(kb_of(request), page, filt)
    found = twin(request, data, "events", "events")
    if found:
        return found
    csv_url = "/api/events.csv" + ("?" + urlencode(filt.as_query()) if filt.as_query() else "")
    timeline = mentions_chart(data["facets"].get("days") or [], title="События по датам",
                              empty="Нет событий с датой.")
    return render(request, "events.html", data=data, filt=filt, csv_url=csv_url, timeline=timeline,
                  sort=filt.sort.value if filt.sort else "", sorts=[s.value for s in EventSort])


MAP_EVENTS = 5000  # events drawn on the map at most (newest first)


@router.get("/map")
def event_map(request: Request, filt: EventFilterDep):
    """Events on a map of the cities they happened in, filterable by type and period."""
    kb = kb_of(request)
    events = list(itertools.islice(queries.all_events(kb, filt), MAP_EVENTS))
    points, unplaced = map_points(events)
    return render(request, "map.html", filt=filt, event_types=EVENT_TYPES, total=len(events), points=points,
                  unplaced=unplaced, svg=events_map(points))


@router.get("/search")
@router.get("/search.json")
@router.get("/search.csv")
def search(request: Request, page: PageDep, filt: SearchFilterDep,
           q: Annotated[str | None, Query(max_length=MAX_TEXT)] = None):
    """Search form with filters; with `q`, hits with highlighted snippets (an empty q just shows the form)."""
    text = (q or "").strip()
    data = queries.search(kb_of(request), text, page, filt) if text else None
    found = twin(request, data or {"total": 0, "items": []}, name="search")
    if found:
        return found
    return render(request, "search.html", data=data, q=text, filt=filt, event_types=EVENT_TYPES)


@router.get("/stories")
@router.get("/stories.json")
@router.get("/stories.csv")
def stories(request: Request, page: PageDep, min_articles: MinArticles = 2):
    """Story list; single-article stories on request."""
    data = queries.stories(kb_of(request), page, min_articles)
    found = twin(request, data, name="stories")
    if found:
        return found
    return render(request, "stories.html", data=data, min_articles=min_articles)


@router.get("/stories/{story_id}")
def story(request: Request, story_id: StoryId):
    """One story: its articles in time order and its entities."""
    found = queries.story(kb_of(request), story_id)
    return render(request, "story.html", s=found, timeline=story_timeline(found))


@router.get("/favicon.ico", response_class=Response)
def favicon() -> Response:
    """No icon: answer 204 so browsers stop asking (and logs stay clean)."""
    return Response(status_code=204)
