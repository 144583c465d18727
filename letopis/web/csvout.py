"""The events table as CSV, for analysts who open it in a spreadsheet."""
from __future__ import annotations

import csv
import io

from ..store.export import formula_safe

COLUMNS = ["id", "article_id", "type", "date", "places", "killed", "injured"]


def cell(value) -> str:
    """Lists become `a; b`; None becomes empty; formula-like text is quoted.

    A leading =, +, - or @ would run as a formula in a spreadsheet, so such
    text cells get a leading apostrophe (`store.export.formula_safe`, the
    guard `letopis export` uses too).
    """
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(item) for item in value)
    return str(formula_safe(value))


def events_csv(events) -> str:
    """CSV text with a header row; one row per event in the given order."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for event in events:
        writer.writerow([cell(event.get(col)) for col in COLUMNS])
    return out.getvalue()
