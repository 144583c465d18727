"""Spans that name nothing: capitalised common words, hashtags, adjectives.

slovnet reads a capital letter as a sign of a name, so a sentence that
opens with a gerund, adverb or adjective ("Отвечая на вопрос…",
"Единогласно…", "Крупнейшие…") may yield a person or organization; a
hashtag ("#HalaMadrid") an organization; a place adjective opening a
sentence before its noun ("Украинский кризис…") a place (inside a sentence
the capital makes it a name: "Северные территории"); a pronoun a person. The dictionary (pymorphy3) says what such a
word is once its capital letter is taken away; the document says whether it
is written with a capital where no sentence begins (then it is a name).
An abbreviation defined in brackets after a lower-case phrase
("газоперекачивающих агрегатов (ГПА)") abbreviates a common noun, not a name.
"""
from __future__ import annotations

from ..doc import NerSpan
from .spans import TokenIndex
from ...schema import LOC, ORG, PER

PROPER = ("Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Init")
PERSONAL = ("Name", "Surn", "Patr", "Orgn")
FUNCTION = {"NPRO", "PREP", "CONJ", "PRCL", "INTJ"}
# what a capitalised word at a sentence start is when it is no name
NOT_NAMES = {"GRND", "ADVB", "VERB", "INFN", "PRTF", "PRTS", "ADJS", "COMP", "PRED", "ADJF"} | FUNCTION
SENTENCE_ENDS = {".", "!", "?", "…", ":", ";"}
OPENERS = {"«", "„", "“", '"', "(", "—", "–", "-", "•"}
MARKS = ("#", "@")


def function_word(morph, word: str) -> bool:
    """Best read as a pronoun, preposition, conjunction or particle, and never
    as a name ("Им", "Они"; not "Ким")."""
    found = morph.parse(word.lower())
    return bool(found) and found[0].is_known and found[0].tag.POS in FUNCTION \
        and not any(tag in p.tag for p in found for tag in PERSONAL + ("Geox",))


def _common(morph, word: str, kinds: set[str]) -> bool:
    """The dictionary knows the lower-case word, best as one of `kinds`, and
    never as a name, place or organization."""
    found = morph.parse(word.lower())
    return bool(found) and found[0].is_known and found[0].tag.POS in kinds \
        and not any(tag in p.tag for p in found for tag in PROPER)


def _adjective(morph, word: str) -> bool:
    """Every dictionary reading an adjective (a place adjective too), none a
    name ("Украинский"; not "Толстой")."""
    found = morph.parse(word.lower())
    return bool(found) and found[0].is_known and all(p.tag.POS == "ADJF" for p in found) \
        and not any(tag in p.tag for p in found for tag in PERSONAL)


def _modifies_next(toks, j: int) -> bool:
    """Is token j a lower-case noun or adjective in the case and number of
    token j-1 (an adjective before its noun; "Поднебесная будет…" is a name)?"""
    if j >= len(toks) or not toks[j].text.islower() or toks[j].pos not in ("NOUN", "ADJ"):
        return False
    a, b = toks[j - 1].feats or {}, toks[j].feats or {}
    return all(a.get(f) and a.get(f) == b.get(f) for f in ("Case", "Number"))


def sentence_starts(index: TokenIndex) -> list[bool]:
    """Per token: does a sentence (or a line) start here, opening marks skipped?"""
    toks, text = index.tokens, index.doc.text
    starts = []
    fresh = True
    for k, tok in enumerate(toks):
        if k and "\n" in text[toks[k - 1].stop:tok.start]:
            fresh = True
        starts.append(fresh and tok.text not in OPENERS)
        if tok.text in SENTENCE_ENDS:
            fresh = True
        elif tok.text not in OPENERS:
            fresh = False
    return starts


def _initials(abbr: str, words: list[str]) -> bool:
    """Is `abbr` spelt by exactly these words, each giving its first letter
    and maybe more in order ("гпа" ~ "газоперекачивающих агрегатов")?"""
    def match(i: int, w: int) -> bool:
        if w == len(words):
            return i == len(abbr)
        word = words[w].lower()
        if i >= len(abbr) or word[0] != abbr[i]:
            return False
        j, pos = i + 1, 1
        while True:
            if match(j, w + 1):
                return True
            if j >= len(abbr):
                return False
            pos = word.find(abbr[j], pos)
            if pos < 0:
                return False
            j, pos = j + 1, pos + 1
    return match(0, 0)


def common_abbreviations(index: TokenIndex) -> set[str]:
    """Abbreviations the text defines in brackets after a lower-case phrase."""
    toks = index.tokens
    found = set()
    for k in range(1, len(toks) - 2):
        abbr = toks[k + 1].text
        if toks[k].text != "(" or toks[k + 2].text != ")" or not (abbr.isupper() and abbr.isalpha() and len(abbr) > 1):
            continue
        words = []
        m = k - 1
        while m >= 0 and len(words) < len(abbr) and toks[m].text.isalpha() and toks[m].text.islower():
            words.insert(0, toks[m].text)
            m -= 1
        if any(_initials(abbr.lower(), words[-n:]) for n in range(1, len(words) + 1)):
            found.add(abbr)
    return found


def drop_junk(index: TokenIndex, spans: list[NerSpan]) -> list[NerSpan]:
    """Keep the spans that may name something (see the module's docstring)."""
    morph, text, toks = index.morph, index.doc.text, index.tokens
    starts = sentence_starts(index)
    inside = {}  # lower-case word -> written with a capital where no sentence starts
    for k, tok in enumerate(toks):
        if tok.text[:1].isupper() and not starts[k]:
            inside[tok.text.lower()] = True
    defined = common_abbreviations(index)
    out = []
    for span in spans:
        i, j = index.range(span.start, span.stop)
        words = [t.text for t in toks[i:j]]
        if not words:
            continue
        if span.start and text[span.start - 1] in MARKS:
            continue  # "#HalaMadrid", "@realmadrid"
        if span.type == PER and len(words) > 1 and starts[i] and words[0].lower() not in inside \
                and _common(morph, words[0], NOT_NAMES | {"NOUN"}) \
                and morph.parse(words[0].lower())[0].tag.case in (None, "nomn"):  # "Тору Камикава" stays
            span, i = index.make(i + 1, j, PER), i + 1  # "Здоровяк Ньютон", "Разъяренный Ленин" opening a sentence
            words = words[1:]
        if len(words) == 1:
            word = words[0]
            if function_word(morph, word) or word in defined:
                continue
            if starts[i] and span.type in (LOC, ORG) and _adjective(morph, word) and _modifies_next(toks, j):
                continue  # "Украинский кризис": the adjective of a common noun names no place
            if starts[i] and word.lower() not in inside and _common(morph, word, NOT_NAMES):
                continue  # "Отвечая", "Единогласно", "Крупнейшие" opening a sentence
            if starts[i] and word.lower() not in inside and _common(morph, word, {"NOUN"}) \
                    and not index.gazetteer.lookup([word]):
                continue  # "Дед", "Острословы", "Нефть" opening a sentence or a line: a common noun
        out.append(span)
    return out
