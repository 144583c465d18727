"""Summits and official visits.

Summit: "саммит" with the organization named in the next few tokens
("Саммита Шанхайской организации сотрудничества в Астане") and the governed
place of its sentence. Visit: "визит" or "посетить", the visitor being the
person named in the nominative in the sentence, the place the governed LOC
("с визитом в Китай") or the object of "посетил". One event per
organization (summit) or per visitor and place (visit).
"""
from __future__ import annotations

from ...records import Summit, Visit
from .context import EventContext, iso_day
from .incidents import blocked
from .lexicon import table, words
from .places import places_in
from ...schema import LOC, ORG, PER

ORG_WINDOW = 5
NOT_THIS = words("not_this")  # another summit than the one reported
VISIT_KINDS = table("visit_kind")
SUMMITS, VISITS, VISIT_VERBS = words("summit"), words("visit"), words("visit_verb")


def first_date(ctx: EventContext, sent: int) -> str | None:
    """The first dated value in a sentence."""
    values = [iso_day((d[2].value or "").split("/", 1)[0]) for d in ctx.dates_in(*ctx.sentence_range(sent))]
    return next((v for v in values if v), None)


def entity_near(ctx: EventContext, index: int, stop: int, types: set[str], case: str | None = None):
    """The first entity of `types` among tokens (index, index + ORG_WINDOW]."""
    for i in range(index + 1, min(stop, index + 1 + ORG_WINDOW)):
        span, entity = ctx.entity_at(i)
        if span is not None and span.type in types and entity is not None and (not case or ctx.case(i) == case):
            return entity
    return None


def summit(ctx: EventContext, index: int) -> Summit:
    """The summit named at token `index`."""
    sent = ctx.sent_of[index]
    org = entity_near(ctx, index, ctx.sentence_tokens(sent).stop, {ORG})
    place = nearest_place(ctx, sent, index)
    return Summit(organization=org.id if org else None, organization_name=org.name if org else None,
                  place=place.id if place else None, place_name=place.name if place else None,
                  date=first_date(ctx, sent), evidence=ctx.sentence_evidence(sent))


def nearest_place(ctx: EventContext, sent: int, index: int):
    """The governed place nearest token `index` within DESTINATION_WINDOW ("в Астане прошел саммит")."""
    places = [p for p in places_in(ctx, sent) if not p.container and abs(p.index - index) <= DESTINATION_WINDOW]
    return min(places, key=lambda p: abs(p.index - index)).entity if places else None


DESTINATION_WINDOW = 8


def destination(ctx: EventContext, sent: int, index: int):
    """Where a visit goes: "в/во/на + LOC" in the accusative near "визит"
    ("с визитом в Китай", "в Казань с визитом"); "визит … в Японии" is not one."""
    places = [p for p in places_in(ctx, sent)
              if not p.container and ctx.case(p.index) == "Acc" and abs(p.index - index) <= DESTINATION_WINDOW]
    return min(places, key=lambda p: abs(p.index - index)).entity if places else None


def visitor(ctx: EventContext, sent: int, index: int):
    """The person named right after "визит" in the genitive ("визит Си Цзиньпина"),
    else the one named in the nominative in the sentence (the one who travels)."""
    for i in range(index + 1, min(index + 1 + ORG_WINDOW, ctx.sentence_tokens(sent).stop)):
        span, entity = ctx.entity_at(i)
        if span is not None and span.type == PER and entity is not None and ctx.case(i) == "Gen":
            return entity
    for i in ctx.sentence_tokens(sent):
        span, entity = ctx.entity_at(i)
        if span is not None and span.type == PER and entity is not None and ctx.case(i) == "Nom":
            return entity
    return None


def visit(ctx: EventContext, index: int) -> Visit | None:
    """The visit named at token `index`, or None when no place is said."""
    sent = ctx.sent_of[index]
    tokens = ctx.sentence_tokens(sent)
    places = [destination(ctx, sent, index)]
    if ctx.lemmas[index] in VISIT_VERBS:
        places.insert(0, entity_near(ctx, index, tokens.stop, {LOC}, "Acc"))
    places = [p for p in places if p is not None]
    if not places:
        return None
    person = visitor(ctx, sent, index)
    kind = VISIT_KINDS.get(ctx.lemmas[index - 1]) if index > tokens.start else None
    return Visit(kind=kind, visitor=person.id if person else None, visitor_name=person.name if person else None,
                 place=places[0].id, place_name=places[0].name, date=first_date(ctx, sent),
                 evidence=ctx.sentence_evidence(sent))


def merged(events: list, key) -> list:
    """One event per key; later mentions fill fields the first left empty."""
    out: dict = {}
    for event in events:
        out.setdefault(key(event), event).fill(event)
    return list(out.values())


def extract(ctx: EventContext) -> list[Summit | Visit]:
    """Summit and visit events of a Doc."""
    summits, visits = [], []
    order = sorted(range(len(ctx.lemmas)), key=lambda i: (ctx.in_title(i), i))  # body first: its names are fuller
    for index in order:
        lemma = ctx.lemmas[index]
        if lemma in SUMMITS | VISITS and blocked(ctx, index, ctx.sentence_tokens(ctx.sent_of[index]).start):
            continue  # "пригласил посетить", "отмена визита"
        if lemma in SUMMITS and not (index and ctx.lemmas[index - 1] in NOT_THIS):
            found = summit(ctx, index)
            if found.organization or found.place:  # "на саммите" alone names no summit
                summits.append(found)
        elif lemma in VISITS:
            found = visit(ctx, index)
            if found:
                visits.append(found)
    return (merged(summits, lambda e: org_key(ctx, e))
            + merged(visits, lambda e: (e.visitor, e.place)))


def org_key(ctx: EventContext, event: Summit) -> str:
    """An organization's key: its initials when it has a long name, so that
    "ШОС" and "Шанхайская организация сотрудничества" are one summit."""
    name = event.organization_name
    if not name:
        return str(event.evidence.start)
    parts = name.split()
    return "".join(p[0] for p in parts).upper() if len(parts) > 1 else name.upper()
