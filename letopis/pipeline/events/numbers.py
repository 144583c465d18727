"""Counts in news text: "46", "двое", "двадцать два", "более десяти".

A small hand-made reader, because the counts we need are short and the
alternatives do not fit: natasha has no number extractor and pymorphy3
knows a word is a numeral but not its value. The values come from
`letopis/data/events/numerals.txt`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .context import EventContext, plain
from .lexicon import lexicon, phrases, words

DIGITS = re.compile(r"^\d{1,6}$")
NOT_PEOPLE = words("not_people")
GROWTH = words("growth")
AT_LEAST = {tuple(pair) for pair in phrases("at_least")}
UP_TO = words("up_to")


@dataclass
class Count:
    """A number found at tokens [first, last] with its qualifier."""

    first: int
    last: int
    value: int
    approx: str | None = None  # more_than | about | at_least | up_to
    growth: bool = False  # "выросло до 20": the figure is an update


def numeral_value(ctx: EventContext, index: int) -> int | None:
    """Value of one token: digits or a numeral word ("десяти" -> 10)."""
    text = ctx.tokens[index].text
    if DIGITS.match(text):
        return int(text)
    return lexicon().numerals.get(ctx.lemmas[index])


def read_count(ctx: EventContext, index: int, stop: int) -> Count | None:
    """The count starting at token `index` (several numeral words add up)."""
    value = numeral_value(ctx, index)
    if value is None or ctx.in_date(index):
        return None
    last = index
    while last + 1 < stop and not DIGITS.match(ctx.tokens[last + 1].text):
        more = numeral_value(ctx, last + 1)
        if more is None:
            break
        value, last = combine(value, more), last + 1
    if last + 1 < stop and ctx.lemmas[last + 1] in NOT_PEOPLE:
        return None
    count = Count(index, last, value)
    qualify(ctx, count)
    return count


def combine(value: int, more: int) -> int:
    """"двадцать два" -> 22, "две тысячи" -> 2000."""
    return value * more if more >= 1000 else value + more


def qualify(ctx: EventContext, count: Count) -> None:
    """Set approx/growth from the words just before the count."""
    before = [plain(ctx.tokens[i].text) for i in range(max(0, count.first - 3), count.first)]
    if before and before[-1] in UP_TO:
        grew = any(ctx.lemmas[i] in GROWTH for i in range(max(0, count.first - 5), count.first))
        count.growth, count.approx = grew, (None if grew else "up_to")
        return
    pairs = set(zip(before, before[1:]))
    if pairs & AT_LEAST:
        count.approx = "at_least"
        return
    for role in lexicon().roles(ctx.lemmas[count.first - 1]) if count.first else ():
        if role.startswith("approx:"):
            count.approx = role.split(":", 1)[1]


def counts_in(ctx: EventContext, first: int, stop: int) -> list[Count]:
    """All counts among tokens [first, stop)."""
    found, index = [], first
    while index < stop:
        count = read_count(ctx, index, stop)
        if count is None:
            index += 1
            continue
        found.append(count)
        index = count.last + 1
    return found
