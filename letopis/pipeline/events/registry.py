"""Stage: events. Reads doc.tokens, doc.sents, doc.spans/entities, doc.dates; fills `doc.events`.

The events are the records of `letopis/records.py` (SPEC.md gives their
JSON): CasualtyEvent (attack | incident), Mourning, Decree, Summit, Visit,
Statement. Entity references are entity ids of the same card; `*_name`
fields repeat the entity's name; evidence offsets are card offsets, with
"field": "title" for the headline.

Each event family is one module with `extract(ctx) -> list[Event]` over the
shared `EventContext`; `EXTRACTORS` runs them in order, and `find_events`
gives ids ("ev1", ...) in that order and adds each family's events to
`ctx.events` before the next runs (statements refer to the attacks and
incidents found first). Adding an event type is one module and one line
here. Word lists live in `letopis/data/events/`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..doc import Doc
from ..stage import stage
from . import actions, decrees, incidents, meetings, statements
from .context import EventContext


@dataclass(frozen=True)
class Extractor:
    """An event family: `extract(ctx)` returns its events in card order."""

    name: str
    extract: Callable[[EventContext], list]
    folds_headlines: bool = True  # a headline retelling of a body event merges into it (see fold_headlines)


EXTRACTORS = [
    Extractor("incidents", incidents.extract, folds_headlines=False),  # groups headline mentions itself
    Extractor("decrees", decrees.extract),
    Extractor("meetings", meetings.extract),
    Extractor("statements", statements.extract),  # after incidents: "about" names their ids
    Extractor("actions", actions.extract),  # arrests, verdicts, sanctions, military… (after incidents: told_at)
]


@stage('events', requires=('sents', 'tokens', 'spans', 'entities', 'span_entity', 'dates'), assigns=('events',))
def run(doc: Doc, models) -> None:
    """Fill `doc.events` in a stable order: incidents, mourning/decrees, summits/visits, statements."""
    if not doc.tokens:
        return
    doc.events = find_events(EventContext(doc, models))


def find_events(ctx: EventContext, extractors: list[Extractor] = EXTRACTORS) -> list:
    """Run the extractors in order; ids ("ev1", ...) are given here and only here."""
    for extractor in extractors:
        found = extractor.extract(ctx)
        if extractor.folds_headlines:
            found = fold_headlines(found)
        for event in found:
            event.id = f"ev{len(ctx.events) + 1}"
            ctx.events.append(event)
    return ctx.events


def fold_headlines(events: list) -> list:
    """A headline event ("В Кузбассе объявлен день траура") retells a body one of
    the same type (and kind): it fills the body event's empty fields and goes."""
    body = [e for e in events if e.evidence.field != "title"]
    kept = list(body)
    for event in events:
        if event in body:
            continue
        twin = next((e for e in body if e.type == event.type and getattr(e, "kind", None) == getattr(event, "kind", None)), None)
        if twin is None:
            kept.append(event)
            continue
        twin.fill(event)
    return sorted(kept, key=lambda e: events.index(e))
