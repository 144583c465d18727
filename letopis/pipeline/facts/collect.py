"""Stage: facts (see SPEC.md). Fills `doc.facts`.

Occupations (person — position — place/org, `facts_occupation`) come from
the positions stage's phrases; meetings (participants, mode, date, place,
`facts_meeting`) from trigger sentences. Entity references are the card's
entity ids; evidence offsets are card offsets.
"""
from __future__ import annotations

from ..doc import Doc
from . import words as facts_words
from .coref import resolve_bare_posts
from .meeting import meetings
from .occupation import occupations
from ..stage import stage


@stage('facts', requires=('sents', 'spans', 'entities', 'span_entity', 'positions', 'dates'), assigns=('facts',))
def run(doc: Doc, models) -> None:
    facts_words.set_morph(models.morph)
    resolve_bare_posts(doc)
    doc.facts.extend(occupations(doc))
    doc.facts.extend(meetings(doc))
