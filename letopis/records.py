"""Typed facts and events of a card, as natasha's `record.py`: flat records
with `as_json`/`from_json`.

`as_json` writes the keys SPEC.md fixes, in its order: the record's fields
in declaration order, with "id" (events) and "type" first; a field named in
`optional` is left out when empty. Each record names in `roles` the fields
that hold entity ids of the same card, so that the store need not guess
which strings are references. A card from an older or newer Letopis may
hold a type this module does not know: `UnknownRecord` keeps its dict as
is, and keys a known type does not declare are kept in `extra`.
"""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field, fields
from typing import ClassVar

from .schema import (ACTION_TYPES, ATTACK, DECREE, HAPPENED, INCIDENT, MEETING, MOURNING, OCCUPATION, STATEMENT,
                     SUMMIT, VISIT)


@dataclass
class Evidence:
    """Where a record is told: card offsets, with "field": "title" for the headline."""

    start: int
    stop: int
    field: str = "text"

    def as_json(self) -> dict:
        data = {"start": self.start, "stop": self.stop}
        if self.field != "text":
            data["field"] = self.field
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Evidence":
        return cls(data["start"], data["stop"], data.get("field", "text"))


@dataclass
class Revision:
    """An earlier casualty figure the text later corrected."""

    field: str  # killed | injured
    value: int | None
    evidence: Evidence

    def as_json(self) -> dict:
        return {"field": self.field, "value": self.value, "evidence": self.evidence.as_json()}

    @classmethod
    def from_json(cls, data: dict) -> "Revision":
        return cls(data["field"], data.get("value"), Evidence.from_json(data["evidence"]))


def encode(value):
    """A field's value as JSON (records inside lists too)."""
    if isinstance(value, list):
        return [encode(item) for item in value]
    return value.as_json() if hasattr(value, "as_json") else value


@dataclass(kw_only=True)
class Record:
    """Base of facts and events: JSON in field order, entity references by role."""

    type: ClassVar[str]
    roles: ClassVar[tuple[str, ...]] = ()  # fields holding entity ids
    optional: ClassVar[tuple[str, ...]] = ()  # fields left out of the JSON when empty
    extra: dict = dc_field(default_factory=dict, repr=False)  # undeclared keys of a stored card

    @classmethod
    def names(cls) -> list[str]:
        """JSON keys in order: "id" first (events), then "type", then the fields."""
        own = [f.name for f in fields(cls) if f.name not in ("extra", "type")]
        at = 1 if own[:1] == ["id"] else 0
        return own[:at] + ["type"] + own[at:]

    def as_json(self) -> dict:
        data = {}
        for name in self.names():
            value = getattr(self, name)
            if name in self.optional and not value:
                continue
            data[name] = encode(value)
        data.update(self.extra)
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Record":
        known = {f.name: f for f in fields(cls) if f.name != "extra"}
        values = {name: decode(name, data[name]) for name in known if name in data}
        extra = {k: v for k, v in data.items() if k not in known and k != "type"}
        return cls(**values, extra=extra)

    def entity_refs(self) -> dict[str, list[str]]:
        """Entity ids this record references, by role, in field order."""
        refs = {}
        for name in self.names():
            if name in self.roles:
                value = getattr(self, name)
                ids = [v for v in (value if isinstance(value, list) else [value]) if v]
                if ids:
                    refs[name] = ids
        return refs

    def fill(self, other: "Record") -> None:
        """Take `other`'s values for the fields this record left empty (None):
        a later mention of the same event completes the first."""
        for name in self.names():
            if name != "type" and getattr(self, name) is None:
                setattr(self, name, getattr(other, name))


def decode(name: str, value):
    """A JSON value back into the field's type (evidence and revisions are records)."""
    if name == "evidence" and isinstance(value, dict):
        return Evidence.from_json(value)
    if name == "revisions" and isinstance(value, list):
        return [Revision.from_json(item) for item in value]
    return value


# Facts.

@dataclass(kw_only=True)
class Occupation(Record):
    """A person holds (or held) a post at a place or organization."""

    type: ClassVar[str] = OCCUPATION
    roles: ClassVar[tuple[str, ...]] = ("person", "where")
    person: str | None = None
    person_name: str | None = None
    position: str | None = None
    where: str | None = None
    where_name: str | None = None
    former: bool = False
    evidence: Evidence | None = None


@dataclass(kw_only=True)
class Meeting(Record):
    """Two or more people met, spoke on the phone or by video."""

    type: ClassVar[str] = MEETING
    roles: ClassVar[tuple[str, ...]] = ("participants", "place")
    participants: list[str] = dc_field(default_factory=list)
    participant_names: list[str] = dc_field(default_factory=list)
    mode: str | None = None  # in_person | phone | video
    date: str | None = None
    place: str | None = None
    evidence: Evidence | None = None


# Events.

@dataclass(kw_only=True)
class Event(Record):
    """An event: an id of the card ("ev1", ...) given by the events registry."""

    id: str | None = None


@dataclass(kw_only=True)
class CasualtyEvent(Event):
    """An attack or an incident: where, when, what was hit, how many killed and injured."""

    roles: ClassVar[tuple[str, ...]] = ("places", "regions")
    optional: ClassVar[tuple[str, ...]] = ("regions", "region_names", "approx", "modality")
    type: str = ATTACK  # ATTACK | INCIDENT
    kind: str | None = None
    modality: str | None = None  # planned | negated; left out when it happened
    date: str | None = None
    places: list[str] = dc_field(default_factory=list)
    place_names: list[str] = dc_field(default_factory=list)
    regions: list[str] = dc_field(default_factory=list)
    region_names: list[str] = dc_field(default_factory=list)
    targets: list[str] = dc_field(default_factory=list)
    killed: int | None = None
    injured: int | None = None
    approx: dict = dc_field(default_factory=dict)  # {"killed": "more_than"|"about"|"at_least"|"up_to"}
    revisions: list[Revision] = dc_field(default_factory=list)
    evidence: Evidence | None = None


@dataclass(kw_only=True)
class Mourning(Event):
    type: ClassVar[str] = MOURNING
    roles: ClassVar[tuple[str, ...]] = ("where", "declared_by")
    where: str | None = None
    where_name: str | None = None
    start: str | None = None
    stop: str | None = None
    declared_by: str | None = None
    declared_by_name: str | None = None
    evidence: Evidence | None = None


@dataclass(kw_only=True)
class Decree(Event):
    type: ClassVar[str] = DECREE
    roles: ClassVar[tuple[str, ...]] = ("declared_by", "where")
    declared_by: str | None = None
    declared_by_name: str | None = None
    where: str | None = None
    date: str | None = None
    about: str | None = None
    evidence: Evidence | None = None


@dataclass(kw_only=True)
class Summit(Event):
    type: ClassVar[str] = SUMMIT
    roles: ClassVar[tuple[str, ...]] = ("organization", "place")
    organization: str | None = None
    organization_name: str | None = None
    place: str | None = None
    place_name: str | None = None
    date: str | None = None
    evidence: Evidence | None = None


@dataclass(kw_only=True)
class Visit(Event):
    type: ClassVar[str] = VISIT
    roles: ClassVar[tuple[str, ...]] = ("visitor", "place")
    kind: str | None = None  # official | state | working
    visitor: str | None = None
    visitor_name: str | None = None
    place: str | None = None
    place_name: str | None = None
    date: str | None = None
    evidence: Evidence | None = None


@dataclass(kw_only=True)
class Statement(Event):
    """Condolences or condemnation; `about` is an event id of the card or the words said."""

    type: ClassVar[str] = STATEMENT
    roles: ClassVar[tuple[str, ...]] = ("speaker", "addressee")
    kind: str | None = None  # condolences | condemnation
    speaker: str | None = None
    speaker_name: str | None = None
    addressee: str | None = None
    addressee_name: str | None = None
    about: str | None = None
    evidence: Evidence | None = None


@dataclass(kw_only=True)
class Action(Event):
    """An event of the taxonomy's action types (`schema.ACTION_TYPES`: arrest,
    verdict, sanctions, military, election, protest, death, cyber…): who did
    what to whom, where and when, with its counts and modality.

    One class for all of them because their arguments are the same roles
    (actors act, targets undergo); `kind` says which action, `counts` holds
    the figures the type has ("arrested", "sentence_years", "percent"…), and
    `stop` the last day of a period (an exercise "с 1 по 5 июля")."""

    roles: ClassVar[tuple[str, ...]] = ("places", "regions", "actors", "targets")
    optional: ClassVar[tuple[str, ...]] = ("stop", "regions", "region_names", "counts")
    type: str = ACTION_TYPES[0]
    kind: str | None = None
    modality: str = HAPPENED  # happened | planned | negated | claimed
    date: str | None = None
    stop: str | None = None
    precision: str | None = None  # day | month | year (of `date`)
    places: list[str] = dc_field(default_factory=list)
    place_names: list[str] = dc_field(default_factory=list)
    regions: list[str] = dc_field(default_factory=list)
    region_names: list[str] = dc_field(default_factory=list)
    actors: list[str] = dc_field(default_factory=list)
    actor_names: list[str] = dc_field(default_factory=list)
    targets: list[str] = dc_field(default_factory=list)
    target_names: list[str] = dc_field(default_factory=list)
    counts: dict = dc_field(default_factory=dict)
    evidence: Evidence | None = None


@dataclass
class UnknownRecord:
    """A fact or event of a type this Letopis does not know, kept as stored."""

    data: dict

    @property
    def type(self) -> str | None:
        return self.data.get("type")

    @property
    def id(self) -> str | None:
        return self.data.get("id")

    def as_json(self) -> dict:
        return dict(self.data)

    def entity_refs(self) -> dict[str, list[str]]:
        """No declared roles: an unknown record references no entity."""
        return {}


FACTS = {cls.type: cls for cls in (Occupation, Meeting)}
EVENTS = {ATTACK: CasualtyEvent, INCIDENT: CasualtyEvent, MOURNING: Mourning, DECREE: Decree,
          SUMMIT: Summit, VISIT: Visit, STATEMENT: Statement, **{name: Action for name in ACTION_TYPES}}


def fact_from_json(data: dict):
    """The fact record of a card's fact dict (UnknownRecord for an unknown type)."""
    cls = FACTS.get(data.get("type"))
    return cls.from_json(data) if cls else UnknownRecord(dict(data))


def event_from_json(data: dict):
    """The event record of a card's event dict (UnknownRecord for an unknown type)."""
    cls = EVENTS.get(data.get("type"))
    return cls.from_json(data) if cls else UnknownRecord(dict(data))
