"""Word lists and cached morphology shared by the positions and facts stages.

The lists live in `letopis/data/facts/`, read through `letopis.data`, so
that adding a post, a trigger verb or a place adjective needs no code change:

- words.txt: LIST ENTRY lines of the positions rules (not_org, copula,
  honorific, ...); meeting.txt: the same for the meeting facts (trigger_verb,
  speech, ...); `word_lists(name)` reads either;
- positions.txt: post lemma -> scope; geo_adjectives.txt: place adjective ->
  place name; generic_places.txt and entities/org_nouns.tsv: generic dependent -> its kind;
- prepositions.txt: preposition -> the case of a post's complement;
  abbreviations.txt: abbreviated post lemma -> its written form.

Morphology comes from the stage's `models.morph` (one `letopis.morph.Morph`
per process): `lookups(morph)` gives the `Lookups` built once for that Morph,
which the stages pass down to their rules. pymorphy3's `parse` costs tens of
microseconds per call; news text repeats its words, so its readings are
cached per word form.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ... import data
from ...morph import CACHE_SIZE, Morph, fold, fold_yo
from ..doc import Sentence, Token


@lru_cache(maxsize=None)
def word_lists(name: str = "words.txt") -> dict[str, tuple[str, ...]]:
    """`letopis/data/facts/<name>` (LIST ENTRY lines): list name -> its entries, in file order."""
    lists: dict[str, list[str]] = {}
    for list_name, *entry in data.rows(f"facts/{name}"):
        lists.setdefault(list_name, []).append(" ".join(entry))
    return {list_name: tuple(entries) for list_name, entries in lists.items()}


def word_set(list_name: str, name: str = "words.txt") -> frozenset[str]:
    """One list of `word_lists(name)` as a set."""
    return frozenset(word_lists(name)[list_name])


#: dependents that name a place or organization only generically; the
#: facts stage resolves them from context ("глава региона" -> Дагестан).
GENERIC_WHERE = {lemma: kind for lemma, kind in data.rows("facts/generic_places.txt")} | \
    {row[0]: "org" for row in data.rows("entities/org_nouns.tsv") if row[5] == "org"}

NOT_ORG = word_set("not_org")  # "лидер оппозиции", "командир корабля"
SKIP_ADJECTIVES = word_set("skip_adjective")  # "известный правозащитник"
FORMER_WORDS = word_set("former")
PREFIXES = word_lists()["prefix"]  # "экс-премьер", "вице-спикер"


NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr"})
#: pymorphy3's case grammemes -> the tagger's (Universal Dependencies) case names
UD_CASES = {"nomn": "Nom", "gent": "Gen", "gen2": "Gen", "datv": "Dat", "accs": "Acc", "acc2": "Acc",
            "ablt": "Ins", "loct": "Loc", "loc2": "Loc", "voct": "Nom"}


@dataclass(frozen=True)
class Parse:
    lemma: str
    pos: str
    gender: str | None
    number: str | None = None
    fixed: bool = False  # indeclinable ("Челси", "ФИДЕ") or unknown to the dictionary


def _same_case(original: str, word: str) -> str:
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@lru_cache(maxsize=4)  # as gazetteer.of: one per Morph, bounded
def lookups(morph: Morph) -> Lookups:
    """The `Lookups` of one Morph, built on first use (one per process in practice)."""
    return Lookups(morph)


class Lookups:
    """The facts rules' morphology over one `Morph`, cached per word form."""

    def __init__(self, morph: Morph, cache_size: int = CACHE_SIZE):
        self.morph = morph
        self.parses = lru_cache(maxsize=cache_size)(self._parses)
        self.nominative_phrase = lru_cache(maxsize=cache_size)(self._nominative_phrase)
        self.inflect_nominative = lru_cache(maxsize=cache_size)(self._inflect_nominative)
        self.name_cases = lru_cache(maxsize=cache_size)(self._name_cases)

    def _parses(self, word: str) -> tuple[Parse, ...]:
        """All pymorphy3 readings of a lower-cased word (lemma with ё -> е)."""
        return tuple(Parse(fold_yo(p.normal_form), str(p.tag.POS), p.tag.gender, p.tag.number,
                           "Fixd" in p.tag or not p.is_known)
                     for p in self.morph.parse(word))

    def _name_cases(self, word: str) -> frozenset[str] | None:
        """Cases (UD names) a first name, surname or patronymic form can have by the
        dictionary: "Путина" -> {Gen, Acc, Nom}, "Айбеком" -> {Ins}; None when the word
        has no name reading in the dictionary (a guess for "Маехары" is no evidence)
        or is indeclinable ("Шойгу"): any case then."""
        cases = set()
        for parse in self.morph.parse(word.lower()):
            grammemes = parse.tag.grammemes
            if not grammemes & NAME_GRAMMEMES or not parse.is_known or "plur" in grammemes:
                continue  # one person's name is singular: "Киран" is not the plural of "Кира"
            if "Fixd" in grammemes:
                return None
            if parse.tag.case in UD_CASES:
                cases.add(UD_CASES[parse.tag.case])
        return frozenset(cases) or None

    def indeclinable(self, word: str) -> bool:
        """Words that keep one form in every case: a genitive dependent may look nominative."""
        readings = self.parses(word.lower())
        return bool(readings) and readings[0].fixed

    def _nominative_phrase(self, text: str) -> str:
        """ "вооружённых сил" -> "вооружённые силы": adjectives and the first noun to the
        nominative (keeping number), the rest as written."""
        out, done = [], False
        gender = self._head_gender(text.split())
        for word in text.split():
            if done:
                out.append(word)
                continue
            for parse in self.morph.parse(word):
                pos = str(parse.tag.POS)
                if pos in ("ADJF", "PRTF") and gender and parse.tag.number == "sing" and parse.tag.gender != gender:
                    continue  # "парламентского комитета" -> "парламентский", not "парламентское"
                if pos in ("ADJF", "NOUN", "PRTF") and parse.tag.case == "gent":
                    form = parse.inflect({"nomn", parse.tag.number or "sing"})
                    out.append(_same_case(word, form.word if form else word))
                    done = pos == "NOUN"
                    break
            else:
                out.append(word)
                done = True
        return " ".join(out)

    def _head_gender(self, words: list[str]) -> str | None:
        """The gender of the first genitive noun of a phrase (its adjectives agree with it)."""
        for word in words:
            for parse in self.morph.parse(word):
                if str(parse.tag.POS) == "NOUN" and parse.tag.case == "gent":
                    return parse.tag.gender if parse.tag.number == "sing" else None
        return None

    def lemma(self, token: Token, pos: str | None = None) -> str:
        """The token's lemma, preferring a reading of `pos` (NOUN/ADJF...)."""
        readings = self.parses(fold(token.text))
        if pos:
            for reading in readings:
                if reading.pos == pos:
                    return reading.lemma
        return readings[0].lemma if readings else token.text.lower()

    def _inflect_nominative(self, word: str, pos: str, gender: str | None = None) -> str:
        """`word` in the nominative singular (the adjective agreeing with `gender`)."""
        for parse in self.morph.parse(word):
            if str(parse.tag.POS) != pos:
                continue
            grammemes = {"nomn", "sing"}
            if pos == "ADJF" and gender in ("masc", "femn", "neut"):
                grammemes.add(gender)
            form = parse.inflect(grammemes)
            return fold_yo(form.word if form else parse.normal_form)
        return word

    def position_head(self, token: Token) -> tuple[str, str] | None:
        """(lemma, scope) when the token is a listed post, with its prefixed forms."""
        if token.pos not in ("NOUN", "PROPN", "ADJ", "X") and \
                not (token.pos == "VERB" and token.text.lower() in VERB_POSTS):
            return None
        word = fold(token.text)
        if word[:3] not in _head_prefixes() and not word.startswith(PREFIXES):
            return None  # cheap filter: a post's forms share its first letters; skips most nouns unparsed
        scopes = position_scopes()
        for reading in self.parses(word):
            if reading.pos in ("NOUN", "PRTF") and reading.lemma in scopes and \
                    (reading.pos == "NOUN" or reading.lemma in INS_HEADS):
                return reading.lemma, scopes[reading.lemma]
        if word in scopes:  # indeclinable forms: "замминистра", "замглавы"
            return word, scopes[word]
        for prefix in PREFIXES:
            if word.startswith(prefix) and len(word) > len(prefix) + 3:
                rest = word[len(prefix):]
                for reading in self.parses(rest):
                    if reading.pos == "NOUN" and reading.lemma in scopes:
                        return prefix + reading.lemma, scopes[reading.lemma]
        return None


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


@lru_cache(maxsize=1)
def prepositions() -> dict[str, str]:
    """prepositions.txt: preposition -> the case it governs in a post's complement."""
    return {word: case for word, case in _data_lines("prepositions.txt")}


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """abbreviations.txt: abbreviated post lemma -> its written form ("зав" -> "зав.")."""
    return {lemma: written for lemma, written in _data_lines("abbreviations.txt")}


#: posts whose dependent is instrumental, not genitive.
INS_HEADS = word_set("ins_head")
VERB_POSTS = word_set("verb_post")  # participles the tagger may call a verb


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
