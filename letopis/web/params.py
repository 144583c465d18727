"""Validated query parameters shared by the JSON API and the HTML pages.

Bounds live here once: page sizes are 1..MAX_PAGE_SIZE (letopis.settings), offsets 0..MAX_OFFSET,
free text at most MAX_TEXT characters, dates are ISO `YYYY-MM-DD`. FastAPI
checks them and `errors.py` turns a violation into a 400 that names it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Annotated

from fastapi import Depends, Query
from pydantic import BeforeValidator, Field

from ..settings import MAX_PAGE_SIZE
from .errors import WebError
from ..schema import ENTITY_TYPES

DEFAULT_LIMIT = 20
MAX_OFFSET = 100_000
MAX_TEXT = 200


EntityType = Enum("EntityType", {name: name for name in ENTITY_TYPES}, type=str)  # PER, ORG, LOC


class EventSort(str, Enum):
    """Sort keys for the events table; a leading minus sorts descending."""

    date = "date"
    date_desc = "-date"
    killed = "killed"
    killed_desc = "-killed"
    injured = "injured"
    injured_desc = "-injured"
    type = "type"
    type_desc = "-type"


@dataclass
class Page:
    limit: int
    offset: int


def page(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"Page size, 1..{MAX_PAGE_SIZE}")] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip")] = 0,
) -> Page:
    """Pagination for every list endpoint."""
    return Page(limit, offset)


PageDep = Annotated[Page, Depends(page)]
Text = Annotated[str | None, Query(max_length=MAX_TEXT, description="Free text filter")]
MinArticles = Annotated[int, Query(ge=1, le=MAX_OFFSET, description="Only stories with at least this many articles")]
SearchText = Annotated[str, Query(min_length=1, max_length=MAX_TEXT, description="Words to find; inflected forms match")]


def _blank_is_none(value):
    """HTML forms send empty fields as "": treat them as "no filter"."""
    return None if isinstance(value, str) and not value.strip() else value


Blank = BeforeValidator(_blank_is_none)
# Bounds go on the inner type: on `int | None` they would also be applied to the None of a blank field.
Count = Annotated[int, Field(ge=0, le=1_000_000)]
Name = Annotated[str, Field(max_length=MAX_TEXT)]
Code = Annotated[str, Field(max_length=40, pattern=r"^[\w-]*$")]


@dataclass
class EventFilter:
    type: str | None
    place: str | None
    date_from: date | None
    date_to: date | None
    min_killed: int | None
    sort: EventSort | None

    def as_kb(self) -> dict:
        """Keyword arguments for `KnowledgeBase.events` (dates as ISO strings)."""
        return {
            "type": self.type, "place": self.place,
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
            "min_killed": self.min_killed,
            "sort": self.sort.value if self.sort else None,
        }

    def as_query(self) -> dict:
        """The filter as URL query parameters (for sort links and the CSV link)."""
        return {key: value for key, value in self.as_kb().items() if value not in (None, "")}


def event_filter(
    type: Annotated[str | None, Query(max_length=40, pattern=r"^[\w-]*$", description="Event type, e.g. attack")] = None,
    place: Annotated[str | None, Query(max_length=MAX_TEXT, description="Place name (any alias)")] = None,
    date_from: Annotated[date | None, Blank, Query(description="Earliest event date, YYYY-MM-DD")] = None,
    date_to: Annotated[date | None, Blank, Query(description="Latest event date, YYYY-MM-DD")] = None,
    min_killed: Annotated[Count | None, Blank, Query(description="At least this many killed")] = None,
    sort: Annotated[EventSort | None, Blank, Query(description="Sort key; prefix - for descending")] = None,
) -> EventFilter:
    """Filters of the events table; an empty form field means "no filter"."""
    if date_from and date_to and date_from > date_to:
        raise WebError(400, f"date_from ({date_from}) is after date_to ({date_to})")
    return EventFilter(type or None, (place or "").strip() or None, date_from, date_to, min_killed, sort)


EventFilterDep = Annotated[EventFilter, Depends(event_filter)]


@dataclass
class SearchFilter:
    date_from: date | None
    date_to: date | None
    source: str | None
    rubric: str | None
    entity: str | None
    event_type: str | None

    def as_kb(self) -> dict:
        """Keyword arguments for `KnowledgeBase.search` (dates as ISO strings)."""
        return {"date_from": self.date_from.isoformat() if self.date_from else None,
                "date_to": self.date_to.isoformat() if self.date_to else None,
                "source": self.source, "rubric": self.rubric, "entity": self.entity, "event_type": self.event_type}

    def as_query(self) -> dict:
        """The filter as URL query parameters (for paging links)."""
        return {key: value for key, value in self.as_kb().items() if value not in (None, "")}


def search_filter(
    date_from: Annotated[date | None, Blank, Query(description="Published on or after, YYYY-MM-DD")] = None,
    date_to: Annotated[date | None, Blank, Query(description="Published on or before, YYYY-MM-DD")] = None,
    source: Annotated[Name | None, Blank, Query(description="Only this source")] = None,
    rubric: Annotated[Name | None, Blank, Query(description="Only this rubric")] = None,
    entity: Annotated[Name | None, Blank, Query(description="Only articles mentioning this entity (id or name)")] = None,
    event_type: Annotated[Code | None, Blank, Query(description="Only articles reporting this event type")] = None,
) -> SearchFilter:
    """Filters of a search; an empty form field means "no filter"."""
    if date_from and date_to and date_from > date_to:
        raise WebError(400, f"date_from ({date_from}) is after date_to ({date_to})")
    return SearchFilter(date_from, date_to, source, rubric, entity, event_type)


SearchFilterDep = Annotated[SearchFilter, Depends(search_filter)]
