"""`letopis serve`: the web UI and HTTP JSON API over a corpus store.

Binds to 127.0.0.1 by default (the store is private data); `--host 0.0.0.0`
exposes it on purpose, with a warning. Only Host names it can be reached by
are answered (loopback, `--host`, `--allow-host`). The app is read-only
unless `--writable` is given; then writes need a token (`--token`, else
$LETOPIS_WRITE_TOKEN, else a random one printed at start).
"""
from __future__ import annotations

import sys
from pathlib import Path
import os
from typing import List, Optional

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
    writable: bool = typer.Option(False, "--writable", help="Also accept POST /api/articles (ingest an article; needs the token).", metavar=""),
    token: Optional[str] = typer.Option(None, "--token", help="The write token (default: $LETOPIS_WRITE_TOKEN, else a random one, printed)."),
    allow_host: List[str] = typer.Option([], "--allow-host", help="Another Host name to answer (e.g. the name a proxy forwards); repeatable."),
) -> None:
    """Serve the web UI and the JSON API (docs at /api/docs).

    Example: letopis serve --db letopis.db --port 8000   (then open http://127.0.0.1:8000/)
    """
    import uvicorn

    from ..kb import KnowledgeBase
    from ..web import create_app
    from ..web import security

    db = database(db)  # as every command: --db, else $LETOPIS_DB, else letopis.db
    try:
        check_store(db)
        kb = KnowledgeBase(db, read_only=not writable)  # a read-only server opens the store read-only
    except LetopisError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        raise typer.Exit(1)
    generated = writable and not (token or os.environ.get(security.TOKEN_ENV))
    token = (token or os.environ.get(security.TOKEN_ENV) or security.new_token()) if writable else None
    if writable and len(token) < 16:
        print("Error: --token must have at least 16 characters", file=sys.stderr)
        raise typer.Exit(1)
    trusted = security.trusted_hosts(host, allow_host)
    mode = "read-write: POST /api/articles ingests" if writable else "read-only"
    print(f"Letopis: serving {db} ({mode}) at http://{host}:{port}/ (API docs: /api/docs); Ctrl+C to stop",
          file=sys.stderr)
    if generated:  # a token the user chose is not echoed into logs
        print(f"write token: {token}  (send it as: Authorization: Bearer TOKEN)", file=sys.stderr)
    if not security.is_loopback(host):
        print(f"Warning: bound to {host}: anyone who can reach this machine can read the store"
              + (" (and write to it with the token)" if writable else "")
              + f"; Host names answered: {', '.join(sorted(trusted))}", file=sys.stderr)
    uvicorn.run(create_app(kb, read_only=not writable, token=token, trusted_hosts=trusted),
                host=host, port=port, log_level="warning")
