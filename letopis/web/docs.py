"""`/api/docs`: Swagger UI served by the app itself, never from a CDN.

FastAPI's default docs page loads Swagger UI's script and CSS from
jsdelivr, so on an offline machine (or one that must not reach the network)
the page is blank. The assets come from the `fastapi-offline` package (MIT;
it bundles Swagger UI 5, Apache-2.0, which renders FastAPI's OpenAPI 3.1)
and are mounted under `/static/swagger-ui/`.
"""
from __future__ import annotations

from fastapi import APIRouter
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = "/static/swagger-ui"
router = APIRouter()


def assets() -> StaticFiles:
    """Swagger UI's files from the installed package."""
    from pathlib import Path

    import fastapi_offline
    return StaticFiles(directory=Path(fastapi_offline.__file__).parent / "static")


@router.get("/api/docs", include_in_schema=False)
def docs() -> HTMLResponse:
    return get_swagger_ui_html(openapi_url="/api/openapi.json", title="Letopis API",
                               swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
                               swagger_css_url=f"{ASSETS}/swagger-ui.css",
                               swagger_favicon_url=f"{ASSETS}/favicon.png")
