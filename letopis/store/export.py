"""Exports of corpus tables as CSV or JSON Lines, streamed in pages.

CSV is flat, one shape per table wherever it is written (`letopis export`,
`/api/*.csv`): one column per field, an entity role's names beside its
corpus ids, lists joined with "; " (JSON Lines keeps the full structure).
Text that a spreadsheet would run as a formula is guarded by `formula_safe`,
the one guard of every CSV Letopis writes (`letopis export`, `/api/events.csv`).
"""
from __future__ import annotations

import csv
import json
from dataclasses import fields
from typing import IO, Iterator

from sqlalchemy import select
from sqlalchemy.engine import Connection

from ..corpus.aliases import display_aliases
from ..records import EVENTS, FACTS
from . import models as m
from . import queries

KINDS = ("entities", "facts", "events")
FORMATS = ("csv", "jsonl")
PAGE = 1000
BASE_COLUMNS = {
    "entities": ["id", "name", "type", "subtype", "mentions", "articles", "aliases"],
    "facts": ["id", "article_id", "published", "type"],
    "events": ["id", "article_id", "article_title", "type"],
}
SKIPPED_FIELDS = {"id", "type", "extra", "evidence"}  # evidence is written as "field:start-stop"


def _singular(role: str) -> str:
    return role[:-1] if role.endswith("s") else role


def _id_column(role: str, is_list: bool) -> str:
    return f"{_singular(role)}_ids" if is_list else f"{role}_id"


def _record_fields(classes) -> list[tuple[str, bool, bool]]:
    """(field, is a role, holds a list) over the record classes, in first-seen order."""
    seen: dict[str, tuple[str, bool, bool]] = {}
    for cls in classes:
        types = {f.name: f for f in fields(cls)}
        for name in cls.names():
            if name in SKIPPED_FIELDS or name in seen or name.endswith(("_name", "_names")):
                continue
            is_list = types[name].default_factory is list if name in types else False
            seen[name] = (name, name in cls.roles, is_list)
    return list(seen.values())


def columns(kind: str) -> list[str]:
    """The flat CSV header of a table: one column per field, a role's names beside its corpus ids.

    Derived from the record classes (`letopis.records`), so a new fact or
    event type adds its columns here, in the CLI export and in the API's CSV.
    """
    cols = list(BASE_COLUMNS[kind])
    if kind == "entities":
        return cols
    classes = dict.fromkeys((FACTS if kind == "facts" else EVENTS).values())
    for name, is_role, is_list in _record_fields(classes):
        cols.append(name)
        if is_role:
            cols.append(_id_column(name, is_list))
    return cols + ["evidence"]


def flat(kind: str, item: dict) -> dict:
    """One stored row as CSV cells: lists joined with "; ", names beside ids, scalars as they are."""
    names = item.get("entities") if isinstance(item.get("entities"), dict) else {}
    row = {}
    for col in columns(kind):
        row[col] = item.get(col)
    if kind != "entities":
        classes = dict.fromkeys((FACTS if kind == "facts" else EVENTS).values())
        for name, is_role, is_list in _record_fields(classes):
            if not is_role:
                continue
            value = item.get(name)
            ids = value if isinstance(value, list) else [value]
            ids = [v for v in ids if isinstance(v, int)] or list(item.get(_id_column(name, is_list)) or [])
            written = isinstance(value, list) and value and all(isinstance(v, str) for v in value)
            # a corpus event lists the places of all its reports by name (`places`) beside `place_ids`
            row[name] = value if written and len(value) == len(ids) else names.get(name) or (value if value and not ids else None)
            row[_id_column(name, is_list)] = ids
        evidence = item.get("evidence")
        row["evidence"] = (f"{evidence.get('field', 'text')}:{evidence['start']}-{evidence['stop']}"
                           if isinstance(evidence, dict) and "start" in evidence else None)
        if item.get("revisions"):
            row["revisions"] = [f"{r.get('field')} {r.get('value')}" for r in item["revisions"] if isinstance(r, dict)]
    return {col: cell(value) for col, value in row.items()}


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
                item["aliases"] = display_aliases(item["name"], aliases.get(item["id"], []))
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
    return write_csv(rows(conn, kind), kind, out)


FORMULA_STARTS = ("=", "+", "-", "@")


def formula_safe(value):
    """A text cell starting with =, +, - or @ gets a leading apostrophe (the CSV-injection guard).

    A spreadsheet would run such text as a formula (`=HYPERLINK(...)`, `@SUM(...)`,
    `+cmd|...`); numbers and other non-text values are returned unchanged.
    """
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def cell(value) -> str:
    """A CSV cell: lists joined with "; ", dicts as "key=value; ...", None empty, formula-like text guarded."""
    if value is None:
        return ""
    if isinstance(value, dict):
        value = "; ".join(f"{k}={v}" for k, v in value.items())
    elif isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value if v is not None)
    return str(formula_safe(value))


def write_csv(items, kind: str, out: IO[str]) -> int:
    """Items of one table as flat CSV (the one shape of `letopis export`, the API and the pages)."""
    writer = csv.DictWriter(out, fieldnames=columns(kind))
    writer.writeheader()
    count = 0
    for item in items:
        writer.writerow(flat(kind, item))
        count += 1
    return count
