"""Casualty figures: "погибли 5 человек", "двое погибших", "число жертв выросло до 20".

Per sentence, casualty cues (lemmas in `data/events/casualties.txt`) are paired
with the nearest count; each figure records whether the text gives it as
an earlier report ("сообщалось о 15 погибших") or as an update ("выросло
до 20"), so that `pick_current` can choose the value and list the others
as revisions.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...records import Revision
from .context import EventContext, plain
from .lexicon import lexicon, words
from .numbers import Count, counts_in

MAX_GAP = 6  # tokens between a cue and its count ("погибли, по данным МЧС, 5 человек")
GROWTH_GAP = 12  # "число погибших при взрыве у мечети в Кабуле выросло до 12"
CLAUSE_BREAKS = words("clause_break")
ZERO_BEFORE, ZERO_AFTER = words("zero_before"), words("zero_after")
ZERO_SUBJECT, ZERO_NEGATION = words("zero_subject"), words("zero_negation")
EARLIER_PREPS = words("earlier_prep")


@dataclass
class Figure:
    """One casualty figure as the text reports it."""

    field: str  # killed | injured | hospitalized
    value: int
    index: int  # token index of the cue
    sent: int
    start: int  # Doc offsets of the evidence
    stop: int
    approx: str | None = None
    status: str | None = None  # old | new | None

    def as_revision(self, ctx: EventContext, field: str) -> Revision:
        """The card's revision entry for this figure, counted as `field` (killed | injured)."""
        return Revision(field, self.value, ctx.evidence(self.start, self.stop))


def cues_in(ctx: EventContext, tokens: range) -> list[tuple[int, str]]:
    """(token index, field) of casualty cues in a sentence."""
    casualties = lexicon().casualties
    return [(i, casualties[ctx.lemmas[i]]) for i in tokens if ctx.lemmas[i] in casualties]


def is_subset(ctx: EventContext, index: int) -> bool:
    """"среди погибших", "в том числе", "из них": a part of a figure, not a figure."""
    window = range(max(0, index - 3), index)
    return any("subset" in lexicon().roles(ctx.lemmas[i]) for i in window)


def distance(ctx: EventContext, cue: int, count: Count) -> int:
    """Token distance from a cue to a count, a clause break costing 3."""
    low, high = (count.last, cue) if count.last < cue else (cue, count.first)
    breaks = sum(1 for i in range(low + 1, high) if plain(ctx.tokens[i].text) in CLAUSE_BREAKS)
    return high - low + 3 * breaks


def pair(ctx: EventContext, cues: list, counts: list[Count]) -> list[tuple[int, str, Count]]:
    """Each count goes to its nearest cue; each cue keeps its nearest count, plus
    one update ("сообщалось о двух пострадавших, затем их число выросло до пяти")."""
    plain_pairs = pair_nearest(ctx, cues, [c for c in counts if not c.growth])
    growth_pairs = pair_nearest(ctx, cues, [c for c in counts if c.growth])
    return sorted(plain_pairs + growth_pairs, key=lambda item: item[2].first)


def pair_nearest(ctx: EventContext, cues: list, counts: list[Count]) -> list[tuple[int, str, Count]]:
    """Nearest-cue pairing, one count per cue."""
    best: dict[int, tuple[int, Count]] = {}
    for count in counts:
        scored = [(distance(ctx, cue, count), cue) for cue, _ in cues]
        limit = GROWTH_GAP if count.growth else MAX_GAP
        scored = [item for item in scored if item[0] <= limit]
        if not scored:
            continue
        gap, cue = min(scored)
        if cue not in best or gap < best[cue][0]:
            best[cue] = (gap, count)
    fields = dict(cues)
    return [(cue, fields[cue], count) for cue, (_, count) in sorted(best.items())]


def clause_status(ctx: EventContext, low: int, high: int, tokens: range) -> str | None:
    """old/new from markers in the clause around [low, high], else the sentence's."""
    first, stop = low, high + 1
    while first > tokens.start and plain(ctx.tokens[first - 1].text) not in CLAUSE_BREAKS:
        first -= 1
    while stop < tokens.stop and plain(ctx.tokens[stop].text) not in CLAUSE_BREAKS:
        stop += 1
    status = markers_status(ctx, range(first, stop))
    return status if status != "both" else None


def markers_status(ctx: EventContext, tokens: range) -> str | None:
    """"old", "new", "both" or None from the marker roles in `tokens`."""
    roles = set()
    for i in tokens:
        roles |= lexicon().roles(ctx.lemmas[i]) & {"old", "new"}
    if len(roles) == 2:
        return "both"
    return roles.pop() if roles else None


def figure_status(ctx: EventContext, cue: int, count: Count, tokens: range) -> str | None:
    """Whether a figure is an update ("выросло до"), an earlier report, or plain."""
    if count.growth:
        return "new"
    status = clause_status(ctx, min(cue, count.first), max(cue, count.last), tokens)
    if status:
        return status
    sentence = markers_status(ctx, tokens)
    return sentence if sentence != "both" else None


def zero_figures(ctx: EventContext, cue: int, field: str) -> list[str]:
    """Fields set to 0 by "никто не пострадал", "без жертв", "пострадавших нет"."""
    before = [plain(ctx.tokens[i].text) for i in range(max(0, cue - 3), cue)]
    after = plain(ctx.tokens[cue + 1].text) if cue + 1 < len(ctx.tokens) else ""
    if (set(before[-1:]) & ZERO_BEFORE) or after in ZERO_AFTER or (ZERO_SUBJECT & set(before) and ZERO_NEGATION & set(before)):
        return ["killed", "injured"] if field == "injured" else [field]
    return []


def singular_one(ctx: EventContext, cue: int) -> bool:
    """"погиб водитель", "ранен полицейский": a singular verb with no count means one."""
    token = ctx.tokens[cue]
    feats = token.feats or {}
    return token.pos in ("VERB", "AUX") and feats.get("Number") == "Sing" and feats.get("Gender") in ("Masc", "Fem")


def sentence_figures(ctx: EventContext, sent: int) -> list[Figure]:
    """All casualty figures of one sentence."""
    tokens = ctx.sentence_tokens(sent)
    cues = [(i, f) for i, f in cues_in(ctx, tokens) if not is_subset(ctx, i)]
    if not cues:
        return []
    start, stop = ctx.sentence_range(sent)
    counts = [c for c in counts_in(ctx, tokens.start, tokens.stop) if not is_subset(ctx, c.first)]
    figures, paired = [], set()
    used = set()
    for cue, field, count in pair(ctx, cues, counts):
        paired.add(cue)
        used.add(count.first)
        figures.append(Figure(field, count.value, cue, sent, start, stop, count.approx,
                              figure_status(ctx, cue, count, tokens)))
    figures += earlier_reports(ctx, [c for c in counts if c.first not in used], figures, tokens)
    for cue, field in cues:
        if cue in paired:
            continue
        figures.extend(Figure(zero, 0, cue, sent, start, stop) for zero in zero_figures(ctx, cue, field))
        if not zero_figures(ctx, cue, field) and singular_one(ctx, cue):
            figures.append(Figure(field, 1, cue, sent, start, stop, None, markers_status(ctx, tokens)))
    return figures


def earlier_reports(ctx: EventContext, counts: list[Count], figures: list[Figure], tokens: range) -> list[Figure]:
    """"…выросло до 12, ранее власти говорили о десяти": a count after "о" in a clause
    that reports an earlier figure repeats the field of the figure before it."""
    found = []
    for count in counts:
        before = [f for f in figures if f.index < count.first]
        if not before or count.first == 0 or plain(ctx.tokens[count.first - 1].text) not in EARLIER_PREPS:
            continue
        if clause_status(ctx, count.first, count.last, tokens) == "old":
            last = before[-1]
            found.append(Figure(last.field, count.value, count.first, last.sent, last.start, last.stop, count.approx, "old"))
    return found


def pick_current(figures: list[Figure]) -> tuple[Figure | None, list[Figure]]:
    """The figure the text stands by, and the earlier ones as revisions (text order).

    The last update ("выросло до 20") wins; else the largest plain figure;
    else the largest earlier report. Other distinct values are revisions.
    """
    if not figures:
        return None, []
    new = [f for f in figures if f.status == "new"]
    plain_figures = [f for f in figures if f.status is None]
    if new:
        current = new[-1]
    elif plain_figures:
        current = max(plain_figures, key=lambda f: f.value)
    else:
        current = max(figures, key=lambda f: f.value)
    revisions, seen = [], {current.value}
    for figure in figures:
        if figure.value not in seen:
            seen.add(figure.value)
            revisions.append(figure)
    return current, revisions
