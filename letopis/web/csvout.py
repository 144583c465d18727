"""Tables as CSV for analysts who open them in a spreadsheet.

The shape is the store's one flat CSV shape (`letopis.store.export`): the
same columns as `letopis export`, names beside ids, lists joined, the
formula-injection guard applied.
"""
from __future__ import annotations

import io

from ..store.export import write_csv


def table_csv(kind: str, items) -> str:
    """CSV text with a header row; one row per item in the given order."""
    out = io.StringIO()
    write_csv(items, kind, out)
    return out.getvalue()
