"""Stage: position phrases ("президент Казахстана", "глава региона").

Fills `doc.positions`: each a dict {"start", "stop", "text", "normal"
(nominative lemma phrase, e.g. "президент", "генеральный директор"),
"where_start", "where_stop" (a dependent place/org mention, or None)}.
Read by the entities stage (descriptors) and the facts stage (occupations).
Not built yet: issue 4.
"""
from __future__ import annotations

from .doc import Doc


def run(doc: Doc, models) -> None:
    return None
