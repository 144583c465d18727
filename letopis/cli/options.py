"""Options shared by the commands, so that each is declared (and resolved) once."""
from __future__ import annotations

import typer

from ..settings import DB_ENV

DB_HELP = f"Store: a SQLite file or a database URL (postgresql+psycopg://...). Default: ${DB_ENV} or letopis.db."


def db_option():
    """`--db PATH|URL`, default $LETOPIS_DB (then letopis.db, see `letopis.settings.database`)."""
    return typer.Option(None, "--db", envvar=DB_ENV, help=DB_HELP, show_default=False)


def json_option():
    return typer.Option(False, "--json", help="Print the API's JSON instead of a table.", metavar="")
