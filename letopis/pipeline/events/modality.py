"""Whether an event happened, is planned, did not happen, or is only claimed,
and whether a line is a teaser of another article.

Read from morphology and a few cue lists (words.txt `negation_cue`,
`plan_cue`, `claim_cue`), not from the event's words: the same rules hold
for an arrest, an exercise or a summit.
- negated: "не"/"ни" or a cue such as "предотвратить", "отказаться" just
  before the trigger or its governing verb ("не был задержан", "отказался
  подписать соглашение", "теракт предотвращен").
- planned: the governing verb is in the future tense ("учения пройдут"),
  a plan cue stands near ("планирует ввести санкции", "договорились
  провести переговоры"), or the event's date is after publication.
- planned too: an irrealis word before the trigger in its clause ("чтобы", "если", "бы").
- claimed: a claim cue before the trigger in its sentence ("якобы", "по
  версии следствия", "по обвинению во взломе"): what follows is a claim.
"""
from __future__ import annotations

from ...schema import CLAIMED, HAPPENED, NEGATED, PLANNED
from .context import EventContext, plain
from .lexicon import words

NEGATION, PLAN, CLAIM = words("negation_cue"), words("plan_cue"), words("claim_cue")
PARTICLES, MODALS, IRREALIS = words("negation_particle"), words("modal_verb"), words("irrealis")
TEASER, TEASER_SECOND = words("teaser"), words("teaser_second")
CUE_WINDOW = 4  # tokens before the trigger (or its verb) a cue may stand
VERB_WINDOW = 5  # tokens from a trigger noun to its governing verb
VERBS = ("VERB", "AUX")


def governing_verb(ctx: EventContext, index: int, last: int, sent: int) -> int | None:
    """The trigger itself when it is a verb, else the nearest verb of its clause
    within VERB_WINDOW tokens ("учения пройдут", "провели обыск")."""
    if ctx.tokens[index].pos in VERBS:
        return index
    tokens = ctx.sentence_tokens(sent)
    near = [i for i in range(max(tokens.start, index - VERB_WINDOW), min(tokens.stop, last + 1 + VERB_WINDOW))
            if ctx.tokens[i].pos in VERBS and not crosses_clause(ctx, i, index)]
    main = [i for i in near if ctx.tokens[i].pos == "VERB"] or near  # "был предотвращен": the participle
    return min(main, key=lambda i: abs(i - index)) if main else None


def auxiliary_future(ctx: EventContext, verb: int) -> bool:
    """"будет задержан", "будут проводиться": a future auxiliary just before the verb."""
    return verb > 0 and ctx.tokens[verb - 1].pos == "AUX" and future(ctx, verb - 1)


def crosses_clause(ctx: EventContext, one: int, other: int) -> bool:
    """Whether a comma or other clause mark stands between two tokens."""
    low, high = sorted((one, other))
    return any(ctx.tokens[i].text in (",", ";", ":", "—", "–") for i in range(low + 1, high))


def future(ctx: EventContext, index: int) -> bool:
    """A verb in the future tense: slovnet's Tense=Fut or pymorphy3's "futr"
    ("пройдут", "будет"); a perfective non-past is future in Russian."""
    token = ctx.tokens[index]
    if (token.feats or {}).get("Tense") == "Fut":
        return True
    parses = [p for p in ctx.morph.parse(token.text)[:2] if p.tag.POS == "VERB"]
    return bool(parses) and "futr" in parses[0].tag


def cue_before(ctx: EventContext, index: int, low: int, cues: frozenset) -> bool:
    """Whether a cue lemma or word stands within CUE_WINDOW tokens before `index` in its clause."""
    for i in range(index - 1, max(low, index - CUE_WINDOW) - 1, -1):
        if ctx.tokens[i].text in (",", ";", "."):
            return False
        if ctx.lemmas[i] in cues or plain(ctx.tokens[i].text) in cues:
            return True
    return False


def clause_of(ctx: EventContext, index: int, low: int) -> int:
    """First token of the clause holding `index`: after the last comma or dash before it."""
    for i in range(index - 1, low - 1, -1):
        if ctx.tokens[i].text in (",", ";", ":", "—", "–"):
            return i + 1
    return low


def particle_before(ctx: EventContext, index: int, low: int) -> bool:
    """"не задержан", "не был задержан": a negation particle right before the word
    or before its auxiliary ("Тем не менее на выборах" negates nothing)."""
    before = index - 1
    if before >= low and (ctx.tokens[before].pos == "AUX" or ctx.lemmas[before] in MODALS):
        before -= 1  # "не был задержан", "не смогли заключить"
    return before >= low and plain(ctx.tokens[before].text) in PARTICLES


def modality(ctx: EventContext, index: int, last: int, sent: int, date: str | None) -> str:
    """happened | planned | negated | claimed of the event a trigger tells."""
    tokens = ctx.sentence_tokens(sent)
    verb = governing_verb(ctx, index, last, sent)
    heads = [index] + ([verb] if verb is not None and verb != index else [])
    # The verb's meaning applies when it governs the trigger ("отказался подписать соглашение") or the
    # trigger is its subject ("теракт предотвращен"), not "участники митинга потребовали".
    governs = verb is not None and (verb < index or ctx.case(index) == "Nom")
    if (any(particle_before(ctx, h, tokens.start) or cue_before(ctx, h, tokens.start, NEGATION) for h in heads)
            or (governs and ctx.lemmas[verb] in NEGATION)):
        return NEGATED
    if verb is not None and (future(ctx, verb) or auxiliary_future(ctx, verb)):
        return PLANNED
    if any(cue_before(ctx, h, tokens.start, PLAN) for h in heads) or (governs and ctx.lemmas[verb] in PLAN):
        return PLANNED
    if any(plain(ctx.tokens[i].text) in IRREALIS for i in range(clause_of(ctx, index, tokens.start), index)):
        return PLANNED  # "потребовали, чтобы президент заявил об отставке", "если санкции введут"
    published = str(ctx.doc.article.published or "")[:10]
    if date and published and date > published[:len(date)]:
        return PLANNED  # "в 2019 году" in a 2018 article
    if any(ctx.lemmas[i] in CLAIM or plain(ctx.tokens[i].text) in CLAIM for i in range(tokens.start, index)):
        return CLAIMED
    return HAPPENED


def teaser(ctx: EventContext, sent: int) -> bool:
    """"Читайте также: …", "По теме: …": a line announcing another article."""
    tokens = ctx.sentence_tokens(sent)
    words_ = [plain(ctx.tokens[i].text) for i in tokens[:2]]
    return len(words_) == 2 and words_[0] in TEASER and words_[1] in TEASER_SECOND
