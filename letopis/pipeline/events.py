"""Stage: events (see SPEC.md). Fills `doc.events`. Not built yet: issue 4."""
from __future__ import annotations

from .doc import Doc


def run(doc: Doc, models) -> None:
    return None
