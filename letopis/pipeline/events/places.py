"""Where an event happened: LOC names governed by a place preposition.

"в Дербенте", "в селе Сергокала", "на территории Дагестана" are places, and so
is a name coordinated with one ("в Москве и Санкт-Петербурге");
"президент Казахстана" is not (no preposition). A LOC in brackets right
after another ("в Дербенте (Дагестан)") is the region that contains it:
it is kept apart so that the event lists the specific places.
"""
from __future__ import annotations

from dataclasses import dataclass

from .context import EventContext, plain
from .lexicon import lexicon, words
from ...schema import LOC

PLACE_PREPS = words("place_prep")
LINK_WORDS = words("link_word")
CONJUNCTIONS = words("place_conjunction")


@dataclass
class Place:
    """A LOC mention that names where something happened."""

    index: int  # first token of the name
    entity: object  # letopis.card.Entity
    container: bool = False  # "(Дагестан)" after another place


def governed(ctx: EventContext, first: int, low: int) -> bool:
    """Whether a place preposition governs the name at token `first` (skipping
    settlement nouns, adjectives and "территории")."""
    index = first - 1
    while index >= low:
        lemma, token = ctx.lemmas[index], ctx.tokens[index]
        if plain(token.text) in PLACE_PREPS:
            return True
        if plain(token.text) in CONJUNCTIONS and index - 1 >= low:
            return coordinated(ctx, index - 1, low)  # "в Москве и Санкт-Петербурге"
        settlement = "settlement" in lexicon().roles(lemma) or lemma in LINK_WORDS
        if not (settlement or token.pos == "ADJ"):
            return False
        index -= 1
    return False


def coordinated(ctx: EventContext, last: int, low: int) -> bool:
    """Whether the LOC name ending at token `last` is itself governed (the first of a coordination)."""
    span, _ = ctx.entity_at(last)
    if span is None or span.type != LOC:
        return False
    first = last
    while first - 1 >= low and ctx.span_of.get(first - 1) == ctx.span_of.get(last):
        first -= 1
    return governed(ctx, first, low)


def bracketed(ctx: EventContext, first: int, last: int, low: int) -> bool:
    """"Дербенте (Дагестан)": a LOC alone in brackets right after another LOC."""
    if first - 2 < low or last + 1 >= len(ctx.tokens):
        return False
    if ctx.tokens[first - 1].text != "(" or ctx.tokens[last + 1].text != ")":
        return False
    span, _ = ctx.entity_at(first - 2)
    return span is not None and span.type == LOC


def region_after_place(ctx: EventContext, first: int, low: int) -> bool:
    """"в Клинцах Брянской области": a genitive LOC right after another LOC contains it."""
    if first - 1 < low or ctx.case(first) != "Gen":
        return False
    span, _ = ctx.entity_at(first - 1)
    return span is not None and span.type == LOC


def places_in(ctx: EventContext, sent: int) -> list[Place]:
    """Places of one sentence, in text order."""
    tokens = ctx.sentence_tokens(sent)
    places, index = [], tokens.start
    while index < tokens.stop:
        span, entity = ctx.entity_at(index)
        if span is None or span.type != LOC or entity is None:
            index += 1
            continue
        last = ctx.span_last_token(index)
        if bracketed(ctx, index, last, tokens.start) or region_after_place(ctx, index, tokens.start):
            places.append(Place(index, entity, container=True))
        elif governed(ctx, index, tokens.start):
            places.append(Place(index, entity))
        index = last + 1
    return places


def any_loc(ctx: EventContext, sent: int):
    """The first LOC entity of a sentence, governed or not (a fallback for "where")."""
    return ctx.first_entity(sent, LOC)
