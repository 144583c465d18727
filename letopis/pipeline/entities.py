"""Stage: group mentions into document-level entities.

Fills `doc.entities` and `doc.span_entity`. First version: one entity per
(type, normal form).
"""
from __future__ import annotations

from ..card import Entity, Mention
from .doc import Doc


def run(doc: Doc, models) -> None:
    by_key: dict[tuple[str, str], Entity] = {}
    for index, span in enumerate(doc.spans):
        key = (span.type, (span.normal or span.text).lower())
        entity = by_key.get(key)
        if entity is None:
            entity = Entity(id=f"e{len(by_key) + 1}", type=span.type, name=span.normal or span.text)
            by_key[key] = entity
            doc.entities.append(entity)
        field, start, stop = doc.to_card_offsets(span.start, span.stop)
        entity.mentions.append(Mention(start, stop, span.text, field))
        doc.span_entity[index] = entity.id
