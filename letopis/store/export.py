"""Exports of corpus tables as CSV or JSON Lines, streamed in pages.

CSV cells hold scalars; lists and dicts (aliases, places, evidence) are
written as JSON text so nothing is lost and a spreadsheet still opens it.
Text that a spreadsheet would run as a formula is guarded by `formula_safe`,
the one guard of every CSV Letopis writes (`letopis export`, `/api/events.csv`).
"""
from __future__ import annotations

import csv
import json
from typing import IO, Iterator

from sqlalchemy import select
from sqlalchemy.engine import Connection

from . import models as m
from . import queries

KINDS = ("entities", "facts", "events")
FORMATS = ("csv", "jsonl")
PAGE = 1000
COLUMNS = {
    "entities": ["id", "name", "type", "subtype", "mentions", "articles", "aliases"],
    "facts": ["id", "article_id", "published", "type", "entities", "position", "mode", "date", "place", "evidence"],
    "events": ["id", "article_id", "type", "date", "places", "killed", "injured", "revisions", "evidence"],
}


def rows(conn: Connection, kind: str) -> Iterator[dict]:
    """Every row of one kind, as dicts."""
    if kind == "entities":
        aliases: dict[int, list[str]] = {}
        for entity_id, alias in conn.execute(select(m.Alias.entity_id, m.Alias.alias).order_by(m.Alias.id)):
            aliases.setdefault(entity_id, []).append(alias)
        offset = 0
        while True:
            page = queries.entities(conn, PAGE, offset)["items"]
            for item in page:
                item["aliases"] = sorted(set(aliases.get(item["id"], [])) - {item["name"]})
                yield item
            if len(page) < PAGE:
                return
            offset += PAGE
    fetch = queries.facts if kind == "facts" else queries.events
    offset = 0
    while True:
        page = fetch(conn, limit=PAGE, offset=offset)["items"]
        yield from page
        if len(page) < PAGE:
            return
        offset += PAGE


def write(conn: Connection, kind: str, fmt: str, out: IO[str]) -> int:
    """Write all rows of `kind` to `out`; returns how many."""
    if kind not in KINDS:
        raise ValueError(f"unknown export {kind!r}; use one of {', '.join(KINDS)}")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use csv or jsonl")
    count = 0
    if fmt == "jsonl":
        for row in rows(conn, kind):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        return count
    writer = csv.DictWriter(out, fieldnames=COLUMNS[kind], extrasaction="ignore")
    writer.writeheader()
    for row in rows(conn, kind):
        writer.writerow({k: _cell(row.get(k)) for k in COLUMNS[kind]})
        count += 1
    return count


FORMULA_STARTS = ("=", "+", "-", "@")


def formula_safe(value):
    """A text cell starting with =, +, - or @ gets a leading apostrophe (the CSV-injection guard).

    A spreadsheet would run such text as a formula (`=HYPERLINK(...)`, `@SUM(...)`,
    `+cmd|...`); numbers and other non-text values are returned unchanged.
    """
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def _cell(value):
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)  # starts with [ or {: never a formula
    return "" if value is None else formula_safe(value)
