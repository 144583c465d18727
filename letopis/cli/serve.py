"""`letopis serve`: the web UI and HTTP JSON API over a corpus store.

Binds to 127.0.0.1 by default (the store is private data); `--host 0.0.0.0`
exposes it on purpose. The app is read-only unless `--writable` is given.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ..errors import LetopisError
from ..settings import database
from . import app
from .options import db_option


def check_store(db: str) -> None:
    """Refuse to serve a SQLite file that does not exist (it would be created empty)."""
    if "://" not in db and not Path(db).exists():
        raise LetopisError(f"{db}: no such store; create it first with: letopis ingest examples/ --db {db}")


@app.command()
def serve(
    db: Optional[str] = db_option(),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind (127.0.0.1 = this machine only)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    writable: bool = typer.Option(False, "--writable", help="Also accept POST /api/articles (ingest an article).", metavar=""),
) -> None:
    """Serve the web UI and the JSON API (docs at /api/docs).

    Example: letopis serve --db letopis.db --port 8000   (then open http://127.0.0.1:8000/)
    """
    import uvicorn

    from ..kb import KnowledgeBase
    from ..web import create_app

    db = database(db)  # as every command: --db, else $LETOPIS_DB, else letopis.db
    try:
        check_store(db)
        kb = KnowledgeBase(db, read_only=not writable)  # a read-only server opens the store read-only
    except LetopisError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        raise typer.Exit(1)
    mode = "read-write: POST /api/articles ingests" if writable else "read-only"
    print(f"Letopis: serving {db} ({mode}) at http://{host}:{port}/ (API docs: /api/docs); Ctrl+C to stop",
          file=sys.stderr)
    uvicorn.run(create_app(kb, read_only=not writable), host=host, port=port, log_level="warning")
