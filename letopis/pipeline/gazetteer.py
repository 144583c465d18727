"""Gazetteers of places and organizations: type and subtype of known names.

Data: `letopis/data/gazetteer/*.tsv`, one entry a line: type, subtype,
nominative name, aliases separated by "|". `countries.tsv` is generated
from pycountry's Russian ISO 3166 names (scripts/build_gazetteer.py);
`loc.tsv` and `org.tsv` are written by hand. An inflected mention matches an
entry when each of its words shares a lemma with the entry's word, so
"Европейского союза" finds "Европейский союз" and "Соединённых Штатов"
finds "Соединённые Штаты" (a participle's lemma is its verb).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import data
from .lemmas import lemma_set



@dataclass(frozen=True)
class Entry:
    type: str
    subtype: str
    name: str  # canonical nominative name


_SPELLING: dict[tuple, str] = {}  # phrase key -> the name as written in the data


@lru_cache(maxsize=1)
def index() -> dict[tuple, tuple[Entry, ...]]:
    """Phrase key (lower-cased nominative words) -> entries (names may be ambiguous)."""
    out: dict[tuple, list[Entry]] = {}
    for name in data.files("gazetteer", ".tsv"):
        for cols in data.rows(name):
            entry = Entry(cols[0], cols[1], cols[2])
            names = [cols[2]] + [a for a in (cols[3] if len(cols) > 3 else "").split("|") if a]
            for name in names:
                key = tuple(lemma_set(word) for word in name.split())
                _SPELLING.setdefault(key, name)
                bucket = out.setdefault(key, [])
                if entry not in bucket:
                    bucket.append(entry)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def by_last_word() -> dict[str, list[tuple]]:
    """Last word of each key -> keys, to look up inflected phrases fast."""
    out: dict[str, list[tuple]] = {}
    for key in index():
        for lemma in key[-1]:
            out.setdefault(lemma, []).append(key)
    return out


@lru_cache(maxsize=1)
def by_first_word() -> dict[str, list[tuple]]:
    """First word of each key -> keys, longest first."""
    out: dict[str, list[tuple]] = {}
    for key in sorted(index(), key=len, reverse=True):
        for lemma in key[0]:
            out.setdefault(lemma, []).append(key)
    return out


def starting_at(words: list[str]) -> list[tuple[int, tuple]]:
    """(length, key) of entries matching a prefix of `words`, longest first."""
    out = set()
    for lemma in lemma_set(words[0]):
        for key in by_first_word().get(lemma, ()):
            n = len(key)
            if n <= len(words) and all(k & lemma_set(w) for w, k in zip(words[1:n], key[1:])):
                out.add((n, key))
    return sorted(out, key=lambda x: -x[0])


def keys_of(words: list[str]) -> list[tuple]:
    """Gazetteer phrase keys the inflected phrase `words` matches."""
    if not words:
        return []
    found = {key for lemma in lemma_set(words[-1]) for key in by_last_word().get(lemma, ())
             if len(key) == len(words) and all(k & lemma_set(w) for w, k in zip(words[:-1], key[:-1]))}
    return sorted(found, key=lambda k: _SPELLING[k])


def nominative(words: list[str]) -> str | None:
    """The phrase's nominative as the gazetteer writes it ("Акорду" -> "Акорда")."""
    keys = keys_of(words)
    return _SPELLING.get(keys[0]) if len(keys) == 1 else None


def lookup(words: list[str]) -> tuple[Entry, ...]:
    """Entries the inflected phrase `words` names (empty when unknown)."""
    found: list[Entry] = []
    for key in keys_of(words):
        found.extend(e for e in index()[key] if e not in found)
    return tuple(found)


def unique(words: list[str]) -> Entry | None:
    """The entry when the phrase names exactly one type of thing, else None."""
    entries = lookup(words)
    return entries[0] if entries and len({e.type for e in entries}) == 1 else None


@lru_cache(maxsize=1)
def max_words() -> int:
    return max(len(k) for k in index())
