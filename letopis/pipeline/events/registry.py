"""Stage: events. Reads doc.tokens, doc.sents, doc.spans/entities, doc.dates; fills `doc.events`.

Event dicts (entity references are entity ids of the same card; `*_name`
fields repeat the entity's name; evidence offsets are card offsets, with
"field": "title" for the headline):

- attack / incident: {"id", "type": "attack"|"incident", "kind", "date",
  "places", "place_names", ["regions", "region_names"], "targets",
  "killed", "injured", ["approx": {"killed": "more_than"|"about"|"at_least"|"up_to"}],
  "revisions": [{"field", "value", "evidence"}], "evidence"}
  kinds: attack = terrorist_attack | assault | shooting | explosion | arson;
  incident = explosion | fire | road_accident | crash | collapse | accident.
- mourning: {"id", "type", "where", "where_name", "start", "stop", "declared_by", "declared_by_name", "evidence"}
- decree: {"id", "type", "declared_by", "declared_by_name", "where", "date", "about", "evidence"}
- summit: {"id", "type", "organization", "organization_name", "place", "place_name", "date", "evidence"}
- visit: {"id", "type", "kind", "visitor", "visitor_name", "place", "place_name", "date", "evidence"}
- statement: {"id", "type", "kind": "condolences"|"condemnation", "speaker", "speaker_name",
  "addressee", "addressee_name", "about": event id or text, "evidence"}

The rules live in the `events_*` modules, one concern each; word lists in
`letopis/data/events_*.txt`.
"""
from __future__ import annotations

from . import decrees as events_decrees, incidents as events_incidents, meetings as events_meetings, statements as events_statements
from ..doc import Doc
from .context import EventContext
from ..stage import stage


@stage('events', requires=('sents', 'tokens', 'spans', 'entities', 'span_entity', 'dates'), assigns=('events',))
def run(doc: Doc, models) -> None:
    """Fill `doc.events` in a stable order: incidents, mourning/decrees, summits/visits, statements."""
    if not doc.tokens:
        return
    ctx = EventContext(doc, models)
    incidents = events_incidents.extract(ctx)
    events = [events_incidents.as_json(ctx, incident) for incident in incidents]
    event_at = {m.index: f"ev{n + 1}" for n, incident in enumerate(incidents) for m in incident.mentions}
    others = events_decrees.extract(ctx) + events_meetings.extract(ctx) + events_statements.extract(ctx, event_at)
    events += fold_headlines(doc, others)
    doc.events = [dict({"id": f"ev{n + 1}"}, **event) for n, event in enumerate(events)]


def fold_headlines(doc: Doc, events: list[dict]) -> list[dict]:
    """A headline event ("В Кузбассе объявлен день траура") retells a body one of
    the same type (and kind): it fills the body event's empty fields and goes."""
    body = [e for e in events if e["evidence"].get("field") != "title"]
    kept = list(body)
    for event in events:
        if event in body:
            continue
        twin = next((e for e in body if e["type"] == event["type"] and e.get("kind") == event.get("kind")), None)
        if twin is None:
            kept.append(event)
            continue
        for field, value in event.items():
            if twin.get(field) is None:
                twin[field] = value
    return sorted(kept, key=lambda e: events.index(e))
