"""`letopis analyze PATH...`: print one card per article."""
from __future__ import annotations

import json
import sys
from typing import List

import typer

from ..errors import LetopisError
from ..pipeline import Pipeline
from ..readers import read
from . import app


@app.command()
def analyze(
    paths: List[str] = typer.Argument(..., help="Files, directories, .gz files or - for stdin."),
    pretty: bool = typer.Option(False, "--pretty", help="Indented JSON for humans."),
    format: str = typer.Option("json", "--format", help="json or text."),
) -> None:
    """Analyze articles and print their cards.

    Example: letopis analyze examples/ --format text
    """
    pipeline = Pipeline()
    failed = 0
    for path in paths:
        try:
            for article in read(path):
                card = pipeline(article)
                print(json.dumps(card.as_json(), ensure_ascii=False, indent=2 if pretty else None))
        except LetopisError as exc:
            failed += 1
            print(f"Error: {exc}", file=sys.stderr)
    if failed:
        raise typer.Exit(1)
