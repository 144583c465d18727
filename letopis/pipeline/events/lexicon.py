"""Word lists for the events stage, read once from `letopis/data/events/`.

The lists are data, not code, so a reader can extend the taxonomy or the
casualty cues without touching the rules. Every entry is a pymorphy3 lemma
with "ё" written as "е"; two-word entries join the lemmas with "_".
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ... import data



def read_pairs(name: str) -> list[list[str]]:
    """The entries of `letopis/data/events/NAME`, split on whitespace."""
    return data.rows(f"events/{name}")


@dataclass(frozen=True)
class Trigger:
    """What a trigger lemma announces: type, kind, and whether the type is a guess."""

    type: str
    kind: str
    ambiguous: bool = False
    needs: str | None = None  # a marker role some word of the sentence must have


@dataclass(frozen=True)
class Lexicon:
    triggers: dict
    numerals: dict
    casualties: dict
    markers: dict
    targets: frozenset

    def roles(self, lemma: str) -> set[str]:
        """Marker roles of a lemma ("old", "new", "approx:about", "blocker"…)."""
        return self.markers.get(lemma, set())


def build_markers(rows: list[list[str]]) -> dict:
    """Lemma -> set of roles (a lemma may have several)."""
    markers: dict[str, set[str]] = {}
    for lemma, role in rows:
        markers.setdefault(lemma, set()).add(role)
    return markers


def build_triggers(rows: list[list[str]]) -> dict:
    """Lemma -> Trigger; "incident?" marks a type to confirm by context, "needs:ROLE" a condition."""
    triggers = {}
    for lemma, kind_type, kind, *rest in rows:
        needs = rest[0].split(":", 1)[1] if rest and rest[0].startswith("needs:") else None
        triggers[lemma] = Trigger(kind_type.rstrip("?"), kind, kind_type.endswith("?"), needs)
    return triggers


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, loaded once per process."""
    return Lexicon(
        triggers=build_triggers(read_pairs("triggers.txt")),
        numerals={lemma: int(value) for lemma, value in read_pairs("numerals.txt")},
        casualties={lemma: field for lemma, field in read_pairs("casualties.txt")},
        markers=build_markers(read_pairs("markers.txt")),
        targets=frozenset(row[0] for row in read_pairs("targets.txt")),
    )


@lru_cache(maxsize=1)
def word_lists() -> dict[str, tuple[tuple[str, ...], ...]]:
    """`letopis/data/events/words.txt`: list name -> its entries (each a tuple of columns)."""
    lists: dict[str, list] = {}
    for name, *entry in read_pairs("words.txt"):
        lists.setdefault(name, []).append(tuple(entry))
    return {name: tuple(entries) for name, entries in lists.items()}


def words(name: str) -> frozenset[str]:
    """The one-word entries of list `name` as a set."""
    return frozenset(entry[0] for entry in word_lists()[name])


def phrases(name: str) -> list[list[str]]:
    """The entries of list `name` as word lists, in file order ("в связи с" -> ["в", "связи", "с"])."""
    return [list(entry) for entry in word_lists()[name]]


def table(name: str, value=str) -> dict:
    """List `name` as ENTRY -> VALUE, in file order."""
    return {entry[0]: value(entry[1]) for entry in word_lists()[name]}
