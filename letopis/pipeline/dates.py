"""Stage: dates (see SPEC.md). Fills `doc.dates`. Not built yet: issue 4."""
from __future__ import annotations

from .doc import Doc


def run(doc: Doc, models) -> None:
    return None
