"""The one write endpoint, mounted only when the app is not read-only.

`POST /api/articles` takes an article as a JSON body (`Content-Type:
application/json`; a JSON object with "title", "text", "url", ... or a list
of them, or JSON Lines with `format=jsonl`), reads it with the same readers
as `letopis ingest` and stores it. A cross-site HTML form can only send
text/plain or form bodies, so anything but JSON is 415; the token and origin
checks are in `security`.

All writes go through ONE writer thread with a short queue (`Writer`): the
pipeline runs there, in this process, so concurrent posts neither race in
the store nor start a process each; when the queue is full the answer is 503
with Retry-After. The status says what happened: 201 stored, 200 already
stored (same content), 409 stored with other content (send `replace=true` to
replace it), 422 the article failed, 503 the store is busy (another ingest)
or cannot be written.

The body is never read whole before its size is known: a `Content-Length`
over `MAX_ARTICLE_BYTES` is 413 before a byte is read, and a body without
one (chunked) is streamed and cut off with 413 as soon as it passes the
limit. Input the readers choke on (JSON nested past Python's recursion
limit, a URL such as `http://[::1`) is 400, never 500.
"""
from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from enum import Enum
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from ..errors import ReaderError, StoreError
from ..readers import read_string
from ..settings import MAX_ARTICLE_BYTES as MAX_BODY  # the readers' per-article limit
from .api import kb_of
from .errors import ERROR_RESPONSES, WebError, error_body

router = APIRouter(prefix="/api", responses={**ERROR_RESPONSES, 413: ERROR_RESPONSES[400]})

QUEUE = 4  # posts waiting for the writer at most; more is 503 (a bound on memory and on waiting)
RETRY_AFTER = "5"

BODY_DOC = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": {"type": "object"}},
}}}


class BodyFormat(str, Enum):
    auto = "auto"
    json = "json"
    jsonl = "jsonl"


class Writer:
    """One thread that runs every write, and a bounded count of posts waiting for it."""

    def __init__(self, kb, queue: int = QUEUE):
        self.kb = kb
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="letopis-writer")
        self.slots = threading.BoundedSemaphore(queue + 1)  # the one writing + those waiting

    async def ingest(self, articles, replace: bool) -> dict:
        if not self.slots.acquire(blocking=False):
            raise Busy(f"the writer is busy ({QUEUE} posts waiting): try again shortly")
        try:
            return await asyncio.wrap_future(self.pool.submit(
                self.kb.ingest_articles, articles, workers=0, wait=False, replace=replace))
        finally:
            self.slots.release()


class Busy(WebError):
    """The writer's queue is full (503)."""

    def __init__(self, message: str):
        super().__init__(503, message)


def writer_of(request: Request) -> Writer:
    app = request.app
    if getattr(app.state, "writer", None) is None:
        app.state.writer = Writer(kb_of(request))
    return app.state.writer


@router.post("/articles", status_code=201, openapi_extra=BODY_DOC,
             summary="Ingest an article sent as JSON (needs the server's token)")
async def ingest_article(request: Request,
                         format: Annotated[BodyFormat, Query(description="json (an object or a list) or jsonl")]
                         = BodyFormat.auto,
                         replace: Annotated[bool, Query(description="replace an article stored under the same "
                                                                    "URL or id with other content")] = False):
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if kind != "application/json":
        raise WebError(415, f"send the article as JSON (Content-Type: application/json), not {kind or 'no type'}")
    body = await read_body(request)
    if not body.strip():
        raise WebError(400, "empty body: send the article as JSON, e.g. {\"title\": ..., \"text\": ...}")
    fmt = "json" if format is BodyFormat.auto else format.value
    try:
        articles = read_string(body, fmt, origin="request body")  # ReaderError -> 400
    except ReaderError:
        raise
    except RecursionError:
        raise WebError(400, "request body: JSON nested too deeply") from None
    except ValueError as exc:  # e.g. urllib's "Invalid IPv6 URL" for http://[::1
        raise WebError(400, f"request body: {exc}") from None
    try:
        summary = await writer_of(request).ingest(articles, replace)
    except (Busy, StoreError) as exc:  # the queue is full, another ingest holds the store, or it cannot be written
        return JSONResponse(error_body(503, str(exc)), status_code=503, headers={"Retry-After": RETRY_AFTER})
    return answer(summary, [a.id for a in articles])


def answer(summary: dict, ids: list[str]) -> JSONResponse:
    """The response whose status says what happened (see the module doc)."""
    failed = summary["failed"]
    if any(f.get("conflict") for f in failed):
        status, error = 409, "already stored with other content: send replace=true to replace it"
    elif failed:
        status, error = 422, "; ".join(f"{f['path']}: {f['problem']}" for f in failed)[:1000]
    elif summary["new"]:
        status, error = 201, None
    else:
        status, error = 200, None
    body = {"ok": not failed, "status": status, "summary": summary, "articles": ids,
            "stored": summary["new"] + summary["updated"], "skipped": summary["skipped"]}
    if error:
        body["error"] = error
    return JSONResponse(body, status_code=status)


async def read_body(request: Request) -> bytes:
    """The request body, at most MAX_BODY bytes: 413 from Content-Length first, else while streaming."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.strip().isdecimal():
            raise WebError(400, f"invalid Content-Length header: {declared[:40]!r}")
        if int(declared) > MAX_BODY:
            raise WebError(413, f"body too large: {int(declared)} bytes (the limit is {MAX_BODY})")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise WebError(413, f"body too large: over {MAX_BODY} bytes (the limit is {MAX_BODY})")
        chunks.append(chunk)
    return b"".join(chunks)
