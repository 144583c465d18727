"""Word lists and cached morphology shared by the positions and facts stages.

The lists live in `letopis/data/` (positions.txt, geo_adjectives.txt) so
that adding a post or a place adjective needs no code change. pymorphy3's
`parse` costs tens of microseconds per call; news text repeats its words,
so parses are cached per word form.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ... import data
from ...morph import fold, fold_yo
from ..doc import Sentence, Token


@lru_cache(maxsize=1)
def word_lists() -> dict[str, tuple[str, ...]]:
    """`letopis/data/facts/words.txt`: list name -> its entries, in file order."""
    lists: dict[str, list[str]] = {}
    for name, *entry in data.rows("facts/words.txt"):
        lists.setdefault(name, []).append(" ".join(entry))
    return {name: tuple(entries) for name, entries in lists.items()}


#: dependents that name a place or organization only generically; the
#: facts stage resolves them from context ("глава региона" -> Дагестан).
GENERIC_WHERE = {lemma: kind for lemma, kind in data.rows("facts/generic_where.txt")}

NOT_ORG = frozenset(word_lists()["not_org"])  # "лидер оппозиции", "командир корабля"
SKIP_ADJECTIVES = frozenset(word_lists()["skip_adjective"])  # "известный правозащитник"
FORMER_WORDS = frozenset(word_lists()["former"])
PREFIXES = word_lists()["prefix"]  # "экс-премьер", "вице-спикер"


@dataclass(frozen=True)
class Parse:
    lemma: str
    pos: str
    gender: str | None
    number: str | None = None
    fixed: bool = False  # indeclinable ("Челси", "ФИДЕ") or unknown to the dictionary


_MORPH = None


def set_morph(morph) -> None:
    """Bind the pymorphy3 analyzer once (the pipeline's `models.morph`)."""
    global _MORPH
    if _MORPH is None:
        _MORPH = morph


@lru_cache(maxsize=200_000)
def parses(word: str) -> tuple[Parse, ...]:
    """All pymorphy3 readings of a lower-cased word (lemma with ё -> е)."""
    return tuple(Parse(fold_yo(p.normal_form), str(p.tag.POS), p.tag.gender, p.tag.number,
                       "Fixd" in p.tag or not p.is_known)
                 for p in _MORPH.parse(word))


def indeclinable(word: str) -> bool:
    """Words that keep one form in every case: a genitive dependent may look nominative."""
    readings = parses(word.lower())
    return bool(readings) and readings[0].fixed


def _same_case(original: str, word: str) -> str:
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@lru_cache(maxsize=200_000)
def nominative_phrase(text: str) -> str:
    """ "вооружённых сил" -> "вооружённые силы": adjectives and the first noun to the
    nominative (keeping number), the rest as written."""
    out, done = [], False
    for word in text.split():
        if done:
            out.append(word)
            continue
        for parse in _MORPH.parse(word):
            pos = str(parse.tag.POS)
            if pos in ("ADJF", "NOUN", "PRTF") and parse.tag.case == "gent":
                form = parse.inflect({"nomn", parse.tag.number or "sing"} if pos == "NOUN"
                                     else {"nomn", parse.tag.number or "sing"})
                out.append(_same_case(word, form.word if form else word))
                done = pos == "NOUN"
                break
        else:
            out.append(word)
            done = True
    return " ".join(out)


def lemma(token: Token, pos: str | None = None) -> str:
    """The token's lemma, preferring a reading of `pos` (NOUN/ADJF...)."""
    readings = parses(fold(token.text))
    if pos:
        for reading in readings:
            if reading.pos == pos:
                return reading.lemma
    return readings[0].lemma if readings else token.text.lower()


@lru_cache(maxsize=200_000)
def inflect_nominative(word: str, pos: str, gender: str | None = None) -> str:
    """`word` in the nominative singular (the adjective agreeing with `gender`)."""
    for parse in _MORPH.parse(word):
        if str(parse.tag.POS) != pos:
            continue
        grammemes = {"nomn", "sing"}
        if pos == "ADJF" and gender in ("masc", "femn", "neut"):
            grammemes.add(gender)
        form = parse.inflect(grammemes)
        return fold_yo(form.word if form else parse.normal_form)
    return word


def _data_lines(name: str):
    return data.rows(f"facts/{name}")


@lru_cache(maxsize=1)
def position_scopes() -> dict[str, str]:
    """positions.txt: post lemma -> scope (state, region, org, job)."""
    return {parts[0]: parts[1] for parts in _data_lines("positions.txt")}


@lru_cache(maxsize=1)
def _head_prefixes() -> frozenset[str]:
    return frozenset(lemma[:3] for lemma in position_scopes())


@lru_cache(maxsize=1)
def geo_adjectives() -> dict[str, str]:
    """geo_adjectives.txt: adjective lemma -> place name."""
    return {parts[0]: " ".join(parts[1:]) for parts in _data_lines("geo_adjectives.txt")}


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Lower-cased names of countries (from the adjective list) for context resolution."""
    regional = set(word_lists()["regional_adjective"])
    names = {name.lower() for adj, name in geo_adjectives().items() if adj not in regional}
    return frozenset(names | set(word_lists()["country_alias"]))


#: posts whose dependent is instrumental, not genitive.
INS_HEADS = frozenset(word_lists()["ins_head"])
VERB_POSTS = frozenset(word_lists()["verb_post"])  # participles the tagger may call a verb


def position_head(token: Token) -> tuple[str, str] | None:
    """(lemma, scope) when the token is a listed post, with its prefixed forms."""
    if token.pos not in ("NOUN", "PROPN", "ADJ", "X") and \
            not (token.pos == "VERB" and token.text.lower() in VERB_POSTS):
        return None
    word = fold(token.text)
    if word[:3] not in _head_prefixes() and not word.startswith(PREFIXES):
        return None  # cheap filter: a post's forms share its first letters; skips most nouns unparsed
    scopes = position_scopes()
    for reading in parses(word):
        if reading.pos in ("NOUN", "PRTF") and reading.lemma in scopes and \
                (reading.pos == "NOUN" or reading.lemma in INS_HEADS):
            return reading.lemma, scopes[reading.lemma]
    if word in scopes:  # indeclinable forms: "замминистра", "замглавы"
        return word, scopes[word]
    for prefix in PREFIXES:
        if word.startswith(prefix) and len(word) > len(prefix) + 3:
            rest = word[len(prefix):]
            for reading in parses(rest):
                if reading.pos == "NOUN" and reading.lemma in scopes:
                    return prefix + reading.lemma, scopes[reading.lemma]
    return None


def lines(doc, sent: Sentence) -> list[Sentence]:
    """The sentence cut at line breaks: a headline or subheading without a final
    period is not one sentence with the paragraph after it."""
    out, current = [], []
    for token in sent.tokens:
        if current and "\n" in doc.text[current[-1].stop:token.start]:
            out.append(current)
            current = []
        current.append(token)
    if current:
        out.append(current)
    if len(out) == 1:
        return [sent]
    return [Sentence(part[0].start, part[-1].stop, doc.text[part[0].start:part[-1].stop], part) for part in out]
