"""Attacks and incidents: trigger mentions grouped into events with casualties.

Steps (each a small function below):
1. `find_mentions`: trigger lemmas (`data/events/triggers.txt`), unless a blocker
   ("предотвратили теракт", "угроза взрыва") stands just before; an
   ambiguous trigger (взрыв) becomes an attack when its sentence names an
   attacker or a device.
2. Each mention gets its sentence's places (nearest trigger wins), date
   (nearest date mention) and targets.
3. `group`: one text tells one attack in many sentences ("обстреляли
   синагогу", "нападение на пост ДПС", "теракты в Дагестане"), so attack
   mentions merge unless their dates differ; incidents merge when kind
   and date agree and places do not conflict; a fire "в результате" of an
   attack is part of it.
4. Casualty figures attach to the event mentioned in their sentence, else
   to the last one mentioned before them.
"""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field

from ...records import CasualtyEvent
from ...schema import ATTACK, INCIDENT, LOC, NEGATED, PLANNED
from .casualties import Figure, pick_current, sentence_figures
from .context import EventContext, known_day, plain
from .lexicon import Trigger, lexicon, phrases, words
from .modality import modality, teaser
from .places import Place, places_in
from .targets import targets_after, targets_before

BLOCK_WINDOW = 3
FIGURE_REACH = 3  # sentences from an event's mention to a figure that has none of its own
PLACE_WINDOW = 12  # tokens from a trigger to its place ("…атака была направлена на срыв встречи в Москве")
CONSEQUENCES = {"fire", "explosion", "collapse"}
KIND_RANK = ["terrorist_attack", "shooting", "explosion", "arson", "assault"]  # most telling first
MOURNING = words("mourning")
HYPOTHETICAL = words("hypothetical")
STRUCK_ON = words("struck_on")
STRIKE_NOUNS, STRIKE_OBJECT = words("strike_noun"), words("strike_object")
OBJECT_PREPS = words("object_prep")
REFERS_BACK = phrases("refers_back")


@dataclass
class Mention:
    """One trigger occurrence."""

    index: int
    last: int
    sent: int
    type: str
    kind: str
    verb: bool
    ambiguous: bool = False  # a blast that may be an attack ("взрыв" with no attacker named)
    reach: int = 0  # last token of the mention's target list: its places may lie up to there
    places: list[Place] = dc_field(default_factory=list)
    targets: list[str] = dc_field(default_factory=list)
    date: str | None = None


@dataclass
class Incident:
    """An event under construction: its mentions and casualty figures."""

    mentions: list[Mention]
    figures: list[Figure] = dc_field(default_factory=list)

    @property
    def type(self) -> str:
        """attack when any mention says so (a "взрыв" later called "теракт")."""
        return ATTACK if any(m.type == ATTACK for m in self.mentions) else self.mentions[0].type

    @property
    def open_type(self) -> bool:
        """Whether every mention is an ambiguous blast, so the event may turn out an attack."""
        return all(m.ambiguous for m in self.mentions)

    @property
    def date(self) -> str | None:
        """The first date any mention carries."""
        return next((m.date for m in self.mentions if m.date), None)


def trigger_at(ctx: EventContext, index: int) -> tuple[Trigger, int] | None:
    """The trigger starting at token `index` (two-word ones first) and its last token."""
    triggers = lexicon().triggers
    if index + 1 < len(ctx.tokens):
        pair = ctx.lemmas[index] + "_" + ctx.lemmas[index + 1]
        if pair in triggers:
            return triggers[pair], index + 1
    trigger = triggers.get(ctx.lemmas[index])
    return (trigger, index) if trigger else None


def blocked(ctx: EventContext, index: int, low: int) -> bool:
    """"предотвратили теракт", "угроза взрыва": not an event that happened."""
    window = range(max(low, index - BLOCK_WINDOW), index)
    return any("blocker" in lexicon().roles(ctx.lemmas[i]) for i in window)


def resolve(ctx: EventContext, trigger: Trigger, index: int, tokens: range) -> tuple[str, str] | None:
    """(type, kind) of a trigger in its sentence, or None when the context rules it out."""
    lemmas = {ctx.lemmas[i] for i in tokens}
    lemma = ctx.lemmas[index]
    if trigger.needs and not (has_role(lemmas, trigger.needs) or followed_by_po(ctx, index)):
        return None
    if trigger.type == ATTACK and has_role(lemmas, "not_physical"):
        return None
    if HYPOTHETICAL & {plain(ctx.tokens[i].text) for i in tokens}:
        return None  # "если бы США вынесли предложение по ракетному удару": hypothetical
    if trigger.kind == "collapse" and trigger_followed_by(ctx, index, STRUCK_ON):
        return None  # "ураган обрушился на США": struck, not collapsed
    if trigger.kind == "accident" and has_role(lemmas, "vehicle"):
        return INCIDENT, ("crash" if has_role(lemmas, "aircraft") else "road_accident")
    if trigger.ambiguous and trigger.type == INCIDENT:
        if any("attack_cue" in lexicon().roles(lem) for lem in lemmas - {lemma}):
            return ATTACK, trigger.kind
    return trigger.type, trigger.kind


def has_role(lemmas: set[str], role: str) -> bool:
    """Whether a word of the sentence has a marker role (vehicle, weapon…)."""
    return any(role in lexicon().roles(lemma) for lemma in lemmas)


def trigger_followed_by(ctx: EventContext, index: int, words: frozenset[str]) -> bool:
    """Whether the token after a trigger is one of `words`."""
    return index + 1 < len(ctx.tokens) and plain(ctx.tokens[index + 1].text) in words


def followed_by_po(ctx: EventContext, index: int) -> bool:
    """"удар по дому": a strike noun with its target."""
    return index + 1 < len(ctx.tokens) and ctx.lemmas[index] in STRIKE_NOUNS and plain(ctx.tokens[index + 1].text) in STRIKE_OBJECT


def find_mentions(ctx: EventContext) -> list[Mention]:
    """Trigger mentions of the whole Doc, in text order."""
    mentions = []
    for sent in range(len(ctx.sent_bounds)):
        if teaser(ctx, sent):
            continue  # "Читайте также: …": another article's event
        tokens = ctx.sentence_tokens(sent)
        index = tokens.start
        while index < tokens.stop:
            found = trigger_at(ctx, index)
            if found and not blocked(ctx, index, tokens.start):
                trigger, last = found
                resolved = resolve(ctx, trigger, index, tokens)
                if resolved:
                    verb = ctx.tokens[index].pos in ("VERB", "AUX")
                    open_type = trigger.ambiguous and resolved[0] == INCIDENT
                    mentions.append(Mention(index, last, sent, *resolved, verb, open_type))
                index = found[1] + 1
                continue
            index += 1
    return mentions


def attach_context(ctx: EventContext, mentions: list[Mention]) -> None:
    """Places, targets and dates of each mention from its sentence."""
    by_sent: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sent.setdefault(mention.sent, []).append(mention)
    for sent, group in by_sent.items():
        tokens = ctx.sentence_tokens(sent)
        for mention in group:
            ends: list[int] = []
            mention.targets = (targets_after(ctx, mention.last, mention.verb and mention.type == ATTACK,
                                             tokens.stop, ends)
                               or targets_before(ctx, mention.index, tokens.start))
            mention.reach = max(ends, default=mention.last)
            mention.date = mention_date(ctx, mention)
        for place in places_in(ctx, sent) + object_places(ctx, group):
            mention = nearest(group, place.index)
            if place.index - mention.reach <= PLACE_WINDOW and mention.index - place.index <= PLACE_WINDOW:
                mention.places.append(place)


def object_places(ctx: EventContext, group: list[Mention]) -> list[Place]:
    """"обстрел Белгорода", "атака на Белгород": a place that is the object of a trigger noun."""
    found = []
    for mention in group:
        index = mention.last + 1
        if index < len(ctx.tokens) and plain(ctx.tokens[index].text) in OBJECT_PREPS and not mention.verb:
            index += 1
        while index < len(ctx.tokens) and "settlement" in lexicon().roles(ctx.lemmas[index]):
            index += 1  # "обстреляли село Никольское"
        span, entity = ctx.entity_at(index) if index < len(ctx.tokens) else (None, None)
        if span is not None and span.type == LOC and entity is not None and ctx.sent_of[index] == mention.sent:
            found.append(Place(index, entity))
    return found


def nearest(group: list[Mention], index: int) -> Mention:
    """The mention of a sentence closest to token `index`."""
    return min(group, key=lambda m: abs(m.index - index))


def mention_date(ctx: EventContext, mention: Mention) -> str | None:
    """The value of the date mention nearest the trigger in its sentence."""
    if any(ctx.lemmas[i] in MOURNING for i in ctx.sentence_tokens(mention.sent)):
        return None  # "30 марта объявлено днем траура по погибшим при аварии": the mourning's date
    dates = [d for d in ctx.dates_in(*ctx.sentence_range(mention.sent)) if d[2].value]
    if not dates:
        return None
    trigger_start = ctx.tokens[mention.index].start
    _, _, date = min(dates, key=lambda d: abs(d[0] - trigger_start))
    return known_day(date.value.split("/", 1)[0])


def compatible(incident: Incident, mention: Mention, title: bool = False) -> bool:
    """Whether a mention tells more of an event already found (a headline
    summarizes, so its places may be coarser and do not conflict)."""
    if incident.date and mention.date and incident.date != mention.date:
        return False
    if title and any(m.kind == mention.kind for m in incident.mentions):
        return True
    if incident.type == ATTACK and mention.type == ATTACK:
        return True
    if {incident.type, mention.type} == {ATTACK, INCIDENT} and (incident.open_type or mention.ambiguous):
        return places_agree(incident, mention)
    if incident.type != mention.type or not same_kind(incident.mentions[0].kind, mention.kind):
        return False
    if incident.mentions[0].kind != mention.kind and not title:
        return shares_place(incident, mention)  # a bare "авария" joins only where it happened
    return title or places_agree(incident, mention)


def shares_place(incident: Incident, mention: Mention) -> bool:
    """Both sides name a place and one is common."""
    known = {p.entity.id for m in incident.mentions for p in m.places}
    return bool(known & {p.entity.id for p in mention.places})


def places_agree(incident: Incident, mention: Mention) -> bool:
    """No conflict: one side names no place, or they share one."""
    known = {p.entity.id for m in incident.mentions for p in m.places}
    new = {p.entity.id for p in mention.places}
    return not known or not new or bool(known & new)


def same_kind(first: str, other: str) -> bool:
    """Kinds agree; a bare "авария" (accident) agrees with any incident kind."""
    return first == other or "accident" in (first, other)


def consequence(incident: Incident, mention: Mention) -> bool:
    """A fire, blast or collapse told in an event's sentence ("после чего начался
    пожар"), or in the next one with no place or date of its own, is part of it."""
    if mention.type == ATTACK and all(m.type == INCIDENT and m.sent == mention.sent for m in incident.mentions):
        return True  # "возгорание на нефтебазе началось после атаки беспилотников"
    if mention.type != INCIDENT:
        return False
    last_sent = incident.mentions[-1].sent
    if mention.sent == last_sent and incident.type == ATTACK:
        return True  # "теракт — грузовик врезался в толпу": the means of the attack
    if mention.kind not in CONSEQUENCES:
        return False
    if mention.sent == last_sent:
        return True
    return mention.sent - last_sent == 1 and not mention.places and not mention.date


def refers_back(ctx: EventContext, incident: Incident, mention: Mention) -> bool:
    """"В результате аварии погибли…": a trigger after "в результате" with no place
    of its own names the event just told."""
    before = [plain(ctx.tokens[i].text) for i in range(max(0, mention.index - 2), mention.index)]
    return (before in REFERS_BACK and not mention.places and incident.type == mention.type
            and mention.sent - incident.mentions[-1].sent <= 1)


def group(ctx: EventContext, mentions: list[Mention]) -> tuple[list[Incident], dict[int, Incident]]:
    """Mentions -> events, and the event each mention went to (by token index).

    Body mentions go first, in text order; headline mentions then join the
    event they summarize (or start their own when the body has none)."""
    incidents: list[Incident] = []
    owner: dict[int, Incident] = {}
    body = [m for m in mentions if not ctx.in_title(m.index)]
    title = [m for m in mentions if ctx.in_title(m.index)]
    for mention in body + title:
        is_title = ctx.in_title(mention.index)
        target = next((i for i in reversed(incidents)
                       if compatible(i, mention, is_title)
                       or (not is_title and (consequence(i, mention) or refers_back(ctx, i, mention)))), None)
        if target is None:
            target = Incident([])
            incidents.append(target)
        target.mentions.append(mention)
        owner[mention.index] = target
    incidents.sort(key=lambda i: min(m.index for m in i.mentions))
    return incidents, owner


def attach_figures(ctx: EventContext, mentions: list[Mention], owner: dict[int, Incident]) -> None:
    """Each sentence's casualty figures go to its own mention, else to the last one
    before when it is at most FIGURE_REACH sentences back (the headline's and the
    lead's figures go to the first event)."""
    if not mentions:
        return
    by_sent = {m.sent: m for m in mentions}
    first_sent = min(by_sent)
    pending: list[Figure] = []
    current = None
    for sent in range(len(ctx.sent_bounds)):
        if sent in by_sent:
            current = by_sent[sent]
        elif current is not None and sent - current.sent > FIGURE_REACH:
            continue
        figures = sentence_figures(ctx, sent)
        if current is None:
            if first_sent - sent <= FIGURE_REACH or ctx.in_title(ctx.sentence_tokens(sent).start):
                pending.extend(figures)
            continue
        for figure in figures:
            own = [m for m in mentions if m.sent == sent]
            mention = min(own, key=lambda m: abs(m.index - figure.index)) if own else current
            owner[mention.index].figures.append(figure)
    if pending:
        owner[mentions[0].index].figures[:0] = pending


def extract(ctx: EventContext) -> list[CasualtyEvent]:
    """Attack and incident events of a Doc; each trigger token is noted in
    `ctx.told_at` so that a statement can name the event it is about."""
    events = []
    for incident in find_incidents(ctx):
        event = casualty_event(ctx, incident)
        ctx.told_at.update({m.index: event for m in incident.mentions})
        events.append(event)
    return events


def find_incidents(ctx: EventContext) -> list[Incident]:
    """Attacks and incidents under construction: mentions grouped, figures attached."""
    mentions = find_mentions(ctx)
    attach_context(ctx, mentions)
    incidents, owner = group(ctx, mentions)
    attach_figures(ctx, mentions, owner)
    return [i for i in incidents if not bare(i)]


def bare(incident: Incident) -> bool:
    """No place, date, target or casualty figure: a word, not a reported event
    ("когда я атаковал", "нанёс 68 ударов по сопернику")."""
    return not (incident.date or incident.figures or any(m.places or m.targets for m in incident.mentions))


def casualty_event(ctx: EventContext, incident: Incident) -> CasualtyEvent:
    """The card's record of an attack or incident."""
    places = [p for m in told(ctx, incident, "places") for p in m.places]
    regions = unique_entities([p for p in places if p.container])
    specific = [e for e in unique_entities(places) if e.id not in {r.id for r in regions}]
    event = CasualtyEvent(type=incident.type, kind=main_kind(incident), date=incident.date,
                          places=[e.id for e in specific], place_names=[e.name for e in specific],
                          regions=[e.id for e in regions], region_names=[e.name for e in regions],
                          targets=unique([t for m in told(ctx, incident, "targets") for t in m.targets]),
                          evidence=ctx.sentence_evidence(first_body_mention(ctx, incident).sent))
    count_casualties(ctx, event, incident.figures)
    event.modality = casualty_modality(ctx, incident)
    return event


def casualty_modality(ctx: EventContext, incident: Incident) -> str | None:
    """planned or negated when every body mention says so ("теракт предотвращен");
    None when it happened. Claims are not marked here: attack reports cite
    versions and accusations of events that did happen."""
    body = [m for m in incident.mentions if not ctx.in_title(m.index)] or incident.mentions
    found = {modality(ctx, m.index, m.last, m.sent, m.date) for m in body}
    if len(found) == 1 and found & {NEGATED, PLANNED} and not incident.figures:
        return found.pop()
    return None


def count_casualties(ctx: EventContext, event: CasualtyEvent, figures: list[Figure]) -> None:
    """Fill killed, injured, approx and revisions from an event's figures."""
    injured = [f for f in figures if f.field == "injured"]
    fields = {"killed": [f for f in figures if f.field == "killed"],
              "injured": injured or [f for f in figures if f.field == "hospitalized"]}
    for name, items in fields.items():
        current, earlier = pick_current(items)
        setattr(event, name, current.value if current else None)
        if current and current.approx:
            event.approx[name] = current.approx
        event.revisions += [f.as_revision(ctx, name) for f in earlier]


def told(ctx: EventContext, incident: Incident, field: str) -> list[Mention]:
    """Mentions to take places or targets from: the body's when it names any,
    else the headline's (a headline's "в Дагестане" is coarser than the body's)."""
    own = [m for m in incident.mentions if m.type == incident.type or m.ambiguous or field == "places"]
    body = [m for m in own if not ctx.in_title(m.index) and getattr(m, field)]
    return body or own


def main_kind(incident: Incident) -> str:
    """The most telling kind among an event's mentions (a теракт over a shooting)."""
    kinds = [m.kind for m in incident.mentions if m.type == incident.type or m.ambiguous]
    ranked = [k for k in KIND_RANK if k in kinds]
    if ranked and incident.type == ATTACK:
        return ranked[0]
    return next((k for k in kinds if k != "accident"), kinds[0])


def first_body_mention(ctx: EventContext, incident: Incident) -> Mention:
    """The first body mention that names a target, else a place, else the first one
    (the headline only when the body has none): the sentence a reader wants to see."""
    body = [m for m in incident.mentions if ctx.tokens[m.index].start >= ctx.doc.body_offset]
    with_targets = [m for m in body if m.targets]
    with_places = [m for m in body if m.places]
    return (with_targets or with_places or body or incident.mentions)[0]


def unique_entities(places: list[Place]) -> list:
    """Entities of places, first occurrence order, no repeats."""
    seen, entities = set(), []
    for place in places:
        if place.entity.id not in seen:
            seen.add(place.entity.id)
            entities.append(place.entity)
    return entities


def unique(items: list[str]) -> list[str]:
    """Items without repeats, order kept."""
    return list(dict.fromkeys(items))
