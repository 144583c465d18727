"""The `letopis` command line. Each command lives in its own module and only
calls the library (readers, pipeline, store); errors become one line on stderr.
"""
from __future__ import annotations

import typer

app = typer.Typer(
    help="Letopis: Russian news articles -> a knowledge base (entities, facts, events, dates, stories).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

from . import analyze, corpus, serve  # noqa: E402,F401  (registers commands)


def main() -> None:
    app()


@app.command()
def version() -> None:
    """Print the Letopis version."""
    from .. import __version__
    print(__version__)
