"""Scoring the dates stage against the hand-written gold list.

The gold file (`tests/data/dates_gold.tsv`) has one expression in context
per line: category, anchor, context, expression, value, precision. A gold
expression is judged by the predicted DateMention that overlaps it most:
right when value and precision are both equal; a negative line ("-") is right
when no prediction overlaps it. Used by `tests/pipeline/test_dates.py` and
`bench/dates.py`.
"""
from __future__ import annotations

import csv
import gzip
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from letopis.pipeline.dates.find import parse_date_text

GOLD_TODAY = date(2025, 6, 30)  # passed as "today"; the stage ignores it (no year from the wall clock)
NEGATIVE = "-"


@dataclass
class GoldItem:
    line: int
    category: str
    anchor: str | None
    context: str
    expression: str
    value: str | None  # None: the date exists but cannot be resolved ("null")
    precision: str

    @property
    def negative(self) -> bool:
        return self.precision == NEGATIVE


@dataclass
class Verdict:
    item: GoldItem
    ok: bool
    got_value: str | None = None
    got_precision: str | None = None
    got_text: str | None = None


def load_gold(path: Path) -> list[GoldItem]:
    """Read the TSV (lines starting with '#' are comments; first row is the header)."""
    with open(path, encoding="utf-8") as handle:
        rows = [(n, line) for n, line in enumerate(handle, 1) if line.strip() and not line.startswith("#")]
    items = []
    for (number, _), row in zip(rows[1:], csv.reader([line for _, line in rows[1:]], delimiter="\t",
                                                      quoting=csv.QUOTE_NONE)):
        if len(row) != 6:
            raise ValueError(f"{path}:{number}: expected 6 tab-separated columns, got {len(row)}")
        category, anchor, context, expression, value, precision = row
        items.append(GoldItem(number, category, anchor or None, context, expression,
                              None if value == "null" else value, precision))
    return items


def locate(context: str, expression: str) -> tuple[int, int]:
    """The first whole-word occurrence of `expression` in `context`."""
    match = re.search(r"(?<!\w)" + re.escape(expression) + r"(?!\w)", context)
    if not match:
        raise ValueError(f"expression {expression!r} not found in {context!r}")
    return match.start(), match.end()


def judge(item: GoldItem, mentions) -> Verdict:
    start, stop = locate(item.context, item.expression)
    overlapping = [m for m in mentions if m.start < stop and start < m.stop]
    if item.negative:
        got = overlapping[0] if overlapping else None
        return Verdict(item, not overlapping, got and got.value, got and got.precision, got and got.text)
    if not overlapping:
        return Verdict(item, False)
    best = max(overlapping, key=lambda m: min(stop, m.stop) - max(start, m.start))
    ok = best.value == item.value and best.precision == item.precision
    return Verdict(item, ok, best.value, best.precision, best.text)


def evaluate(items: list[GoldItem], today: date = GOLD_TODAY) -> list[Verdict]:
    """Run `parse_date_text` on each distinct (context, anchor) once and judge every line."""
    cache: dict[tuple[str, str | None], list] = {}
    verdicts = []
    for item in items:
        key = (item.context, item.anchor)
        if key not in cache:
            cache[key] = parse_date_text(item.context, item.anchor, today=today)
        verdicts.append(judge(item, cache[key]))
    return verdicts


def accuracy(verdicts: list[Verdict]) -> dict[str, tuple[int, int]]:
    """{category: (right, total)} plus "overall"."""
    table: dict[str, list[int]] = {}
    for verdict in verdicts:
        for key in (verdict.item.category, "overall"):
            right_total = table.setdefault(key, [0, 0])
            right_total[0] += verdict.ok
            right_total[1] += 1
    return {key: (right, total) for key, (right, total) in table.items()}


# ---------------------------------------------------------------- real articles
#
# `bench/data/dates_real/*.jsonl`: one gold date a line, keyed to a record of
# `../shared/data/corpus/rt_ng.jsonl.gz` by id and body offset (see the
# README there). A date is right when its value equals the gold value, or when
# the system honestly leaves the year unknown ("XXXX-12-26" for gold
# "2017-12-26"); a wrong year is wrong. Dated (NG) and undated (RT) articles
# are scored apart, as issue 10's targets are.

URL_DATE = re.compile(r"/(\d{4}-\d{2}-\d{2})/")


def load_real(paths) -> list[dict]:
    items = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    try:
                        items.append(json.loads(line))
                    except json.JSONDecodeError as error:
                        raise ValueError(f"{path}:{number}: not JSON ({error})") from None
    return items


def mask_year(value: str) -> str:
    """'2017-12-26/2017-12-27' -> 'XXXX-12-26/XXXX-12-27'."""
    return re.sub(r"(?<![\d-])\d{4}(?=-|/|$)", "XXXX", value)


def real_verdict(gold: dict, mentions) -> tuple[str, str | None]:
    """'right' | 'unknown' (honest XXXX) | 'wrong' | 'missed', and the value found."""
    start, stop = gold["start"], gold["start"] + len(gold["text"])
    overlapping = [m for m in mentions if m.start < stop and start < m.stop]
    if not overlapping:
        return "missed", None
    best = max(overlapping, key=lambda m: min(stop, m.stop) - max(start, m.start))
    if best.value == gold["value"]:
        return "right", best.value
    if best.value and "XXXX" in best.value and best.value == mask_year(gold["value"]):
        return "unknown", best.value
    return "wrong", best.value


def evaluate_real(items: list[dict], corpus: Path, today: date = GOLD_TODAY):
    """(item, verdict, value) for every gold date; texts read from the corpus."""
    ids = {item["id"] for item in items}
    records = {}
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["id"] in ids:
                records[record["id"]] = record
    missing = ids - set(records)
    if missing:
        raise ValueError(f"{corpus}: records not found: {', '.join(sorted(missing)[:5])}")
    found = {}
    for record_id, record in records.items():
        published = URL_DATE.search(record.get("url") or "")
        found[record_id] = parse_date_text(record["text"], published.group(1) if published else None, today=today)
    return [(item, *real_verdict(item, found[item["id"]])) for item in items]
