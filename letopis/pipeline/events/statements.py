"""Statements: condolences and condemnation.

"X выразил соболезнования Y в связи с Z": the speaker is the entity named
in the nominative before the cue, the addressee the first person (else
place or organization) in the dative after it, and "about" the attack or
incident mentioned in the same sentence (its event id), else the words
after "в связи с". "X осуждает Z" likewise, "about" being what follows.
One statement per kind and speaker.
"""
from __future__ import annotations

from ...records import Statement
from .actions import passive
from .modality import particle_before
from .context import EventContext, plain
from .lexicon import phrases, table, words
from ...schema import LOC, ORG, PER

CUES = table("cue")
NOT = words("negation_particle")
ABOUT_LEADS = phrases("about_lead")
ADDRESSEE_WINDOW = 8


def speaker(ctx: EventContext, sent: int, cue: int):
    """The nominative entity nearest before the cue in its sentence, else the first
    person after it ("Соболезнования Путину выразил Си Цзиньпин")."""
    tokens = ctx.sentence_tokens(sent)
    for i in range(cue - 1, tokens.start - 1, -1):
        span, entity = ctx.entity_at(i)
        if span is not None and entity is not None and ctx.case(i) == "Nom":
            return entity
    if ctx.tokens[cue].pos != "NOUN":
        return None  # "раскритиковали предложение": no subject named, none to guess after the verb
    for i in range(cue + 1, tokens.stop):
        span, entity = ctx.entity_at(i)
        if span is not None and span.type == PER and entity is not None and ctx.case(i) == "Nom":
            return entity
    return None


def addressee(ctx: EventContext, cue: int, stop: int):
    """The first dative person after the cue (else just before it), else a dative
    place/organization."""
    found = {}
    low = ctx.sentence_tokens(ctx.sent_of[cue]).start
    window = list(range(cue + 1, min(stop, cue + 1 + ADDRESSEE_WINDOW))) + list(range(cue - 1, max(low, cue - ADDRESSEE_WINDOW) - 1, -1))
    for i in window:
        span, entity = ctx.entity_at(i)
        if span is not None and entity is not None and ctx.case(i) == "Dat":
            found.setdefault(span.type, entity)
    return found.get(PER) or found.get(LOC) or found.get(ORG)


def about_text(ctx: EventContext, cue: int, stop: int) -> str | None:
    """Words after "в связи с" / "по поводу" or, for condemnation, the object."""
    words = [t.text.lower() for t in ctx.tokens[cue + 1:stop]]
    for lead in ABOUT_LEADS:
        for i in range(len(words) - len(lead)):
            if words[i:i + len(lead)] == lead:
                return clause_text(ctx, cue + 1 + i + len(lead), stop)
    if CUES.get(ctx.lemmas[cue]) == "condemnation" and cue + 1 < stop:
        return clause_text(ctx, cue + 1, stop)
    return None


def clause_text(ctx: EventContext, first: int, stop: int) -> str | None:
    """Text from token `first` to the next comma or sentence end."""
    last = first
    while last + 1 < stop and ctx.tokens[last + 1].text not in (",", ".", ";", "!", "?"):
        last += 1
    if first >= stop:
        return None
    return ctx.doc.text[ctx.tokens[first].start:ctx.tokens[last].stop]


def statement(ctx: EventContext, cue: int) -> Statement | None:
    """The statement around cue token `cue`, or None without a speaker."""
    sent = ctx.sent_of[cue]
    stop = ctx.sentence_tokens(sent).stop
    who = speaker(ctx, sent, cue)
    if who is None:
        return None
    to = addressee(ctx, cue, stop)
    about = next((ctx.told_at[i].id for i in range(cue + 1, stop) if i in ctx.told_at), None)
    return Statement(kind=CUES[ctx.lemmas[cue]], speaker=who.id, speaker_name=who.name,
                     addressee=to.id if to else None, addressee_name=to.name if to else None,
                     about=about or about_text(ctx, cue, stop), evidence=ctx.sentence_evidence(sent))


def extract(ctx: EventContext) -> list[Statement]:
    """Statements of a Doc; `ctx.told_at` names the attack or incident a trigger tells."""
    out: dict = {}
    for index, lemma in enumerate(ctx.lemmas):
        if lemma not in CUES or passive(ctx, index):
            continue  # "был осужден за сепаратизм": a verdict (actions.py), not a condemnation
        if particle_before(ctx, index, ctx.sentence_tokens(ctx.sent_of[index]).start) or (
                index > 1 and plain(ctx.tokens[index - 2].text) in NOT):
            continue  # "не осудил", "не следует критиковать": nothing was said
        found = statement(ctx, index)
        if found is None:
            continue
        out.setdefault((found.kind, found.speaker), found).fill(found)
    return list(out.values())
