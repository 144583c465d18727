"""Small presentation helpers: turn store records into short readable lines.

Kept in Python (not in templates) so that missing or None fields, which the
store may legitimately return, never break a page.
"""
from __future__ import annotations

import re

from .. import data

SHOWN_KEYS = ("kind", "position", "mode", "date")
LABELED_KEYS = ("kind", "mode")  # codes shown through their Russian label
LABELS = dict(row[:2] for row in data.rows("web/labels.tsv") if len(row) >= 2)


# "25 июня 2024": month names in the genitive, from the dates stage's word list (number, nominative, genitive, ...)
MONTH_GENITIVES = {int(row[0]): row[2] for row in data.rows("dates/months.txt") if len(row) > 2}
ISO_DATE = re.compile(r"^(\d{4}|XXXX)(?:-(\d{2})(?:-(\d{2}))?)?")


def ru_date(value) -> str:
    """An ISO date (or datetime, or a day with its year unknown) as Russian readers write it:
    "25 июня 2024", "июнь 2024" is kept as "06.2024", "23 июня (год неизвестен)"; other text as is."""
    if not value:
        return ""
    text = str(value)
    found = ISO_DATE.match(text)
    if not found:
        return text
    year, month, day = found.groups()
    year_text = "(год неизвестен)" if year == "XXXX" else f"{year}"
    if month and day and int(month) in MONTH_GENITIVES:
        time = text[11:16] if len(text) >= 16 and text[10:11] in ("T", " ") else ""
        return f"{int(day)} {MONTH_GENITIVES[int(month)]} {year_text}" + (f", {time}" if time else "")
    if month:
        return f"{month}.{year_text}"
    return year_text


def label(code) -> str:
    """The Russian label of an API code (an event type, kind, fact type, mode); the code if none."""
    return LABELS.get(str(code), str(code)) if code not in (None, "") else ""


def names(value) -> list[str]:
    """A name or a list of names as a flat list of non-empty strings."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v not in (None, "")]
    return [str(value)] if value != "" else []


def record_line(record: dict, skip=()) -> str:
    """`президент · Касым-Жомарт Токаев · Казахстан`: kind/position/mode/date then every *_name(s).

    `skip` lists keys and values already shown elsewhere (a table's date and places columns).
    """
    skip = {str(item) for item in skip or ()}
    parts = [label(record[key]) if key in LABELED_KEYS else str(record[key])
             for key in SHOWN_KEYS if key not in skip and record.get(key) not in (None, "", [])]
    if record.get("start") and "start" not in skip:  # a period (a mourning, an exercise): its first and last day
        period = ru_date(record["start"]) + (f" – {ru_date(record['stop'])}" if record.get("stop") else "")
        parts.append(period)
    for key, value in record.items():
        if key.endswith(("_name", "_names")):
            parts.extend(names(value))
    targets = record.get("targets")
    if isinstance(targets, list) and targets and all(isinstance(t, str) for t in targets) \
            and not record.get("target_names"):  # what an attack hit, as written ("синагога")
        parts.append(label("targets") + ": " + ", ".join(targets))
    return " · ".join(part for part in dict.fromkeys(parts) if part not in skip)  # keep order, drop repeats


def chart_points(profile: dict) -> list[dict]:
    """Mentions per day, plus the undated rest of the entity's mentions.

    The store counts mentions per publication day; mentions in undated
    articles are the difference from the entity's total, shown as one bar.
    """
    points = [p for p in profile.get("mentions_per_day") or [] if p.get("count")]
    total = profile.get("mentions")
    if isinstance(total, int):
        undated = total - sum(p["count"] for p in points if p.get("date"))
        if undated > 0 and not any(not p.get("date") for p in points):
            points.append({"date": None, "count": undated})
    return points
