"""The `.json` and `.csv` twins of every list page, datasette-style.

`/events` is a page; `/events.json` is the same data as JSON and
`/events.csv` the same rows as a spreadsheet-ready table, under the same
query parameters (filters, sort, page). Tables the store exports
(entities, facts, events) keep `letopis export`'s flat shape; the others
(articles, stories, search hits, the home page's lists) get one column per
key, lists joined.
"""
from __future__ import annotations

import csv
import io
import re

from fastapi import Request
from fastapi.responses import JSONResponse, Response

from ..store.export import KINDS, cell, write_csv

TAGS = re.compile(r"<[^>]+>")


def suffix(request: Request) -> str | None:
    """"json" or "csv" when the page was asked for as its twin, else None."""
    path = request.url.path
    for ext in ("json", "csv"):
        if path.endswith("." + ext):
            return ext
    return None


def rows_csv(items: list[dict]) -> str:
    """Generic flat CSV: one column per key (in first-seen order), nested values joined."""
    columns: list[str] = []
    for item in items:
        columns += [key for key in item if key not in columns]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for item in items:
        writer.writerow([cell(_plain(item.get(key))) for key in columns])
    return out.getvalue()


def _plain(value):
    """Snippets carry <mark> for the page; a spreadsheet wants the words."""
    return TAGS.sub("", value) if isinstance(value, str) and "<" in value else value


def twin(request: Request, data: dict, kind: str | None = None, name: str = "items") -> Response | None:
    """The JSON or CSV response for a twin URL, None for the page itself."""
    ext = suffix(request)
    if ext is None:
        return None
    if ext == "json":
        return JSONResponse(data)
    items = data.get("items") or []
    if kind in KINDS:
        out = io.StringIO()
        write_csv(items, kind, out)
        text = out.getvalue()
    else:
        text = rows_csv(items)
    return Response(text, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


LIST_PAGES = {"/": "/index", "/articles": "/articles", "/entities": "/entities", "/events": "/events",
              "/search": "/search", "/stories": "/stories"}


def twin_url(request: Request, ext: str) -> str | None:
    """The `.json`/`.csv` twin of this list page (same query), or None on other pages."""
    base = LIST_PAGES.get(request.url.path)
    if base is None:
        return None
    query = request.url.query
    return f"{base}.{ext}" + (f"?{query}" if query else "")
