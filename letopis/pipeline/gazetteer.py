"""Gazetteers of places and organizations: type and subtype of known names.

Data: `letopis/data/gazetteer/*.tsv`, one entry a line: type, subtype,
nominative name, aliases separated by "|". `countries.tsv` is generated
from pycountry's Russian ISO 3166 names (scripts/build_gazetteer.py);
`loc.tsv` and `org.tsv` are written by hand. Country entries sharing a
name are merged into one (the hand-written entry's name wins), so "ФРГ",
"Германия" and "Федеративная Республика Германия" are one country. An inflected mention matches an
entry when each of its words shares a lemma with the entry's word, so
"Европейского союза" finds "Европейский союз" and "Соединённых Штатов"
finds "Соединённые Штаты" (a participle's lemma is its verb).

The keys are lemma sets, so they are built with a `Morph`: `of(morph)`
gives the gazetteer indexed with that Morph, built once per Morph.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import data

GENERATED = "countries.tsv"  # from pycountry (scripts/build_gazetteer.py); read after the hand-written files


@dataclass(frozen=True)
class Entry:
    type: str
    subtype: str
    name: str  # canonical nominative name


@lru_cache(maxsize=4)
def of(morph) -> Gazetteer:
    """The gazetteer indexed with `morph`'s lemma sets (one per Morph)."""
    return Gazetteer(morph)


class Gazetteer:
    def __init__(self, morph):
        self.morph = morph
        self.spelling: dict[tuple, str] = {}  # phrase key -> the name as written in the data
        self.index = self._index()
        self.by_last_word = _by_word(self.index, -1)  # last word's lemma -> keys
        self.by_first_word = _by_word(sorted(self.index, key=len, reverse=True), 0)  # longest first
        self.max_words = max(len(k) for k in self.index)

    def _index(self) -> dict[tuple, tuple[Entry, ...]]:
        """Phrase key (lemma sets of the nominative words) -> entries (names may be ambiguous)."""
        out: dict[tuple, list[Entry]] = {}
        for file in sorted(data.files("gazetteer", ".tsv"), key=lambda f: f.endswith(GENERATED)):
            for cols in data.rows(file):
                entry = Entry(cols[0], cols[1], cols[2])
                names = [cols[2]] + [a for a in (cols[3] if len(cols) > 3 else "").split("|") if a]
                for name in names:
                    key = tuple(self.morph.lemma_set(word) for word in name.split())
                    self.spelling.setdefault(key, name)
                    bucket = out.setdefault(key, [])
                    if entry not in bucket:
                        bucket.append(entry)
        same = _one_country(out)
        return {k: tuple(dict.fromkeys(same.get(e, e) for e in v)) for k, v in out.items()}

    def starting_at(self, words: list[str]) -> list[tuple[int, tuple]]:
        """(length, key) of entries matching a prefix of `words`, longest first."""
        lemma_set = self.morph.lemma_set
        out = set()
        for lemma in lemma_set(words[0]):
            for key in self.by_first_word.get(lemma, ()):
                n = len(key)
                if n <= len(words) and all(k & lemma_set(w) for w, k in zip(words[1:n], key[1:])):
                    out.add((n, key))
        return sorted(out, key=lambda x: -x[0])

    def keys_of(self, words: list[str]) -> list[tuple]:
        """Gazetteer phrase keys the inflected phrase `words` matches."""
        if not words:
            return []
        lemma_set = self.morph.lemma_set
        found = {key for lemma in lemma_set(words[-1]) for key in self.by_last_word.get(lemma, ())
                 if len(key) == len(words) and all(k & lemma_set(w) for w, k in zip(words[:-1], key[:-1]))}
        return sorted(found, key=lambda k: self.spelling[k])

    def nominative(self, words: list[str]) -> str | None:
        """The phrase's nominative as the gazetteer writes it ("Акорду" -> "Акорда")."""
        keys = self.keys_of(words)
        return self.spelling.get(keys[0]) if len(keys) == 1 else None

    def lookup(self, words: list[str]) -> tuple[Entry, ...]:
        """Entries the inflected phrase `words` names (empty when unknown)."""
        found: list[Entry] = []
        for key in self.keys_of(words):
            found.extend(e for e in self.index[key] if e not in found)
        return tuple(found)

    def unique(self, words: list[str]) -> Entry | None:
        """The entry when the phrase names exactly one type of thing, else None."""
        entries = self.lookup(words)
        return entries[0] if entries and len({e.type for e in entries}) == 1 else None


def _one_country(index: dict[tuple, list[Entry]]) -> dict[Entry, Entry]:
    """Country entries that share a name are one country ("США" and pycountry's
    "Соединённые штаты" both called "Соединённые Штаты"; "Германия" and "ФРГ"):
    each -> the entry of the group read first (the hand-written files come
    before the generated one, so their short names win)."""
    parent: dict[Entry, Entry] = {}

    def root(e: Entry) -> Entry:
        while parent.get(e, e) != e:
            e = parent[e]
        return e

    for entries in index.values():
        countries = [e for e in entries if e.subtype == "country"]
        for other in countries[1:]:
            a, b = root(countries[0]), root(other)
            if a != b:
                parent[b] = a  # the first read stays the root
    return {e: root(e) for e in parent}


def _by_word(keys, position: int) -> dict[str, list[tuple]]:
    """The word at `position` of each key -> keys, in the order given."""
    out: dict[str, list[tuple]] = {}
    for key in keys:
        for lemma in key[position]:
            out.setdefault(lemma, []).append(key)
    return out
