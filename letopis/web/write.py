"""The one write endpoint, mounted only when the app is not read-only.

`POST /api/articles` takes an article as the request body in any reader
format (scraped text, HTML, JSON, JSONL), reads it with the same readers as
`letopis ingest`, and stores it through `KnowledgeBase.ingest_articles`
(idempotent: the same article twice is one record). Reader problems are 400
in the one error shape.

The body is never read whole before its size is known: a `Content-Length`
over `MAX_ARTICLE_BYTES` is 413 before a byte is read, and a body without
one (chunked) is streamed and cut off with 413 as soon as it passes the
limit. Input the readers choke on (JSON nested past Python's recursion
limit, a URL such as `http://[::1`) is 400, never 500.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from ..errors import ReaderError
from ..readers import Format, read_string
from ..settings import MAX_ARTICLE_BYTES as MAX_BODY  # the readers' per-article limit
from .api import kb_of
from .errors import ERROR_RESPONSES, WebError

router = APIRouter(prefix="/api", responses={**ERROR_RESPONSES, 413: ERROR_RESPONSES[400]})

BODY_DOC = {"requestBody": {"required": True, "content": {
    "text/plain": {"schema": {"type": "string"}},
    "application/json": {"schema": {"type": "object"}},
    "text/html": {"schema": {"type": "string"}},
}}}


@router.post("/articles", summary="Ingest an article sent as the body (text, HTML, JSON or JSONL)",
             openapi_extra=BODY_DOC)
async def ingest_article(request: Request,
                         format: Annotated[Format, Query(description="Body format; auto sniffs it")] = Format.auto) -> dict:
    body = await read_body(request)
    if not body.strip():
        raise WebError(400, "empty body: send the article as text, HTML, JSON or JSONL")
    try:
        articles = read_string(body, format.value, origin="request body")  # ReaderError -> 400
    except ReaderError:
        raise
    except RecursionError:
        raise WebError(400, "request body: JSON nested too deeply") from None
    except ValueError as exc:  # e.g. urllib's "Invalid IPv6 URL" for http://[::1
        raise WebError(400, f"request body: {exc}") from None
    summary = await run_in_threadpool(kb_of(request).ingest_articles, articles, workers=1)  # the pipeline is CPU work
    return {"ok": True, "summary": summary, "articles": [a.id for a in articles]}


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
