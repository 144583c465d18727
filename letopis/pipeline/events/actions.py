"""Action events: arrests, cases, verdicts, sanctions, military actions,
elections, appointments, resignations, agreements, laws, talks, protests,
deaths and cyber incidents (`schema.ACTION_TYPES`, TAXONOMY.md).

One mechanism for all of them, because what differs is data, not rules:
1. A trigger lemma of `data/events/actions.txt` opens an event in its
   sentence, when the lemma it needs nearby stands there ("возбудить …
   дело") and the sentence names an entity of the type it needs.
2. Its arguments come from the sentence by case and voice: with an active
   verb the nominative entity before it acts and the accusative/genitive ones
   after it undergo ("ФСБ задержала Иванова"); with a passive participle the
   nominative undergoes and the instrumental acts ("Иванов задержан
   сотрудниками ФСБ"); after a trigger noun a genitive entity undergoes
   ("задержание Иванова") and "против X" names a target. Places are the
   governed LOC names (`places.py`), the date is the one nearest the trigger,
   else the previous sentence's, counts are numbers before a count noun of
   the type (`numbers.py` values, words.txt `count_noun`: "к 19 годам", "87%").
3. Modality (`modality.py`) from negation, plan and claim cues, tense of the
   governing verb, and a date after publication.
4. Mentions of one event in one text merge: same type and kind, modality,
   no conflicting targets or dates.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ...records import Action
from ...schema import ORG, PER
from .context import EventContext, iso_day, plain
from .lexicon import read_pairs, word_lists, words
from .modality import modality, teaser
from .numbers import combine, numeral_value
from .places import places_in

NEAR_WINDOW = 4  # tokens from a trigger to the lemma it needs ("возбудил уголовное дело")
ARG_WINDOW = 10  # tokens from a trigger to its targets
WIN_WINDOW = 6  # tokens from "победил" to the winner
AGAINST = words("against")  # "санкции против России"
SUBJECT_UNDERGOES = words("subject_undergoes")
WINNER_TYPES, WIN_WORDS = words("winner_type"), words("win_word")
PERSON_TARGET = words("person_target")
NOT_EVENT = words("not_event_before")
PARTY_TYPES, WITH = words("party_type"), words("with_party")  # "переговоры с X": X is a party  # types whose nominative is who undergoes ("скончался Иванов")


@dataclass(frozen=True)
class ActionTrigger:
    """What an action trigger announces and what its sentence must hold."""

    type: str
    kind: str
    near: frozenset = frozenset()
    needs: frozenset = frozenset()
    requires: frozenset = frozenset()  # arguments one of which the event must have
    finite: bool = False  # only a finite verb or an infinitive triggers
    passive: bool = False  # only a passive form triggers


@lru_cache(maxsize=1)
def triggers() -> dict[str, ActionTrigger]:
    """`data/events/actions.txt`: lemma (or "lemma_lemma") -> trigger."""
    out = {}
    for lemma, type_, kind, *rest in read_pairs("actions.txt"):
        opts = dict(item.split(":", 1) for item in rest)
        listed = {key: frozenset(filter(None, opts.get(key, "").split(","))) for key in ("near", "needs", "requires")}
        out[lemma] = ActionTrigger(type_, kind, listed["near"], listed["needs"], listed["requires"],
                                   opts.get("finite") == "yes", opts.get("voice") == "passive")
    return out


@lru_cache(maxsize=1)
def typed_table(name: str) -> dict[tuple[str, str], str]:
    """A words.txt list of "TYPE:LEMMA VALUE" entries as (type, lemma) -> value."""
    out = {}
    for entry in word_lists().get(name, ()):
        type_, lemma = entry[0].split(":", 1)
        out[(type_, lemma)] = entry[1]
    return out


def trigger_at(ctx: EventContext, index: int, stop: int) -> tuple[ActionTrigger, int] | None:
    """The action trigger starting at token `index` (two-word ones first) and its last token."""
    found = triggers()
    if index + 1 < stop:
        pair = found.get(ctx.lemmas[index] + "_" + ctx.lemmas[index + 1])
        if pair:
            return pair, index + 1
    one = found.get(ctx.lemmas[index])
    return (one, index) if one else None


def applies(ctx: EventContext, trigger: ActionTrigger, index: int, last: int, tokens: range,
            told: bool = False) -> bool:
    """Whether the sentence holds what the trigger needs (a nearby lemma, an entity type);
    `told`: the text already reported an event of this type, so a later mention
    need not name anyone again ("«14 марта задержаны участники ячейки»")."""
    if index in ctx.span_of or index in ctx.told_at:
        return False  # part of a name ("Закон и порядок"), or an attack/incident already told
    if trigger.finite and not finite_verb(ctx, index):
        return False
    if any(ctx.lemmas[i] in NOT_EVENT for i in range(max(tokens.start, index - NEAR_WINDOW), index)):
        return False  # "защита от взломов", "опасность подвергнуться задержанию": no event told
    if trigger.passive and not passive(ctx, index):
        return False  # "был осужден" is a verdict, "осудил теракт" a condemnation (statements.py)
    if trigger.near:
        window = range(max(tokens.start, index - NEAR_WINDOW), min(tokens.stop, last + 1 + NEAR_WINDOW))
        if not any(ctx.lemmas[i] in trigger.near for i in window if not index <= i <= last):
            return False
    if trigger.needs and not told:
        types = {ctx.doc.spans[ctx.span_of[i]].type for i in tokens if i in ctx.span_of}
        if not types & trigger.needs:
            return False
    return True


def finite_verb(ctx: EventContext, index: int) -> bool:
    """A finite verb or an infinitive, not a participle ("запретили", not "запрещенной")."""
    parses = ctx.morph.parse(ctx.tokens[index].text)[:1]
    return ctx.tokens[index].pos == "VERB" and bool(parses) and parses[0].tag.POS in ("VERB", "INFN")


def passive(ctx: EventContext, index: int) -> bool:
    """A passive participle or verb ("задержан", "был арестован", "задерживается")."""
    token = ctx.tokens[index]
    if (token.feats or {}).get("Voice") == "Pass":
        return True
    return any("pssv" in parse.tag for parse in ctx.morph.parse(token.text)[:1])


def entities_between(ctx: EventContext, low: int, high: int, skip: set[int]) -> list[tuple[int, object]]:
    """(first token, entity) of the named entities among tokens [low, high), places excluded."""
    out, index = [], low
    while index < high:
        span, entity = ctx.entity_at(index)
        last = ctx.span_last_token(index)
        if span is not None and entity is not None and index not in skip:
            out.append((index, entity))
        index = last + 1 if span is not None else index + 1
    return out


def arguments(ctx: EventContext, trigger: ActionTrigger, index: int, last: int, tokens: range,
              skip: set[int]) -> tuple[list, list]:
    """(actors, targets) of a trigger by case and voice."""
    clause = clause_start(ctx, index, tokens.start)
    before = entities_between(ctx, clause, index, skip)
    if not before and not passive(ctx, index):  # "Путин, выступая в Думе, подписал": the subject before the aside
        before = entities_between(ctx, tokens.start, index, skip)
    after = entities_between(ctx, last + 1, min(tokens.stop, last + 1 + ARG_WINDOW), skip)
    if trigger.type in PERSON_TARGET:
        after = [(i, e) for i, e in after if ctx.doc.spans[ctx.span_of[i]].type == PER]
    verb = ctx.tokens[index].pos in ("VERB", "AUX") or passive(ctx, index)
    nominative = [e for i, e in before + after if ctx.case(i) == "Nom"]
    against = [e for i, e in before + after if preceded_by(ctx, i, AGAINST)]
    if verb and passive(ctx, index):
        actors = [e for i, e in after if ctx.case(i) == "Ins"]
        targets = nominative
    elif verb:
        actors = [e for i, e in before if ctx.case(i) == "Nom"]
        targets = [e for i, e in after if ctx.case(i) in ("Acc", "Gen")]
        if trigger.type in SUBJECT_UNDERGOES:
            actors, targets = [], nominative + targets
    else:
        actors = [e for i, e in before if ctx.case(i) == "Nom"]
        targets = [e for i, e in after if ctx.case(i) == "Gen" and i - last <= 3]
        if trigger.type in SUBJECT_UNDERGOES:
            actors, targets = [], targets or nominative
    if trigger.type in PERSON_TARGET:
        targets = [e for e in targets if e.type == PER]
    if trigger.type in PARTY_TYPES:  # "провел переговоры с Си Цзиньпином": both sides act
        actors = actors + [e for i, e in after if ctx.case(i) == "Ins" and i > 0
                           and preceded_by(ctx, i, WITH)]
    if trigger.type in WINNER_TYPES:  # an election's actor is its winner, never whoever speaks of it
        actors = winners(ctx, tokens, skip)
    targets = unique(targets + against)
    actors = [e for e in unique(actors) if e.id not in {t.id for t in targets}]
    return actors, targets


def clause_start(ctx: EventContext, index: int, low: int) -> int:
    """First token of the trigger's clause (after the last comma, colon or dash before it)."""
    for i in range(index - 1, low - 1, -1):
        if ctx.tokens[i].text in (",", ";", ":", "—", "–"):
            return i + 1
    return low


def preceded_by(ctx: EventContext, index: int, words_: frozenset) -> bool:
    """Whether the word (or the two lemmas, joined by "_") before token `index` is in `words_`
    ("против России", "в отношении Алиева")."""
    if index > 0 and plain(ctx.tokens[index - 1].text) in words_:
        return True
    return index > 1 and plain(ctx.tokens[index - 2].text) + "_" + ctx.lemmas[index - 1] in words_


def winners(ctx: EventContext, tokens: range, skip: set[int]) -> list:
    """"На выборах победил Х", "Х набрал 87%": the nominative person of a sentence
    that says someone won (an election's actor is its winner)."""
    wins = [i for i in tokens if ctx.lemmas[i] in WIN_WORDS]
    return [e for i, e in entities_between(ctx, tokens.start, tokens.stop, skip)
            if ctx.case(i) == "Nom" and ctx.doc.spans[ctx.span_of[i]].type in (PER, ORG)
            and any(abs(i - w) <= WIN_WINDOW for w in wins)]


def event_date(ctx: EventContext, sent: int, index: int):
    """The date mention nearest the trigger in its sentence, else the previous
    body sentence's ("10 июля в Москве прошел митинг. Задержаны 20 человек")."""
    for where in (sent, sent - 1):
        if where < 0 or (where != sent and ctx.in_title(ctx.sentence_tokens(where).start)):
            continue
        dates = [d for d in ctx.dates_in(*ctx.sentence_range(where)) if d[2].value]
        dates = [d for d in dates if iso_day(d[2].value.split("/", 1)[0])]
        if dates:
            start = ctx.tokens[index].start
            return min(dates, key=lambda d: abs(d[0] - start))[2]
    return None


def counts_of(ctx: EventContext, type_: str, tokens: range) -> dict:
    """The type's counts in the sentence: a number before one of its count nouns."""
    nouns = typed_table("count_noun")
    out, index = {}, tokens.start
    while index < tokens.stop:
        value = None if ctx.in_date(index) else numeral_value(ctx, index)
        if value is None:
            index += 1
            continue
        last = index
        while last + 1 < tokens.stop and numeral_value(ctx, last + 1) is not None and not ctx.in_date(last + 1):
            value, last = combine(value, numeral_value(ctx, last + 1)), last + 1
        after = last + 1
        if after < tokens.stop:
            key = "%" if ctx.tokens[after].text == "%" else ctx.lemmas[after]
            field = nouns.get((type_, key))
            if field and field not in out:
                out[field] = value
        index = last + 1
    return out


def kind_of(ctx: EventContext, trigger: ActionTrigger, tokens: range) -> str:
    """The trigger's kind, or the one a verb of its sentence sets ("продлили санкции")."""
    verbs = typed_table("kind_verb")
    for i in tokens:
        kind = verbs.get((trigger.type, ctx.lemmas[i]))
        if kind:
            return kind
    return trigger.kind


def action(ctx: EventContext, trigger: ActionTrigger, index: int, last: int, sent: int) -> Action | None:
    """The event a trigger tells, or None when its sentence says nothing of it."""
    tokens = ctx.sentence_tokens(sent)
    places = places_in(ctx, sent)
    skip = {p.index for p in places}
    actors, targets = arguments(ctx, trigger, index, last, tokens, skip)
    date = event_date(ctx, sent, index)
    counts = counts_of(ctx, trigger.type, tokens)
    specific = unique([p.entity for p in places if not p.container])
    regions = [e for e in unique([p.entity for p in places if p.container]) if e not in specific]
    if not (actors or targets or specific or date or counts):
        return None  # a word, not a reported event ("выборы — это выбор")
    has = {"actors": bool(actors), "targets": bool(targets), "counts": bool(counts),
           "dated": bool(date and (date.precision in ("day", "month", "period") or specific))}
    if trigger.requires and not any(has.get(name) for name in trigger.requires):
        return None  # "получил назначение", "на президентских выборах" in passing: no event told
    start, stop = (date.value.split("/", 1) + [None])[:2] if date else (None, None)
    return Action(type=trigger.type, kind=kind_of(ctx, trigger, tokens),
                  modality=modality(ctx, index, last, sent, iso_day(start)),
                  date=iso_day(start), stop=iso_day(stop), precision=date.precision if date else None,
                  places=[e.id for e in specific], place_names=[e.name for e in specific],
                  regions=[e.id for e in regions], region_names=[e.name for e in regions],
                  actors=[e.id for e in actors], actor_names=[e.name for e in actors],
                  targets=[e.id for e in targets], target_names=[e.name for e in targets],
                  counts=counts, evidence=ctx.sentence_evidence(sent))


def same_event(first: Action, other: Action) -> bool:
    """Two mentions of one event in one text: same type and kind, and either a
    shared target ("задержан Саркози" … "последствия задержания Саркози", whatever
    the later clause's modality), or the same modality with neither targets nor
    dates disagreeing."""
    if first.type == other.type and first.evidence == other.evidence:
        return True  # one sentence, one event of a type ("закон о ратификации соглашения")
    if (first.type, first.kind) != (other.type, other.kind):
        return False
    if set(first.targets) & set(other.targets):
        return True
    if first.modality != other.modality:
        return False
    if first.targets and other.targets and not set(first.targets) & set(other.targets):
        return False
    return not (first.date and other.date and first.date != other.date)


def absorb(first: Action, other: Action) -> None:
    """A later mention completes the first: lists joined, empty scalars filled."""
    for names in (("places", "place_names"), ("regions", "region_names"),
                  ("actors", "actor_names"), ("targets", "target_names")):
        ids, labels = getattr(first, names[0]), getattr(first, names[1])
        for entity_id, label in zip(getattr(other, names[0]), getattr(other, names[1])):
            if entity_id not in ids:
                ids.append(entity_id)
                labels.append(label)
    for field, value in other.counts.items():
        first.counts.setdefault(field, value)
    first.fill(other)


def extract(ctx: EventContext) -> list[Action]:
    """Action events of a Doc, body before headline, one per real event."""
    found: list[Action] = []
    order = sorted(range(len(ctx.sent_bounds)), key=lambda s: (ctx.in_title(ctx.sentence_tokens(s).start), s))
    for sent in order:
        if teaser(ctx, sent):
            continue
        tokens = ctx.sentence_tokens(sent)
        index = tokens.start
        while index < tokens.stop:
            hit = trigger_at(ctx, index, tokens.stop)
            told = any(e.type == hit[0].type for e in found) if hit else False
            if hit and applies(ctx, hit[0], index, hit[1], tokens, told):
                event = action(ctx, hit[0], index, hit[1], sent)
                if event is not None:
                    twin = next((e for e in found if same_event(e, event)), None)
                    if twin is None:
                        found.append(event)
                    else:
                        absorb(twin, event)
                index = hit[1] + 1
                continue
            index += 1
    return sorted(found, key=lambda e: (e.evidence.field != "title", e.evidence.start))


def unique(items: list) -> list:
    """Entities (or ids) without repeats, first occurrence order."""
    seen, out = set(), []
    for item in items:
        key = getattr(item, "id", item)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
