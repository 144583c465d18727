"""The Sources page: every polled feed, sitemap and URL list, its last poll, new articles and errors.

Drawn from the fetch log (`KnowledgeBase.sources`), so it shows what
`letopis ingest --feed/--sitemap/URL...` and `letopis watch` did; the page
only reads. Times are shown in UTC.
"""
from __future__ import annotations

from datetime import datetime, timezone

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from .api import kb_of
from .pages import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def when(seconds: float | None) -> str:
    """Unix time -> `2026-12-02 15:30 UTC` ("" for none)."""
    if not seconds:
        return ""
    return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


@router.get("/sources")
def sources(request: Request):
    """Sources, the latest polled first."""
    items = kb_of(request).sources()
    for item in items:
        poll = item["last_poll"]
        poll["started"], poll["finished"] = when(poll["started_at"]), when(poll["finished_at"])
        for error in item["errors"]:
            error["when"] = when(error["at"])
    return render(request, "sources.html", items=items)
