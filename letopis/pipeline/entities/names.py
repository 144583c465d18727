"""Nominative forms of words inside names, with pymorphy3 and the tagger.

pymorphy3 alone guesses badly on names it does not know ("Токаев" ->
"токай", "Асию" -> "асий", "Сергокала" -> a verb). The morph tagger has
already read the word in context, so its case and gender pick the parse;
when no dictionary parse fits, regular Russian name endings are undone by
rule; when nothing fits, the word is kept as written (a nominative or an
indeclinable foreign name is right as it is).
"""
from __future__ import annotations

from ... import data
from ...morph import fold_yo

CASES = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct",
         "Par": "gent", "Voc": "nomn"}
GENDERS = {"Masc": "masc", "Fem": "femn", "Neut": "neut"}
NAME_TAGS = ("Name", "Surn", "Patr")

# Endings of declined Russian surnames and names -> nominative, by gender,
# longest first (used only when the dictionary has no parse that fits);
# FEM_VOWEL_ENDINGS: feminine endings no masculine name has, tried even
# when the tagger says masculine.
ENDINGS = data.rows("entities/name_endings.txt")  # list, ending, nominative ending
MASC_ENDINGS, FEM_ENDINGS, FEM_VOWEL_ENDINGS = ([(old, new) for kind, old, new in ENDINGS if kind == name]
                                               for name in ("masc", "fem", "fem_vowel"))

# Masculine names on a consonant (CONSONANT_STEM) or on a soft consonant or
# "й" ("Скрипаль", "Андрей"; SOFT_STEM): the case ending to strip, by case.
STEMS = data.rows("entities/name_stems.txt")  # kind, case, endings
CONSONANT_STEM, SOFT_STEM, A_STEM = ({case: tuple(ends) for kind, case, *ends in STEMS if kind == name}
                                     for name in ("consonant", "soft", "a"))
A_NOMINATIVE = A_STEM.pop("nomn")[0]  # what the case endings of the "a" rows give way to
CONSONANTS = set(dict(data.rows("entities/letters.tsv"))["consonants"])


def case_of(token) -> str | None:
    return CASES.get((token.feats or {}).get("Case")) if token is not None else None


def gender_of(token) -> str | None:
    return GENDERS.get((token.feats or {}).get("Gender")) if token is not None else None


def keep_spelling(original: str, word: str) -> str:
    """The inflected word with the original's letter case and its е/ё choice."""
    if "ё" not in original.lower():
        word = fold_yo(word)
    if original.isupper() and len(original) > 1:
        return word.upper()
    parts = word.split("-")
    originals = original.split("-")
    if len(parts) == len(originals):
        return "-".join(p[:1].upper() + p[1:] if o[:1].isupper() else p for p, o in zip(parts, originals))
    return word[:1].upper() + word[1:] if original[:1].isupper() else word


def _fits(parse, case: str | None, gender: str | None) -> bool:
    """Does a pymorphy parse agree with the tagger's case and gender?
    (pymorphy's tag attributes compare only with valid grammemes, hence strings.)"""
    tag = parse.tag
    tag_case, tag_gender = str(tag.case or ""), str(tag.gender or "")
    if case and tag_case and tag_case not in (case, {"gent": "gen2", "loct": "loc2"}.get(case, case)):
        return False
    if gender and tag_gender and tag_gender != gender and "ms-f" not in tag and "GNdr" not in tag:
        return False
    return True


def person_word(morph, word: str, token, hint: str | None = None, gender: str | None = None) -> str:
    """One word of a person's name -> nominative singular, same gender.

    The tagger's case picks the parse; its "nominative" is not trusted for a
    word that has no nominative parse ("Токаеву"), and then `hint` (the case
    of the name's other words) or the gender alone decides. `hint` "nomn"
    means another word of the name is surely nominative ("Майя Санду"):
    then a word without a nominative parse is an indeclinable name, kept.
    `gender`, when given, is the first name's ("Марину Сергееву" is a woman
    whatever the tagger guessed for the surname)."""
    if word.isupper() and len(word) > 3 and _cyrillic(word) and word.replace("-", "").isalpha():
        word = "-".join(part.capitalize() for part in word.split("-"))  # a byline's capitals: "Леонидом ЮЗЕФОВИЧЕМ"
    if not word[:1].isalpha() or word.isupper() or not _cyrillic(word):
        return word
    if "-" in word and not morph.parse(word)[0].is_known and all(p[:1].isupper() for p in word.split("-")):
        return "-".join(person_word(morph, part, token, hint, gender) for part in word.split("-"))  # "Азию-Биби"
    found = morph.parse(word)
    names = [p for p in found if any(t in p.tag for t in NAME_TAGS) and p.tag.number != "plur"]
    if not gender or not any(str(p.tag.gender) == gender for p in names):
        gender = gender_of(token)  # the first name's gender only where the dictionary has the word in it
    case = case_of(token)
    if case == "nomn":
        if hint == "nomn" or any(p.tag.case == "nomn" for p in found):
            return word
        if not names:  # "астрофизиком Кронидом Любарским": the name's other words tell the case
            return by_ending(word, gender, hint) if hint else word
        case = hint
        fitting = [p for p in names if _fits(p, case, gender)]
        if not fitting and case and by_ending(word, gender, case) == word:  # the hint fits no reading:
            fitting = [p for p in names if _fits(p, None, gender)]  # "Кронидом" (ablt) beside "Любарским" (datv)
    else:
        fitting = [p for p in names if _fits(p, case, gender)]
        if not fitting and hint and hint != case:  # the tagger's case of one word against the others':
            fitting = [p for p in names if _fits(p, hint, gender)]  # "Леонидом ЮЗЕФОВИЧЕМ" (Gen)
    for parse in fitting:
        if "Fixd" in parse.tag:
            return word
        form = parse.inflect({"nomn", "sing"} if "Pltm" not in parse.tag else {"nomn"})
        if form is not None:
            return keep_spelling(word, form.word)
    return by_ending(word, gender, case) if case else word


def by_ending(word: str, gender: str | None, case: str | None = None) -> str:
    """Undo a regular surname/name ending ("Токаеву" -> "Токаев", "Асию" ->
    "Асия", "Цзиньпином" -> "Цзиньпин")."""
    low = word.lower()
    rules = FEM_ENDINGS if gender == "femn" else MASC_ENDINGS + FEM_VOWEL_ENDINGS
    for old, new in rules:
        if low.endswith(old) and len(low) > len(old) + 1:
            return keep_spelling(word, low[: -len(old)] + new)
    if gender != "femn" or (case == "ablt" and low.endswith("ом")):  # no feminine name ends so
        for old in CONSONANT_STEM.get(case, ()):
            stem = low[: -len(old)]
            if low.endswith(old) and len(stem) > 2 and stem[-1] in CONSONANTS:
                return keep_spelling(word, stem)
        for old in SOFT_STEM.get(case, ()):
            stem = low[: -len(old)]
            if low.endswith(old) and len(stem) > 2:  # "Скрипалю" -> "Скрипаль", "Андрею" -> "Андрей"
                return keep_spelling(word, stem + ("ь" if stem[-1] in CONSONANTS else "й"))
    for old in A_STEM.get(case, ()):  # names on -а of either gender: "Мистурой", "Бенсуды", "Нарендрой"
        stem = low[: -len(old)]
        if low.endswith(old) and len(stem) > 2 and stem[-1] in CONSONANTS:
            return keep_spelling(word, stem + A_NOMINATIVE)
    return word


def name_gender(morph, tokens) -> str | None:
    """The gender of the name's first name(s) where the dictionary and the
    tagger agree on it: the dictionary's declinable first-name readings in
    the tagger's case ("Марину" accs: femn) have one gender, the tagger's.
    Guesses ("Асия" -> masc "Асий") and indeclinable names ("Биби") tell nothing."""
    genders = set()
    for token in tokens:
        case = case_of(token)
        found = {str(p.tag.gender) for p in morph.parse(token.text)
                 if "Name" in p.tag and p.tag.gender and p.is_known and "Fixd" not in p.tag and _fits(p, case, None)}
        if len(found) == 1 and found == {gender_of(token)}:
            genders |= found
    return genders.pop() if len(genders) == 1 else None


def surely_nominative(morph, tokens) -> bool:
    """Some first name of the phrase is read nominative by the tagger and
    has no other case as a first name in the dictionary ("Майя", "Марина")."""
    for token in tokens:
        parses = [p for p in morph.parse(token.text) if "Name" in p.tag]
        if case_of(token) == "nomn" and parses and all(p.tag.case == "nomn" and p.is_known and "Fixd" not in p.tag
                                                       for p in parses):
            return True
    return False


def _cyrillic(word: str) -> bool:
    return any("а" <= c <= "я" or c == "ё" for c in word.lower())


def name_parts(morph, words: list[str], normals: list[str]) -> dict:
    """first/middle/last of a person's name, surname-first order included."""
    kinds = [_kind(morph, w) for w in words]
    names = [n for n in normals if n[:1].isalpha()]
    kinds = [k for k, n in zip(kinds, normals) if n[:1].isalpha()]
    parts: dict = {}
    if not names:
        return parts
    if len(names) == 1:
        parts["first" if kinds[0] == "Name" else "last"] = names[0]
    elif len(names) == 2:
        if kinds[0] == "Surn" and kinds[1] == "Name":
            parts.update(last=names[0], first=names[1])
        elif kinds[1] == "Patr":
            parts.update(first=names[0], middle=names[1])
        else:
            parts.update(first=names[0], last=names[1])
    else:
        if kinds[0] == "Surn" and kinds[1] == "Name":
            parts.update(last=names[0], first=names[1], middle=" ".join(names[2:]))
        elif kinds[1] == "Patr" or len(names) == 3:
            parts.update(first=names[0], middle=" ".join(names[1:-1]), last=names[-1])
        else:
            parts.update(first=names[0], last=" ".join(names[1:]))
    return {k: v for k, v in parts.items() if v}


def _kind(morph, word: str) -> str | None:
    """Name, Surn or Patr from the dictionary's best name parse, if any."""
    for parse in morph.parse(word)[:4]:
        for tag in ("Patr", "Name", "Surn"):
            if tag in parse.tag:
                return tag
    return None
