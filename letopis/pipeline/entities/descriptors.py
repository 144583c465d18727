"""Descriptors: the posts that describe a person ("президент Казахстана").

Reads `doc.positions` (the positions stage). A phrase linked to a person
mention becomes a descriptor of that mention's entity. A phrase without a
name is resolved here, and its entity id is written back to the phrase
("entity") for the facts stage:
- with a place ("президенту России") -> the person already described by the
  same post at the same place;
- a state post without a place ("Глава нашего государства", "глава
  государства") -> the person last named as a sentence subject (nominative)
  who holds a state post in this document.
"""
from __future__ import annotations

from bisect import bisect_left

from ... import data
from ..doc import Doc
from ...schema import PER

STATE_HEADS = data.words("entities/state_heads.txt")


def phrase_text(doc: Doc, pos: dict) -> str:
    """The post in the nominative with its dependents as written."""
    head_token = _token_at(doc, pos.get("head_start"))
    stop = pos.get("where_stop") or pos["stop"]
    tail = doc.text[head_token.stop:stop].split() if head_token and head_token.stop <= stop else []
    normal = pos["normal"].split()
    low_normal, low_tail = [w.lower() for w in normal], [w.lower() for w in tail]
    # the normal form may already hold the first dependents ("командующий 7-м флотом")
    shared = max((k for k in range(len(tail) + 1) if k <= len(normal)
                  and low_normal[len(normal) - k:] == low_tail[:k]), default=0)
    return " ".join(normal + tail[shared:])


def _token_at(doc: Doc, start: int | None):
    if start is None:
        return None
    k = bisect_left(doc.tokens, start, key=lambda t: t.start)
    return doc.tokens[k] if k < len(doc.tokens) and doc.tokens[k].start == start else None


def attach_descriptors(doc: Doc) -> None:
    by_id = {e.id: e for e in doc.entities}
    posts: dict[str, list[tuple]] = {}  # entity id -> (head, scope, where entity id)
    for pos in doc.positions:
        entity_id = _linked(doc, pos, posts)
        if entity_id is None:
            continue
        entity = by_id[entity_id]
        text = phrase_text(doc, pos)
        if text and not any(d == text or d.startswith(text + " ") for d in entity.descriptors):
            entity.descriptors = [d for d in entity.descriptors if not text.startswith(d + " ")] + [text]
        posts.setdefault(entity_id, []).append((pos.get("head"), pos.get("scope"), _where(doc, pos)))
        pos.setdefault("entity", entity_id)


def _where(doc: Doc, pos: dict) -> str | None:
    index = pos.get("where_span")
    return doc.span_entity.get(index) if index is not None else pos.get("where_name")


def _linked(doc: Doc, pos: dict, posts: dict) -> str | None:
    person = pos.get("person")
    if person is not None:
        return doc.span_entity.get(person)
    if _plural(doc, pos):
        return None
    where = _where(doc, pos)
    if where is not None:
        same = [e for e, seen in posts.items() if (pos.get("head"), where) in {(h, w) for h, _, w in seen}]
        return same[-1] if len(same) == 1 else None
    if pos.get("head") in STATE_HEADS and (pos.get("where_hint") == "country" or pos.get("scope") == "state"):
        return _last_subject(doc, pos["start"], {e for e, seen in posts.items()
                                                 if any(s == "state" for _, s, _ in seen)})
    return None


def _plural(doc: Doc, pos: dict) -> bool:
    head = _token_at(doc, pos.get("head_start"))
    return bool(head and (head.feats or {}).get("Number") == "Plur")


def _last_subject(doc: Doc, before: int, candidates: set) -> str | None:
    """The entity of the last nominative PER mention before `before` among candidates."""
    best = None
    for index, span in enumerate(doc.spans):
        if span.start >= before:
            break
        entity_id = doc.span_entity.get(index)
        if span.type == PER and entity_id in candidates and span.tokens \
                and (span.tokens[-1].feats or {}).get("Case") == "Nom":
            best = entity_id
    return best
