"""What was attacked or hit: "обстреляла синагогу и церковь" -> ["синагога", "церковь"].

Noun phrases are chunked from the morph tagger's POS and case, then put in
the nominative with pymorphy3 (head noun and agreeing adjectives;
genitive dependents such as "ДПС" in "пост ДПС" are kept as written).
Three patterns: the object of an attack verb, "нападение на + Acc" /
"обстрел + Gen" after a trigger noun, and "в/на/у + facility noun"
(`data/events/targets.txt`) after any trigger.
"""
from __future__ import annotations

from ...morph import fold_yo
from .context import EventContext, plain
from .lexicon import lexicon, words
from ...schema import LOC, ORG

FACILITY_PREPS = words("facility_prep")
TWO_WORD_PREPS = words("two_word_prep")  # "рядом с"
OBJECT_PREPS = words("object_prep")  # "нападение на пост"
NAMED_AFTER = words("named_after")  # "шахта имени Костенко"
CONJUNCTIONS = words("conjunction")
MODIFIERS = {"ADJ", "DET"}
MAX_DEPENDENTS = 2


def chunk(ctx: EventContext, index: int, stop: int, case: str | None) -> tuple[int, int] | None:
    """Token range [index, head] of a noun phrase starting at `index` in `case`, or None."""
    head = index
    while head < stop and ctx.tokens[head].pos in MODIFIERS:
        head += 1
    if head >= stop or not (ctx.tokens[head].pos == "NOUN" or (ctx.tokens[head].pos == "PROPN" and ctx.lemmas[head] in lexicon().targets)):
        return None
    if case and ctx.case(head) != case:
        return None
    span = ctx.entity_at(head)[0]
    if span is not None and not (span.type == ORG and ctx.lemmas[head] in lexicon().targets):
        return None  # a name is a place or an agent; "ТЭЦ" tagged ORG is still a facility
    return index, head


def dependents(ctx: EventContext, head: int, stop: int) -> int:
    """Last token of genitive dependents after a head ("пост ДПС", "здание отдела полиции")."""
    last, taken = head, 0
    while taken < MAX_DEPENDENTS and last + 1 < stop:
        span, _ = ctx.entity_at(last + 1)
        token = ctx.tokens[last + 1]
        after_name = ctx.lemmas[last] in NAMED_AFTER and token.pos == "PROPN"
        named = after_name or (span is not None and span.type == ORG)
        if named:  # "пост ДПС", "шахта имени Костенко"
            last = ctx.span_last_token(last + 1)
        elif token.pos in ("NOUN", "ADJ") and ctx.case(last + 1) == "Gen" and span is None:
            found = chunk(ctx, last + 1, stop, "Gen")
            if found is None:
                break
            last = found[1]
        else:
            break
        taken += 1
    return last


def nominative(ctx: EventContext, first: int, head: int, last: int) -> str:
    """The phrase with its head and modifiers in the nominative, dependents as written."""
    head_parse = best_parse(ctx, head, "NOUN")
    number = "plur" if (ctx.tokens[head].feats or {}).get("Number") == "Plur" else "sing"
    words = [inflect_word(ctx, i, head_parse, number) for i in range(first, head + 1)]
    words += [ctx.tokens[i].text for i in range(head + 1, last + 1)]
    return " ".join(words)


def best_parse(ctx: EventContext, index: int, pos: str):
    """The pymorphy3 parse of a token agreeing with the tagger's POS."""
    parses = ctx.morph.parse(ctx.tokens[index].text)
    wanted = {"NOUN": {"NOUN"}, "ADJ": {"ADJF", "PRTF"}}.get(pos, set())
    return next((p for p in parses if p.tag.POS in wanted), parses[0])


def inflect_word(ctx: EventContext, index: int, head_parse, number: str) -> str:
    """One word of the phrase in the nominative agreeing with the head."""
    token = ctx.tokens[index]
    if token.text.isupper() and len(token.text) > 1:
        return token.text
    parse = best_parse(ctx, index, token.pos or "NOUN")
    grams = {"nomn", number}
    if parse.tag.POS != "NOUN" and number == "sing" and head_parse.tag.gender:
        grams.add(head_parse.tag.gender)
    form = parse.inflect(grams) or parse.inflect({"nomn"})
    return fold_yo(form.word if form else token.text.lower())


def coordinated(ctx: EventContext, index: int, stop: int, case: str | None, ends: list | None = None) -> list[str]:
    """Phrases "A и B, C" starting at `index`, all in the same case; a place after a
    phrase does not end the list ("синагогу в Дербенте, пост ДПС в Махачкале").
    The last token of each phrase is appended to `ends` when given."""
    phrases = []
    while index < stop:
        found = chunk(ctx, index, stop, case)
        if found is None:
            break
        first, head = found
        if is_place_noun(ctx, head):
            break
        last = dependents(ctx, head, stop)
        phrases.append(nominative(ctx, first, head, last))
        if ends is not None:
            ends.append(last)
        case = case or ctx.case(head)
        last = skip_place(ctx, last + 1, stop) - 1
        if last + 1 < stop and plain(ctx.tokens[last + 1].text) in CONJUNCTIONS:
            index = last + 2
            continue
        break
    return phrases


PLACE_PREPS = words("target_place_prep")


def skip_place(ctx: EventContext, index: int, stop: int) -> int:
    """The index after "в (селе) Дербенте" starting at `index`, or `index` itself."""
    if index >= stop or plain(ctx.tokens[index].text) not in PLACE_PREPS:
        return index
    probe = index + 1
    while probe < stop and ("settlement" in lexicon().roles(ctx.lemmas[probe]) or ctx.tokens[probe].pos == "ADJ"):
        probe += 1
    span, _ = ctx.entity_at(probe) if probe < stop else (None, None)
    if span is None or span.type != LOC:
        return index
    return ctx.span_last_token(probe) + 1


def is_place_noun(ctx: EventContext, head: int) -> bool:
    """"город", "село", "улица": where, not what was hit."""
    return "settlement" in lexicon().roles(ctx.lemmas[head])


def is_facility(ctx: EventContext, first: int, head: int) -> bool:
    """Whether a phrase's head (or modifier + head) is a facility noun."""
    pair = ctx.lemmas[head - 1] + "_" + ctx.lemmas[head] if head > first else ""
    return ctx.lemmas[head] in lexicon().targets or pair in lexicon().targets


def facility_after(ctx: EventContext, index: int, stop: int) -> list[str]:
    """"пожар в торговом центре" -> ["торговый центр"] (facility nouns only)."""
    if index >= stop or plain(ctx.tokens[index].text) not in FACILITY_PREPS:
        return []
    index += 2 if plain(ctx.tokens[index].text) in TWO_WORD_PREPS else 1
    found = chunk(ctx, index, stop, None)
    if found is None or not is_facility(ctx, *found):
        return []
    return coordinated(ctx, index, stop, None)


def targets_after(ctx: EventContext, trigger_last: int, verb: bool, stop: int, ends: list | None = None) -> list[str]:
    """Targets right after a trigger word ending at token `trigger_last`: the object
    of an attack verb (`verb`), or the subject after an incident verb ("обрушилась
    кровля", "загорелся склад")."""
    index = trigger_last + 1
    while index < stop and ctx.tokens[index].pos in ("ADV", "PART"):
        index += 1
    if index >= stop:
        return []
    if verb:
        found = coordinated(ctx, index, stop, "Acc", ends)
    elif ctx.tokens[trigger_last].pos in ("VERB", "AUX"):
        found = coordinated(ctx, index, stop, "Nom")
    elif plain(ctx.tokens[index].text) in OBJECT_PREPS and chunk(ctx, index + 1, stop, "Acc"):
        found = coordinated(ctx, index + 1, stop, "Acc", ends)
    else:
        head = chunk(ctx, index, stop, "Gen")
        found = coordinated(ctx, index, stop, "Gen") if head and is_facility(ctx, *head) else []
    return found or facility_after(ctx, index, stop)


BEFORE_WINDOW = 8


def targets_before(ctx: EventContext, trigger: int, low: int) -> list[str]:
    """"На шахте имени Костенко произошел пожар" -> ["шахта имени Костенко"]: a
    facility phrase shortly before the trigger, in the same clause."""
    for index in range(trigger - 1, max(low, trigger - BEFORE_WINDOW) - 1, -1):
        text = plain(ctx.tokens[index].text)
        if text in {",", ";", ":", "—", "–", "."}:
            return []
        if text in FACILITY_PREPS:
            found = facility_after(ctx, index, trigger)
            if found:
                return found
    return []
