"""A post named without its holder, resolved to the person just mentioned.

"Беньямин Нетаньяху отказался от участия в саммите. Премьер-министр Израиля
заявил, что…": the post in the second sentence describes the only person
named in the sentence before it (or earlier in its own sentence). Only
posts with a stated place/organization are resolved, and only when exactly
one person is in reach, so a wrong guess stays rare. A post the entities
stage already resolved (its "entity" key) is left alone.
"""
from __future__ import annotations

from bisect import bisect_right

from ..doc import Doc
from . import words
from ...schema import PER


def resolve_bare_posts(doc: Doc) -> None:
    """Set "entity" on unlinked post phrases that have one person in reach."""
    sents = [line for s in doc.sents for line in words.lines(doc, s)]
    starts = [s.start for s in sents]
    token_starts = [t.start for t in doc.tokens]
    persons = [(span.start, doc.span_entity.get(i), _case(span.tokens)) for i, span in enumerate(doc.spans)
               if span.type == PER and doc.span_entity.get(i)]
    held = _held_posts(doc)
    for phrase in doc.positions:
        if phrase["person"] is not None or phrase.get("entity") or phrase["where_start"] is None:
            continue
        head = doc.tokens[bisect_right(token_starts, phrase["head_start"]) - 1]
        if (head.feats or {}).get("Number") == "Plur" or (head.feats or {}).get("Case") != "Nom":
            continue  # subject to subject: "Нетаньяху отказался… Премьер-министр Израиля заявил"
        at = bisect_right(starts, phrase["start"]) - 1
        if at < 0:
            continue
        low = sents[at - 1].start if at > 0 else sents[at].start
        in_reach = {(entity, case) for offset, entity, case in persons if low <= offset < phrase["start"]}
        if len({entity for entity, _ in in_reach}) != 1 or not any(case == "Nom" for _, case in in_reach):
            continue  # one person in reach, named as a subject
        entity = in_reach.pop()[0]
        other = held.get((entity, phrase["head"]))
        if other is None or other == _where_key(phrase):
            phrase["entity"] = entity


def _held_posts(doc: Doc) -> dict[tuple, object]:
    """(person entity, post head) -> where key, from the posts linked to a name."""
    held = {}
    for phrase in doc.positions:
        if phrase["person"] is not None and doc.span_entity.get(phrase["person"]):
            held.setdefault((doc.span_entity[phrase["person"]], phrase["head"]), _where_key(phrase))
    return held


def _where_key(phrase: dict):
    return phrase["where_name"] or phrase["where_span"]


def _case(tokens) -> str | None:
    cases = [(t.feats or {}).get("Case") for t in tokens if t.pos == "PROPN"]
    return cases[-1] if cases else None
