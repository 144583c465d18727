"""Mourning periods and decrees.

Mourning: a sentence with "траур" (or "траурные дни"); where = its governed
place (else its first LOC); start/stop = the dates of that sentence and the
next (lists and periods from the dates stage), stretched by a stated
length ("трехдневный траур", "три дня траура") when only the first day is
given; declared_by = a person in the sentence or in the next one when that
one reports the decree ("Соответствующий указ подписал глава региона
Сергей Меликов").
Decree: "подписал указ/постановление/распоряжение" not about a mourning.
"""
from __future__ import annotations

from datetime import date, timedelta

from ...records import Decree, Mourning
from .context import EventContext, iso_day, plain
from .lexicon import table, words
from .places import any_loc, places_in
from ...schema import PER

MOURNING = words("mourning")
DECREE_NOUNS = words("decree_noun")
DECLARE_VERBS = words("declare_verb")
SIGN_VERBS, NOT_OWN = words("sign_verb"), words("not_own_decree")
LENGTH_PREFIXES = table("length_prefix", int)
LENGTH_SUFFIXES = tuple(words("length_suffix"))
LENGTH_WORDS = table("length_word", int)
LENGTH_UNITS = words("length_unit")
SUBJECT_PREPS = words("subject_prep")


def sentences_with(ctx: EventContext, lemmas: set[str]) -> list[int]:
    """Sentences containing any of `lemmas`."""
    return sorted({ctx.sent_of[i] for i, lemma in enumerate(ctx.lemmas) if lemma in lemmas})


def person_in(ctx: EventContext, sent: int):
    """The first PER entity of a sentence, or None."""
    return ctx.first_entity(sent, PER)


def reports_decree(ctx: EventContext, sent: int) -> bool:
    """Whether a sentence says someone signed or declared something."""
    if sent >= len(ctx.sent_bounds):
        return False
    lemmas = {ctx.lemmas[i] for i in ctx.sentence_tokens(sent)}
    return bool(lemmas & (DECREE_NOUNS | DECLARE_VERBS))


def mourning_length(ctx: EventContext, sent: int) -> int | None:
    """Days of mourning: "трехдневный" -> 3, "три дня" -> 3."""
    tokens = ctx.sentence_tokens(sent)
    for i in tokens:
        lemma = ctx.lemmas[i]
        if lemma.endswith(LENGTH_SUFFIXES):
            return next((n for p, n in LENGTH_PREFIXES.items() if lemma.startswith(p)), None)
        if lemma in LENGTH_WORDS and i + 1 < tokens.stop and ctx.lemmas[i + 1] in LENGTH_UNITS:
            return LENGTH_WORDS[lemma]
    return None


def day_values(ctx: EventContext, sents: list[int]) -> list[str]:
    """ISO days named in the sentences, periods expanded to their ends."""
    days = []
    for sent in sents:
        for _, _, mention in ctx.dates_in(*ctx.sentence_range(sent)):
            for part in (mention.value or "").split("/"):
                if len(part) == 10 and iso_day(part):
                    days.append(part)
    return sorted(set(days))


def period(days: list[str], length: int | None) -> tuple[str | None, str | None]:
    """(start, stop) from the named days and a stated length."""
    if not days:
        return None, None
    start, stop = days[0], days[-1]
    if length and start == stop:
        stop = (date.fromisoformat(start) + timedelta(days=length - 1)).isoformat()
    return start, stop


def mourning(ctx: EventContext, sent: int) -> Mourning:
    """The mourning event told in sentence `sent` (and the next one)."""
    following = [sent + 1] if sent + 1 < len(ctx.sent_bounds) else []
    declared_in = [s for s in [sent] + following if person_in(ctx, s) and (s == sent or reports_decree(ctx, s))]
    places = [p for p in places_in(ctx, sent) if not p.container]
    where = places[0].entity if places else any_loc(ctx, sent)
    own_days = day_values(ctx, [sent])
    decree_days = day_values(ctx, [s for s in following if reports_decree(ctx, s)])
    start, stop = period(own_days or decree_days, mourning_length(ctx, sent))
    person = person_in(ctx, declared_in[0]) if declared_in else None
    return Mourning(where=where.id if where else None, where_name=where.name if where else None,
                    start=start, stop=stop, declared_by=person.id if person else None,
                    declared_by_name=person.name if person else None,
                    evidence=ctx.evidence(ctx.sentence_range(sent)[0],
                                          ctx.sentence_range((declared_in or [sent])[-1])[1]))


def decree(ctx: EventContext, sent: int) -> Decree:
    """A decree signed in sentence `sent`."""
    tokens = ctx.sentence_tokens(sent)
    person = person_in(ctx, sent)
    places = [p for p in places_in(ctx, sent) if not p.container]
    dates = [d for d in ctx.dates_in(*ctx.sentence_range(sent)) if iso_day(d[2].value)]
    return Decree(declared_by=person.id if person else None, declared_by_name=person.name if person else None,
                  where=places[0].entity.id if places else None,
                  date=dates[0][2].value if dates else None, about=decree_subject(ctx, tokens),
                  evidence=ctx.sentence_evidence(sent))


def decree_subject(ctx: EventContext, tokens: range) -> str | None:
    """"указ о повышении пенсий" -> "о повышении пенсий" (up to the clause end)."""
    for i in tokens:
        if ctx.lemmas[i] in DECREE_NOUNS and i + 1 < tokens.stop and plain(ctx.tokens[i + 1].text) in SUBJECT_PREPS:
            stop = i + 1
            while stop + 1 < tokens.stop and ctx.tokens[stop + 1].pos != "PUNCT":
                stop += 1
            return ctx.doc.text[ctx.tokens[i + 1].start:ctx.tokens[stop].stop]
    return None


def extract(ctx: EventContext) -> list[Mourning | Decree]:
    """Mourning and decree events of a Doc."""
    events, used = [], set()
    sents = sentences_with(ctx, MOURNING)
    title = [s for s in sents if ctx.in_title(ctx.sentence_tokens(s).start)]
    for sent in [s for s in sents if s not in title] + title:
        if sent - 1 in used or sent in used:
            continue  # the same mourning told again right after
        events.append(mourning(ctx, sent))
        used |= {sent} | ({sent + 1} if reports_decree(ctx, sent + 1) else set())
    for sent in sentences_with(ctx, DECREE_NOUNS):
        lemmas = {ctx.lemmas[i] for i in ctx.sentence_tokens(sent)}
        if sent not in used and lemmas & SIGN_VERBS and not lemmas & NOT_OWN:
            events.append(decree(ctx, sent))
    return merge_mourning(events)


def merge_mourning(events: list[Mourning | Decree]) -> list[Mourning | Decree]:
    """One mourning per place: later sentences fill what the first left empty."""
    merged, by_where = [], {}
    for event in events:
        key = event.where if isinstance(event, Mourning) else None
        if key and key in by_where:
            by_where[key].fill(event)
            continue
        if key:
            by_where[key] = event
        merged.append(event)
    return merged
