"""`letopis analyze PATH...`: print one card per article, as JSON or as a readable summary."""
from __future__ import annotations

import json
import sys
from collections import Counter
from enum import Enum
from typing import List

import typer

from ..readers import read
from . import ErrorReport, app, fetch
from ..schema import ENTITY_TYPES

TYPE_ORDER = list(ENTITY_TYPES)
HIDDEN_KEYS = {"type", "evidence", "id"}


class OutputFormat(str, Enum):
    json = "json"
    text = "text"
    html = "html"


@app.command()
def analyze(
    paths: List[str] = typer.Argument(..., metavar="PATH", help="Files, directories (recursive), .gz files, or - for stdin."),
    pretty: bool = typer.Option(False, "--pretty", help="Indented JSON for humans (one document per card).", metavar=""),
    format: OutputFormat = typer.Option(OutputFormat.json, "--format", help="json: the card (one per line); "
                                        "text: a readable summary; html: one page, entities and dates marked inline."),
    allow_private: bool = fetch.allow_private_option(),
    timeout: float = fetch.timeout_option(),
) -> None:
    """Analyze articles and print their cards.

    Reads scraped .txt files, saved .html pages, .json/.jsonl records (also
    .gz), whole directories, stdin, and page URLs (fetched: robots.txt honoured). A bad input gets one `Error: FILE: problem`
    line on stderr, the others are still analyzed, and the exit code is 1.

    Examples:

        letopis analyze examples/000_bd1d954d026d96b9.txt --pretty

        letopis analyze examples/ --format text

        cat article.txt | letopis analyze -

        letopis analyze https://news.example.ru/2024/06/24/article.html --format text
    """
    report = ErrorReport()
    pipeline = None
    page = []  # --format html: one page for all cards, written at the end
    settings = fetch.fetch_settings(allow_private, timeout=timeout)
    for path in paths:
        articles = fetch.url_articles(path, report, settings) if fetch.is_url(path) else read(path, on_error=report)
        for article in articles:
            pipeline = pipeline or make_pipeline()
            card = report.guard(article.origin or path, pipeline, article)
            if card is None:
                continue
            if format == OutputFormat.html:
                page.append(card.as_json())
            else:
                print(render(card.as_json(), format, pretty), flush=True)
    if page:
        from ..web.standalone import cards_html
        sys.stdout.write(cards_html(page, page=True))
    report.exit_if_failed()


def make_pipeline():
    """Models load on the first article, so a run where every input fails stays fast."""
    from ..pipeline import Pipeline
    return Pipeline()


def render(card: dict, format: OutputFormat, pretty: bool) -> str:
    """One card as printed: JSON (compact or indented) or the text summary."""
    if format == OutputFormat.text:
        return render_text(card)
    return json.dumps(card, ensure_ascii=False, indent=2 if pretty else None)


def render_text(card: dict) -> str:
    """A card as a few readable lines: metadata, entities by type, facts, events, dates."""
    article = card["article"]
    lines = [article["title"] or "(no title)", "=" * min(len(article["title"] or "x"), 80)]
    for key in ("published", "source", "url", "rubric"):
        lines.append(f"{key + ':':<12} {article.get(key) or '-'}")
    if article.get("subheadings"):
        lines.append(f"{'subheadings:':<12} {' | '.join(article['subheadings'])}")
    lines += entity_lines(card.get("entities", []))
    names = {e["id"]: e["name"] for e in card.get("entities", [])}
    names.update({e["id"]: f"{e.get('type')} {e['id']}" for e in card.get("events", []) if "id" in e})
    for section in ("facts", "events"):
        lines += section_lines(section, card.get(section, []), names)
    lines += date_lines(card.get("dates", []))
    return "\n".join(lines) + "\n"


def entity_lines(entities: list[dict]) -> list[str]:
    """Entities grouped by type, most mentioned first, with their descriptors."""
    lines = [f"entities ({len(entities)}):"]
    by_type = Counter(e["type"] for e in entities)
    for kind in sorted(by_type, key=lambda t: (TYPE_ORDER.index(t) if t in TYPE_ORDER else 9, t)):
        group = sorted((e for e in entities if e["type"] == kind), key=lambda e: -len(e.get("mentions", [])))
        lines.append(f"  {kind}:")
        lines += [f"    {entity_summary(e)}" for e in group]
    return lines


def entity_summary(entity: dict) -> str:
    """`Касым-Жомарт Токаев ×5 [country] — президент Казахстана`."""
    text = f"{entity['name']} ×{len(entity.get('mentions', []))}"
    if entity.get("subtype"):
        text += f" [{entity['subtype']}]"
    if entity.get("descriptors"):
        text += " — " + "; ".join(entity["descriptors"])
    return text


def section_lines(section: str, items: list[dict], names: dict) -> list[str]:
    """Facts or events, one line each, whatever keys the pipeline put in them."""
    lines = [f"{section} ({len(items)}):"]
    lines += [f"  {item.get('type', '?')}: {describe(item, names)}" for item in items]
    return lines


def describe(item: dict, names: dict) -> str:
    """`key=value; ...` for the keys a reader cares about, entity ids shown as names."""
    parts = []
    for key, value in item.items():
        if key in HIDDEN_KEYS or value in (None, [], {}, "") or value is False:
            continue
        if is_name_twin(key, item):
            continue
        parts.append(f"{key}={show(value, names)}")
    return "; ".join(parts)


def is_name_twin(key: str, item: dict) -> bool:
    """`participant_names` beside `participants`: the ids are already shown as names."""
    if not key.endswith(("_name", "_names")):
        return False
    base = key.rsplit("_", 1)[0]
    return base in item or base + "s" in item


def show(value, names: dict) -> str:
    """A value for humans: entity ids resolved, lists joined, small dicts inlined."""
    if isinstance(value, str):
        return " ".join(names.get(value, value).split())  # one line per item, whatever the value holds
    if isinstance(value, list):
        return ", ".join(show(v, names) for v in value)
    if isinstance(value, dict):
        return "(" + " ".join(f"{k}={show(v, names)}" for k, v in value.items() if k != "evidence") + ")"
    return str(value)


def date_lines(dates: list[dict]) -> list[str]:
    """Each date mention with its normalized value."""
    lines = [f"dates ({len(dates)}):"]
    lines += [f"  {d['text']} -> {d.get('value') or '?'} ({d.get('precision', '?')})" for d in dates]
    return lines
