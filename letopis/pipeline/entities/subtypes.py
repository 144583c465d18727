"""Entity subtypes: country/region/city… for places, state body/company/
media/party… for organizations.

Three sources, first hit wins: the gazetteer entry; a head word inside the
name ("Свердловская область" -> region, "Министерство финансов" ->
state_body); the common noun written just before a mention ("в селе
Сергокала" -> settlement, "газета «Коммерсантъ»" -> media).
"""
from __future__ import annotations

from bisect import bisect_left

from ... import data
from ...card import Entity
from .. import gazetteer
from ..doc import Doc, NerSpan
from ...schema import LOC, ORG

LOC_WORDS = dict(data.rows("entities/loc_nouns.tsv"))  # noun -> subtype
# Organisation nouns -> subtype, from the table the NER rules share (noun, subtype, kind, forms, strip).
ORG_WORDS = {row[0]: row[1] for row in data.rows("entities/org_nouns.tsv") if row[1] != "-"}
WORDS = {LOC: LOC_WORDS, ORG: ORG_WORDS}


def subtype_of(doc: Doc, entity: Entity, spans: list[NerSpan], morph) -> str | None:
    table = WORDS.get(entity.type, {})
    known = gazetteer.of(morph)
    for span in spans:
        entry = known.unique([t.text for t in span.tokens]) or known.unique(span.text.split())
        if entry and entry.type == entity.type:
            return entry.subtype
    for span in spans:
        for token in span.tokens:
            hit = _table_hit(morph, token.text, table)
            if hit:
                return hit
    starts = [t.start for t in doc.tokens]
    for span in spans:
        k = bisect_left(starts, span.start)
        if k > 0:
            hit = _table_hit(morph, doc.tokens[k - 1].text, table)
            if hit:
                return hit
    return None


def _table_hit(morph, word: str, table: dict) -> str | None:
    if not word[:1].isalpha():
        return None
    return next((table[lemma] for lemma in morph.lemma_set(word) if lemma in table), None)
