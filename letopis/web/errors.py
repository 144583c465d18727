"""One error shape for every failure: `{"ok": false, "error", "status", "errors"}`.

JSON clients (paths under `/api`) get that object; browsers get the same
message on an HTML error page with the same status. Validation errors are
400 with one line per bad parameter, so a user sees which one and why.
"""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import LetopisError

log = logging.getLogger("letopis.web")


class WebError(Exception):
    """A request that cannot be answered: carries the HTTP status and a message."""

    def __init__(self, status: int, error: str, errors: list[str] | None = None):
        super().__init__(error)
        self.status = status
        self.error = error
        self.errors = errors or []


class NotFound(WebError):
    """The article, entity or story named in the URL is not in the store."""

    def __init__(self, what: str, key: str):
        super().__init__(404, f"{what} not found: {key}")


class ErrorOut(BaseModel):
    """The error body every `/api` endpoint returns on failure (for the OpenAPI spec)."""

    ok: bool = False
    error: str
    status: int
    errors: list[str] = []


ERROR_RESPONSES = {
    400: {"model": ErrorOut, "description": "Bad query parameter"},
    404: {"model": ErrorOut, "description": "Not found"},
}


def error_body(status: int, error: str, errors: list[str] | None = None) -> dict:
    """The one error shape, shared by JSON responses and the HTML error page."""
    return {"ok": False, "error": error, "status": status, "errors": errors or []}


HINTS = {
    "date_from": "use YYYY-MM-DD, e.g. 2024-06-23",
    "date_to": "use YYYY-MM-DD, e.g. 2024-06-26",
}


def describe_validation(exc: RequestValidationError) -> list[str]:
    """One readable line per invalid parameter: `limit: Input should be ... (hint)`."""
    lines = []
    for err in exc.errors():
        loc = [str(part) for part in err.get("loc", ()) if part not in ("query", "path")]
        name = loc[0] if loc else "request"
        hint = HINTS.get(name)
        lines.append(f"{name}: {err.get('msg', 'invalid value')}" + (f" ({hint})" if hint else ""))
    return lines


def install(app: FastAPI, render_error) -> None:
    """Register handlers so that every failure leaves in the one shape.

    `render_error(request, body)` draws the HTML page for non-API paths.
    """

    def respond(request: Request, body: dict):
        if request.url.path.startswith("/api"):
            return JSONResponse(body, status_code=body["status"])
        return render_error(request, body)

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError):
        lines = describe_validation(exc)
        return respond(request, error_body(400, "invalid parameters: " + "; ".join(lines), lines))

    @app.exception_handler(WebError)
    async def on_web_error(request: Request, exc: WebError):
        return respond(request, error_body(exc.status, exc.error, exc.errors))

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException):
        return respond(request, error_body(exc.status_code, str(exc.detail)))

    @app.exception_handler(LetopisError)
    async def on_letopis(request: Request, exc: LetopisError):
        return respond(request, error_body(400, str(exc)))

    @app.exception_handler(Exception)
    async def on_crash(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        return respond(request, error_body(500, "internal error: " + type(exc).__name__))
