"""`letopis watch SOURCES`: poll feeds and sitemaps on their intervals into the knowledge base."""
from __future__ import annotations

import json
import sys
from typing import Optional

import typer

from ..errors import LetopisError
from . import ErrorReport, app
from .fetch import (allow_private_option, fail, fetch_settings, rate_option, retries_option, threads_option,
                    timeout_option)
from .options import db_option, json_option


@app.command()
def watch(
    sources_file: str = typer.Argument(..., metavar="SOURCES", help="A SOURCES.toml, or a file with one feed URL per line."),
    db: Optional[str] = db_option(),
    polls: Optional[int] = typer.Option(None, "--polls", min=1, help="Stop after this many polls of every source "
                                                                     "(default: run until Ctrl-C or SIGTERM)."),
    interval: Optional[float] = typer.Option(None, "--interval", min=0.0, help="Seconds between two polls of a "
                                             "source, for every source (default: each source's own, else 600)."),
    workers: int = typer.Option(2, "--workers", min=0, help="Worker processes running the pipeline (0: in this process)."),
    threads: int = threads_option(),
    allow_private: bool = allow_private_option(),
    rate: float = rate_option(),
    timeout: float = timeout_option(),
    retries: int = retries_option(),
    as_json: bool = json_option(),
) -> None:
    """Poll feeds and sitemaps on their intervals and keep the knowledge base up to date.

    Logs one line per poll; a source that is down or answers garbage is
    logged and polled again later. Ctrl-C or SIGTERM stops after the poll
    under way has written what it fetched (nothing is left half-written);
    running it again continues (nothing stored is fetched again).

    SOURCES.toml: an optional top-level interval (seconds), then one source
    table per source with feed = "URL" or sitemap = "URL", and optionally
    name and interval (see the README).

    Example: letopis watch sources.toml --db letopis.db --workers 2
    """
    from ..fetch.client import Fetcher
    from ..fetch.sources import load_sources
    from ..fetch.watch import Watcher
    from ..ingest.harvest import Target
    from .corpus import open_kb
    try:
        sources = load_sources(sources_file)
    except LetopisError as exc:
        fail(exc)
    kb = open_kb(db, read_only=False)
    report = ErrorReport()
    settings = fetch_settings(allow_private, rate, timeout, retries)

    def log(line: str) -> None:
        print(line, flush=True)

    with Fetcher(settings) as fetcher:
        harvest = report.guard("watch", kb.harvest, fetcher, workers, threads, report)
        if harvest is None:
            raise typer.Exit(1)

        def poll(source, should_stop) -> str:
            kind = "pages" if source.kind == "page" else source.kind
            target = Target(kind, source.url, source.name, urls=[source.url] if kind == "pages" else [])
            result = harvest.poll(target, should_stop)
            return json.dumps(result.as_json(), ensure_ascii=False) if as_json else result.line()

        watcher = Watcher(sources, poll, polls=polls, interval=interval, log=log)
        with watcher.stopping_on_signals():
            done = watcher.run()
    print(f"watch: {done} polls of {len(sources)} sources; {report.failed} problems", file=sys.stderr)


