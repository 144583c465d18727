"""The article card: the JSON contract of `letopis analyze` and the store.

Offsets are Python `str` indices into `article.text` (`stop` exclusive).
Mentions found in the headline carry `"field": "title"` and offsets into
`article.title` instead. Facts and events are the typed records of
`records.py`, whose JSON keys follow SPEC.md (entity references are entity
ids of the same card).
"""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field

from .article import Article
from .records import event_from_json, fact_from_json

CARD_VERSION = 1


@dataclass
class Mention:
    start: int
    stop: int
    text: str
    field: str = "text"  # "text" or "title"

    def as_json(self) -> dict:
        data = {"start": self.start, "stop": self.stop, "text": self.text}
        if self.field != "text":
            data["field"] = self.field
        return data


@dataclass
class Entity:
    id: str
    type: str  # PER | ORG | LOC
    name: str  # normalized canonical name (nominative)
    subtype: str | None = None
    mentions: list[Mention] = dc_field(default_factory=list)
    descriptors: list[str] = dc_field(default_factory=list)
    parts: dict | None = None  # {"first", "middle", "last"} for persons
    aliases: list[str] = dc_field(default_factory=list)

    def as_json(self) -> dict:
        data = {
            "id": self.id, "type": self.type, "subtype": self.subtype, "name": self.name,
            "mentions": [m.as_json() for m in self.mentions],
            "descriptors": list(self.descriptors),
        }
        if self.parts:
            data["parts"] = self.parts
        if self.aliases:
            data["aliases"] = list(self.aliases)
        return data


@dataclass
class DateMention:
    start: int
    stop: int
    text: str
    value: str | None  # ISO 8601: "2024-06-23", "2024-06", "2024", "2024-06-24/2024-06-26"; "XXXX-06-23": year unknown (extra year_known: false)
    precision: str  # day | month | year | period | unknown
    field: str = "text"
    extra: dict = dc_field(default_factory=dict)

    def as_json(self) -> dict:
        data = {"start": self.start, "stop": self.stop, "text": self.text,
                "value": self.value, "precision": self.precision}
        if self.field != "text":
            data["field"] = self.field
        data.update(self.extra)
        return data


@dataclass
class Card:
    article: Article
    entities: list[Entity] = dc_field(default_factory=list)
    facts: list = dc_field(default_factory=list)  # records.Occupation | records.Meeting
    events: list = dc_field(default_factory=list)  # records.Event subclasses
    dates: list[DateMention] = dc_field(default_factory=list)

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def _repr_html_(self) -> str:
        """Jupyter shows a card as its article with entities and dates marked inline."""
        from .web.standalone import cards_html
        return cards_html([self.as_json()])

    def as_json(self) -> dict:
        return {
            "article": self.article.as_json(),
            "entities": [e.as_json() for e in self.entities],
            "facts": [f.as_json() for f in self.facts],
            "events": [e.as_json() for e in self.events],
            "dates": [d.as_json() for d in self.dates],
        }

    @classmethod
    def from_json(cls, data: dict) -> "Card":
        """Rebuild a card from its JSON (what the store keeps)."""
        art = dict(data["article"])
        article = Article(**{k: art.get(k) for k in ("title", "text", "url", "source", "rubric", "published", "id")},
                          subheadings=art.get("subheadings") or [])
        entities = [Entity(id=e["id"], type=e["type"], name=e["name"], subtype=e.get("subtype"),
                           mentions=[Mention(m["start"], m["stop"], m["text"], m.get("field", "text"))
                                     for m in e.get("mentions", [])],
                           descriptors=e.get("descriptors", []), parts=e.get("parts"),
                           aliases=e.get("aliases", []))
                    for e in data.get("entities", [])]
        dates = [DateMention(d["start"], d["stop"], d["text"], d.get("value"), d.get("precision", "unknown"),
                             d.get("field", "text"),
                             {k: v for k, v in d.items()
                              if k not in ("start", "stop", "text", "value", "precision", "field")})
                 for d in data.get("dates", [])]
        facts = [fact_from_json(f) for f in data.get("facts", [])]
        events = [event_from_json(e) for e in data.get("events", [])]
        return cls(article, entities, facts, events, dates)
