"""Stage: facts (see SPEC.md). Fills `doc.facts`.

Occupations (person — position — place/org, `occupation.py`) come from
the positions stage's phrases; meetings (participants, mode, date, place,
`meeting.py`) from trigger sentences. Posts without a name are first
resolved to the person just mentioned (`coref.py`). Word lists are in
`letopis/data/facts/` (read by `words.py`); morphology is the stage's
`models.morph`, through `words.lookups`. Entity references are the card's
entity ids; evidence offsets are card offsets.
"""
from __future__ import annotations

from ..doc import Doc
from . import words
from .coref import resolve_bare_posts
from .meeting import meetings
from .occupation import occupations
from ..stage import stage


@stage('facts', requires=('sents', 'spans', 'entities', 'span_entity', 'positions', 'dates'), assigns=('facts',))
def run(doc: Doc, models) -> None:
    resolve_bare_posts(doc)
    doc.facts.extend(occupations(doc))
    doc.facts.extend(meetings(doc, words.lookups(models.morph)))
