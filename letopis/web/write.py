"""The one write endpoint, mounted only when the app is not read-only.

`POST /api/articles` takes an article as the request body in any reader
format (scraped text, HTML, JSON, JSONL), reads it with the same readers as
`letopis ingest`, and stores it through `KnowledgeBase.ingest_articles`
(idempotent: the same article twice is one record). Reader problems are 400
in the one error shape.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

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
    body = await request.body()
    if not body.strip():
        raise WebError(400, "empty body: send the article as text, HTML, JSON or JSONL")
    if len(body) > MAX_BODY:
        raise WebError(413, f"body too large: {len(body)} bytes (the limit is {MAX_BODY})")
    articles = read_string(body, format.value, origin="request body")  # ReaderError -> 400
    summary = await run_in_threadpool(kb_of(request).ingest_articles, articles, workers=1)  # the pipeline is CPU work
    return {"ok": True, "summary": summary, "articles": [a.id for a in articles]}
