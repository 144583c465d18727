"""The app factory: one FastAPI app serving `/api/...` JSON and HTML pages.

`create_app(kb, read_only=True)` wires the KnowledgeBase into the routers,
the one error shape, the Jinja2 templates (autoescape on) and the static
files served from this package, so pages need no network at run time.
Read-only (the default) refuses every request that is not GET/HEAD with
405; `read_only=False` adds `POST /api/articles` (ingest one article),
which needs `token` (a random one when not given: `app.state.write_token`).
`trusted_hosts` limits the Host headers answered (`letopis serve` always
passes them; None answers any, for embedding and tests); see `security`.
Repeated GETs are answered from `cache` until the store's data changes.
"""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles

from . import api, cache, docs, errors, geo, pages, security, sources, write
from .errors import error_body

HERE = Path(__file__).resolve().parent


def letopis_version() -> str:
    """The installed package version (works however the package was imported)."""
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("letopis")
    except PackageNotFoundError:
        return "unknown"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def create_app(kb, read_only: bool = True, token: str | None = None,
               trusted_hosts: set[str] | None = None) -> FastAPI:
    """Build the web app over `kb` (a `letopis.kb.KnowledgeBase`)."""
    app = FastAPI(
        title="Letopis",
        version=letopis_version(),
        description="Russian news as a knowledge base: articles, entities, facts, events, stories, search.",
        docs_url=None,  # served by docs.py from local assets
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.kb = kb
    geo.warm_in_background()  # the map's city index (GeoNames) loads while the first pages are served
    app.state.read_only = read_only
    app.state.write_token = None if read_only else (token or security.new_token())
    app.state.templates = pages.make_templates(HERE / "templates")
    errors.install(app, pages.render_error)
    if read_only:
        app.middleware("http")(refuse_writes)
    else:
        app.include_router(write.router)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(sources.router)
    app.include_router(docs.router)
    app.mount(docs.ASSETS, docs.assets(), name="swagger-ui")  # before /static, which would shadow it
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(cache.ResponseCache, version=cache.version_of(kb))  # inside the security checks
    security.install(app, trusted_hosts)  # last: the outermost middleware, its headers on every answer
    app.openapi = lambda: openapi_without_422(app)
    return app


async def refuse_writes(request: Request, call_next):
    """Read-only mode: anything but GET/HEAD/OPTIONS gets 405 in the error shape."""
    if request.method in SAFE_METHODS:
        return await call_next(request)
    body = error_body(405, f"read-only server: {request.method} is not allowed")
    if request.url.path.startswith("/api"):
        from fastapi.responses import JSONResponse
        return JSONResponse(body, status_code=405)
    return pages.render_error(request, body)


def openapi_without_422(app: FastAPI) -> dict:
    """The OpenAPI spec, saying 400 (our shape) where FastAPI would say 422."""
    if app.openapi_schema:
        return app.openapi_schema
    from fastapi.openapi.utils import get_openapi
    spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    for path in spec.get("paths", {}).values():
        for op in path.values():
            op.get("responses", {}).pop("422", None)
    schemas = spec.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    app.openapi_schema = spec
    return spec
