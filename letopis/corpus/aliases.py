"""Which of a corpus entity's names to show as aliases.

The linker keys an entity under every form it meets, case forms included
("Путину", "Токаева"), so that any spelling finds it again. Those keys are
for matching; an analyst reading an entity's aliases expects distinct names
("Владимир Путин", "В. Путин", "ВВП"), not the declension of one. A name is
shown unless it is only an inflected form of the entity's name (or of a
shorter alias that is shown) or a lone patronymic ("Владимирович").
"""
from __future__ import annotations

from ..morph import Morph, fold, shared
from .words import WORD


def _words(name: str) -> list[str]:
    return [fold(w) for w in WORD.findall(name)]


def is_inflection(alias: str, name: str, morph: Morph) -> bool:
    """True when `alias` is `name`, or its last words, in another case/number/gender form.

    Words are aligned from the end (the surname of a person, the head of most
    place names is last or alone) and must share a lemma word by word
    (`Morph.lemma_set`); a word written the same way everywhere is the same
    name, not an inflection.
    """
    a, n = _words(alias), _words(name)
    if not a or len(a) > len(n):
        return False
    tail = n[len(n) - len(a):]
    if a == tail:
        return len(a) == len(n)  # "Путин" beside "Владимир Путин" is a short name, not a case form
    return all(x == y or morph.lemma_set(x) & morph.lemma_set(y) for x, y in zip(a, tail))


def is_patronymic(alias: str, morph: Morph) -> bool:
    """A single word every parse of which is a patronymic."""
    words = _words(alias)
    if len(words) != 1:
        return False
    parses = morph.parse(words[0])
    return bool(parses) and all("Patr" in p.tag for p in parses)


def display_aliases(name: str, aliases, morph: Morph | None = None) -> list[str]:
    """The aliases worth showing beside `name`, sorted, each distinct."""
    morph = morph or shared()
    shown: list[str] = []
    for alias in sorted(set(a for a in aliases if a), key=lambda a: (len(_words(a)), a)):
        if fold(alias) == fold(name) or is_patronymic(alias, morph):
            continue
        if any(is_inflection(alias, other, morph) for other in [name, *shown]):
            continue
        shown.append(alias)
    return sorted(shown)
