"""`letopis` corpus commands: ingest, search, entity, events, stories, export, stats.

Each command opens the store (`--db PATH|URL`, default $LETOPIS_DB or
letopis.db) through `letopis.kb.KnowledgeBase` and prints what it returns:
readable tables by default, the API's JSON with `--json`. Problems are one
`Error: ...` line on stderr and exit code 1.
"""
from __future__ import annotations

import json
import sys
from enum import Enum
from typing import List, Optional

import typer

from ..errors import LetopisError
from ..settings import MAX_ROWS
from . import app, fetch
from .options import db_option, json_option
from .progress import progress_bar


def fail(message) -> None:
    """One line on stderr, exit 1."""
    print(f"Error: {message}", file=sys.stderr)
    raise typer.Exit(1)


def open_kb(db: str | None, read_only: bool = True):
    """The store (read-only unless the command writes), or a one-line error."""
    from ..kb import KnowledgeBase
    try:
        return KnowledgeBase(db, read_only=read_only)
    except LetopisError as exc:
        fail(exc)


def call(fn, *args, **kwargs):
    """Run a KB call; LetopisError / ValueError become a one-line error."""
    try:
        return fn(*args, **kwargs)
    except (LetopisError, ValueError) as exc:
        fail(exc)


def print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def cell(value) -> str:
    """A table cell: lists joined, None empty."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def table(rows: list[dict], columns: list[tuple[str, str]], title: str | None = None) -> None:
    """Rows as a rich table on stdout (plain text when not a terminal)."""
    from rich.console import Console
    from rich.table import Table
    grid = Table(title=title, show_lines=False, header_style="bold")
    for _, header in columns:
        grid.add_column(header, overflow="fold")
    for row in rows:
        grid.add_row(*[cell(row.get(key)) for key, _ in columns])
    Console(width=160 if not sys.stdout.isatty() else None).print(grid)


@app.command()
def ingest(
    paths: Optional[List[str]] = typer.Argument(None, help="Files, directories (recursive), .gz, .jsonl, - for stdin, "
                                                "or page URLs (http/https)."),
    feed: List[str] = typer.Option([], "--feed", help="An RSS/Atom feed URL: its new articles are fetched (repeatable)."),
    sitemap: List[str] = typer.Option([], "--sitemap", help="A sitemap or sitemap index URL (news sitemaps too; "
                                      "repeatable)."),
    allow_private: bool = fetch.allow_private_option(),
    rate: float = fetch.rate_option(),
    timeout: float = fetch.timeout_option(),
    fetchers: int = fetch.threads_option(),
    db: Optional[str] = db_option(),
    workers: int = typer.Option(2, "--workers", min=0, help="Worker processes running the pipeline (0: in this process)."),
    dask: bool = typer.Option(False, "--dask", help="Distribute the pipeline with Dask (a local cluster of --workers).", metavar=""),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (tcp://host:8786); implies --dask."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr.", metavar=""),
    as_json: bool = json_option(),
) -> None:
    """Read articles, analyze them in parallel and store them (idempotent, resumable).

    An article already stored (same URL or same content) is skipped; the same URL
    with changed content is updated. Each article is committed on its own, so an
    interrupted ingest is finished by running the same command again.

    Exit code 1 if any input or article failed (the others are stored).

    URLs, --feed and --sitemap fetch over the network (robots.txt honoured, --rate
    requests per host per second); a URL already stored is not fetched again.

    Example: letopis ingest examples/ ../shared/data/corpus/rt_ng.jsonl.gz --db letopis.db --workers 2

    Example: letopis ingest --feed https://tass.ru/rss/v2.xml --db letopis.db
    """
    paths = list(paths or [])
    urls = [p for p in paths if fetch.is_url(p)]
    paths = [p for p in paths if not fetch.is_url(p)]
    if not (paths or urls or feed or sitemap):
        fail("nothing to ingest: give files, directories, URLs, --feed URL or --sitemap URL")
    fetch.check_targets(urls, feed, sitemap)
    kb = open_kb(db, read_only=False)
    if urls or feed or sitemap:
        return ingest_fetched(kb, paths, urls, feed, sitemap, fetch.fetch_settings(allow_private, rate, timeout),
                              workers, fetchers, progress, as_json, dask, scheduler)
    with progress_bar(progress) as report:
        summary = call(kb.ingest, paths, workers=workers, progress=report, dask=dask, scheduler=scheduler)
    if as_json:
        print_json(summary)
    else:
        print_summary(summary)
    if summary.get("interrupted"):  # stopped by SIGTERM / Ctrl-C after finishing the articles in hand
        from ..ingest.lifecycle import exit_code
        print(f"Error: interrupted by {summary['interrupted']}: what was stored is kept; "
              "run the same command again to continue", file=sys.stderr)
        raise typer.Exit(exit_code(summary["interrupted"]))
    if summary["failed"]:  # stored what it could; the exit code still says something failed
        raise typer.Exit(1)


def ingest_fetched(kb, paths, urls, feeds, sitemaps, settings, workers, fetchers, progress, as_json, dask,
                   scheduler) -> None:
    """Files (if any) as usual, then one poll per fetch target; exit 1 if anything failed."""
    summary = None
    with progress_bar(progress and not as_json) as report:
        if paths:
            summary = call(kb.ingest, paths, workers=workers, progress=report, dask=dask, scheduler=scheduler)
        polls = call(fetch.ingest_urls, kb, urls, feeds, sitemaps, settings, workers, fetchers, report, dask, scheduler)
    if as_json:
        print_json({"files": summary, "polls": polls} if summary else {"polls": polls})
    else:
        if summary:
            print_summary(summary)
        fetch.print_polls(polls)
    if (summary and summary["failed"]) or any(p["failed"] or p["problem"] for p in polls):
        raise typer.Exit(1)


def print_summary(summary: dict) -> None:
    """The end-of-ingest report: counts, speed, and each failure with its reason."""
    seconds = summary["seconds"] or 1e-9
    print(f"read {summary['read']}, new {summary['new']}, updated {summary['updated']}, "
          f"skipped {summary['skipped']}, failed {len(summary['failed'])}, "
          f"near-duplicates {summary['near_duplicates']}")
    done = summary["new"] + summary["updated"]
    if done:
        print(f"{plural(done, 'article')} in {summary['seconds']:.1f} s: {done / seconds:.2f} articles/s, "
              f"{summary['chars'] / seconds:,.0f} chars/s")
    for failure in summary["failed"][:50]:
        print(f"  failed: {failure['path']}: {failure['problem']}")
    if len(summary["failed"]) > 50:
        print(f"  ... and {len(summary['failed']) - 50} more (use --json for all)")


@app.command()
def search(
    query: str = typer.Argument(..., help="Words to find, in any grammatical form."),
    db: Optional[str] = db_option(),
    date_from: Optional[str] = typer.Option(None, "--from", help="Published on or after, YYYY-MM-DD (or YYYY-MM, YYYY)."),
    date_to: Optional[str] = typer.Option(None, "--to", help="Published on or before, YYYY-MM-DD (or YYYY-MM, YYYY)."),
    source: Optional[str] = typer.Option(None, "--source", help="Only this source (e.g. www.ng.ru)."),
    rubric: Optional[str] = typer.Option(None, "--rubric", help="Only this rubric."),
    entity: Optional[str] = typer.Option(None, "--entity", help="Only articles mentioning this entity (id or name)."),
    event_type: Optional[str] = typer.Option(None, "--event", help="Only articles reporting this event type."),
    limit: int = typer.Option(10, "--limit", min=1, max=MAX_ROWS),
    offset: int = typer.Option(0, "--offset", min=0),
    as_json: bool = json_option(),
) -> None:
    """Full-text search by lemmas: "теракт" also finds "терактов", "Токаева" finds "Токаев"; best matches first.

    Example: letopis search "теракт Дагестан" --from 2024-06 --event attack --limit 5
    """
    if not any(ch.isalnum() for ch in query):
        fail("nothing to search for: give at least one word")
    check_dates(date_from, date_to)
    check_event_type(event_type, "--event")
    result = call(open_kb(db).search, query, limit=limit, offset=offset, date_from=date_from, date_to=date_to,
                  source=source, rubric=rubric, entity=entity, event_type=event_type)
    if as_json:
        return print_json(result)
    print(f"{plural(result['total'], 'article')} {'matches' if result['total'] == 1 else 'match'} {query!r}")
    for item in result["items"]:
        print(f"\n[{item['article_id']}] {item['title']}  ({item['published'] or 'no date'}, score {item['score']})")
        print("  " + item["snippet"].replace("<mark>", "[").replace("</mark>", "]"))


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """ "1 article", "2 articles" (the CLI's English labels)."""
    return f"{count} {noun}" if count == 1 else f"{count} {nouns or noun + 's'}"


def check_dates(date_from: str | None, date_to: str | None) -> None:
    for label, value in (("--from", date_from), ("--to", date_to)):
        if value and not _is_date(value):
            fail(f"{label} {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")


def check_event_type(value: str | None, label: str) -> None:
    """An unknown event type is an error naming the known ones, not an empty answer."""
    from ..schema import EVENT_TYPES
    if value and value not in EVENT_TYPES:
        fail(f"{label} {value!r} is not an event type; use one of: {', '.join(EVENT_TYPES)}")


@app.command()
def entity(
    name: str = typer.Argument(..., help="A corpus entity id, or any name or alias (e.g. Токаев, РФ)."),
    db: Optional[str] = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Show an entity's profile: aliases, positions, mentions per day, co-mentioned entities, events.

    Example: letopis entity "Касым-Жомарт Токаев"
    """
    profile = call(open_kb(db).entity, name)
    if profile is None:
        fail(f"no entity named {name!r} in the store")
    if as_json:
        return print_json(profile)
    print(f"{profile['name']}  [{profile['type']}{'/' + profile['subtype'] if profile.get('subtype') else ''}]"
          f"  id {profile['id']}: {plural(profile['mentions'], 'mention')} in "
          f"{plural(profile['article_count'], 'article')}")
    if profile["aliases"]:
        print("aliases: " + ", ".join(profile["aliases"]))
    if profile["positions"]:
        table(profile["positions"], [("position", "position"), ("where", "where"), ("first", "first"),
                                     ("last", "last"), ("articles", "articles")], "positions")
    days = profile["mentions_per_day"]
    if days:
        print("mentions per day: " + ", ".join(f"{d['date']}: {d['count']}" for d in days[-14:]))
    if profile["co_mentioned"]:
        table(profile["co_mentioned"][:10], [("name", "co-mentioned"), ("type", "type"), ("count", "articles")])
    if profile["events"]:
        table(profile["events"][:10], [("date", "date"), ("type", "event"), ("places", "places"),
                                       ("killed", "killed"), ("injured", "injured")], "events")
    if profile["articles"]:
        table(profile["articles"][:10], [("published", "published"), ("title", "article")], "latest articles")


@app.command()
def events(
    db: Optional[str] = db_option(),
    type: Optional[str] = typer.Option(None, "--type", help="Event type, e.g. attack, decree, mourning, summit."),
    place: Optional[str] = typer.Option(None, "--place", help="A place name or alias (e.g. Дагестан)."),
    date_from: Optional[str] = typer.Option(None, "--from", help="Earliest event date, YYYY-MM-DD."),
    date_to: Optional[str] = typer.Option(None, "--to", help="Latest event date, YYYY-MM-DD."),
    min_killed: Optional[int] = typer.Option(None, "--min-killed", min=0, help="At least this many killed."),
    sort: Optional[str] = typer.Option(None, "--sort", help="date, -date, killed, -killed, injured, -injured, type, -type."),
    limit: int = typer.Option(20, "--limit", min=1, max=MAX_ROWS),
    offset: int = typer.Option(0, "--offset", min=0),
    as_json: bool = json_option(),
) -> None:
    """The event table, filtered.

    Example: letopis events --type attack --place Дагестан --from 2024-06-01 --min-killed 1
    """
    check_dates(date_from, date_to)
    check_event_type(type, "--type")
    result = call(open_kb(db).events, type=type, place=place, date_from=date_from, date_to=date_to,
                  min_killed=min_killed, limit=limit, offset=offset, sort=sort)
    if as_json:
        return print_json(result)
    rows = [dict(e, places=", ".join(e["places"]), figures=(e.get("timeline") or {}).get("killed", ""),
                 reports=len(e.get("reports") or [])) for e in result["items"]]
    table(rows, [("id", "id"), ("date", "date"), ("type", "type"), ("places", "places"), ("killed", "killed"),
                 ("injured", "injured"), ("figures", "killed over reports"), ("reports", "reports"),
                 ("article_id", "latest article")], plural(result['total'], "event"))


def _is_date(value: str) -> bool:
    import re
    return bool(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value))


@app.command()
def stories(
    db: Optional[str] = db_option(),
    limit: int = typer.Option(20, "--limit", min=1, max=MAX_ROWS),
    offset: int = typer.Option(0, "--offset", min=0),
    story_id: Optional[int] = typer.Option(None, "--id", help="Show one story with its articles."),
    as_json: bool = json_option(),
) -> None:
    """Stories: articles about the same event over time (2+ articles), newest first.

    Example: letopis stories --limit 10      (then: letopis stories --id 3)
    """
    kb = open_kb(db)
    if story_id is not None:
        story = call(kb.story, story_id)
        if story is None:
            fail(f"no story {story_id}")
        if as_json:
            return print_json(story)
        count = plural(len(story["articles"]), "article")
        print(f"{story['title']}  ({story['first'] or '?'} .. {story['last'] or '?'}, {count})")
        print("entities: " + ", ".join(story["entities"]))
        table(story["articles"], [("published", "published"), ("source", "source"), ("title", "title"),
                                  ("id", "article")])
        return
    result = call(kb.stories, limit=limit, offset=offset)
    if as_json:
        return print_json(result)
    rows = [dict(s, entities=", ".join(s["entities"])) for s in result["items"]]
    table(rows, [("id", "id"), ("title", "title"), ("first", "first"), ("last", "last"), ("articles", "articles"),
                 ("entities", "main entities")], plural(result['total'], "story", "stories"))


class ExportKind(str, Enum):
    entities = "entities"
    facts = "facts"
    events = "events"


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"


@app.command()
def export(
    kind: ExportKind = typer.Argument(..., help="What to export."),
    db: Optional[str] = db_option(),
    format: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", help="csv or jsonl."),
    output: Optional[str] = typer.Option(None, "-o", "--output", help="File to write (default: stdout)."),
) -> None:
    """Export entities, facts or events as CSV or JSON Lines.

    Example: letopis export events --format csv -o events.csv
    """
    count = call(open_kb(db).export, kind.value, format.value, output)
    if output:
        print(f"wrote {count} {kind.value} to {output}", file=sys.stderr)


@app.command()
def stats(
    db: Optional[str] = db_option(),
    top: int = typer.Option(10, "--top", min=0, max=100, help="Also list the N most mentioned entities."),
    as_json: bool = json_option(),
) -> None:
    """Counts of what the store holds, and the most mentioned entities.

    Example: letopis stats --db letopis.db --top 15
    """
    kb = open_kb(db)
    counts = call(kb.stats)
    top_entities = call(kb.entities, limit=top)["items"] if top else []
    if as_json:
        return print_json({"stats": counts, "top_entities": top_entities})
    print(", ".join(f"{key}: {value}" for key, value in counts.items()))
    if top_entities:
        table(top_entities, [("id", "id"), ("name", "entity"), ("type", "type"), ("mentions", "mentions"),
                             ("articles", "articles")], "most mentioned")
