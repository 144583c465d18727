"""Cross-document entity linking: card entities -> corpus entities with aliases.

Rules, in order (each a small function below):
- names are compared as keys (lower case, ё as е, quotes and extra spaces
  dropped);
- ORG/LOC: the name, its expansion in `letopis/data/linking/abbreviations.tsv`
  ("РФ" -> "Россия") and its acronym ("Шанхайская организация
  сотрудничества" -> "шос") are looked up; an abbreviation seen before its
  full name is upgraded to the full name when the full name arrives;
- PER: an exact full-name key links; "К. Токаев" links to the one full name
  with that surname and a matching initial; a surname alone ("Токаев") links
  to the full name only when exactly one person with that surname is known,
  or when the article's other entities single one out (context); otherwise
  it stays a surname-only entity rather than merging namesakes blindly; a
  surname-only entity is upgraded when its full name arrives and no
  namesake exists.

The linker is in-memory and deterministic (one writer process owns it); it
assigns corpus ids itself, and the writer persists what it reports
(`Link.created`, `Link.renamed`, `Link.new_keys`). `bench/linking.py` uses it
without a database.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from .. import data
from ..morph import fold
from ..schema import LOC, ORG, PER


QUOTES = re.compile(r"[«»\"“”„'`]")
SPACES = re.compile(r"\s+")
FUNCTION_WORDS = data.words("linking/function_words.txt")  # left out of acronyms
ORG_LOC = (ORG, LOC)


def name_key(name: str) -> str:
    """A name as compared across articles."""
    name = QUOTES.sub("", name).replace(" - ", "-").replace(" -", "-").replace("- ", "-")
    return fold(SPACES.sub(" ", name).strip())


def acronym(name: str) -> str | None:
    """Initials of a name of 3+ content words ("Федеральная служба безопасности" -> "фсб")."""
    words = [w for w in name_key(name).replace("-", " ").split() if w not in FUNCTION_WORDS]
    if len(words) < 3 or not all(w[:1].isalpha() for w in words):
        return None
    return "".join(w[0] for w in words)


def looks_like_acronym(name: str) -> bool:
    """"ШОС", "ФСБ", "WADA": short, all capitals."""
    letters = name.replace("-", "").replace(" ", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, tuple[str, str]]:
    """alias key -> (canonical name, type), from the shipped table."""
    table: dict[str, tuple[str, str]] = {}
    for line in data.lines("linking/abbreviations.tsv"):
        alias, canonical, type_ = (line.split("\t") + ["", ""])[:3]
        table[name_key(alias)] = (canonical.strip(), type_.strip() or ORG)
        table.setdefault(name_key(canonical), (canonical.strip(), type_.strip() or ORG))
    return table


def person_parts(entity: dict) -> tuple[str | None, str]:
    """(first-name key or initial, last-name key) of a PER card entity."""
    parts = entity.get("parts") or {}
    last = parts.get("last")
    first = parts.get("first")
    tokens = name_key(entity["name"]).split()
    if not last:
        last = tokens[-1] if tokens else ""
        first = tokens[0] if len(tokens) > 1 else None
    first = name_key(first).rstrip(".") if first else None
    return first or None, name_key(last)


def written_surnames(entity: dict) -> set[str]:
    """Last words of a person's multi-word mentions as written ("Касым-Жомарт Токаев" -> "токаев").

    A safety net for normalization slips: the surname as the text spells it
    in the nominative still finds the person.
    """
    out = set()
    for mention in entity.get("mentions") or []:
        words = name_key(mention.get("text", "")).split()
        if len(words) > 1:
            out.add(words[-1])
    return out


def stem(word: str) -> str:
    """The first 4 letters: the bucket near-miss surnames are looked up in."""
    return word[:4]


def same_stem(a: str | None, b: str | None) -> bool:
    """Equal up to an ending: common prefix >= max(4, longer - 2) ("нисары" ~ "нисара")."""
    if not a or not b or a == b:
        return bool(a) and a == b
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= max(4, max(len(a), len(b)) - 2)


def first_names_match(a: str | None, b: str | None) -> bool:
    """Equal first names, or one is the other's initial ("к" ~ "касым-жомарт")."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    initials = "".join(c for c in short if c.isalpha())
    if len(initials) <= 2 and len(short) <= 5:  # "к", "к.", "к.-ж."
        parts = long_.split("-")
        return "".join(p[0] for p in parts).startswith(initials) or long_.startswith(initials)
    return False


@dataclass
class Known:
    """A corpus entity as the linker sees it."""

    id: int
    type: str
    name: str
    keys: set[str] = field(default_factory=set)
    mentions: int = 0
    articles: int = 0
    first: str | None = None  # PER: first name (or initial) key; None = surname only
    last: str | None = None


@dataclass
class Link:
    """The linker's answer for one card entity."""

    id: int
    created: bool = False
    renamed: str | None = None  # the corpus entity's better (full) name, if upgraded
    new_keys: list[tuple[str, str]] = field(default_factory=list)  # (key, display alias)


class Linker:
    """In-memory index of corpus entities by name key, surname and acronym."""

    def __init__(self):
        self.entities: dict[int, Known] = {}
        self.by_key: dict[str, set[int]] = defaultdict(set)
        self.by_surname: dict[str, set[int]] = defaultdict(set)
        self.by_stem: dict[str, set[int]] = defaultdict(set)  # PER surname's first letters -> ids
        self.cooc: dict[int, Counter] = defaultdict(Counter)  # PER id -> co-mentioned ids
        # Optional (person id, context ids) -> {context id: articles together}: the store answers
        # from its tables instead of this process keeping every person's co-mentions in memory.
        self.cooc_lookup: Callable[[int, set[int]], dict[int, int]] | None = None
        self.next_id = 1

    # --- state -----------------------------------------------------------
    def add_known(self, known: Known) -> None:
        """Register a corpus entity (from the store or just created)."""
        self.entities[known.id] = known
        self.next_id = max(self.next_id, known.id + 1)
        for key in known.keys:
            self.by_key[key].add(known.id)
        if known.type == PER and known.last:
            self.by_surname[known.last].add(known.id)
            self.by_stem[stem(known.last)].add(known.id)

    def add_key(self, known: Known, key: str) -> bool:
        """Give an entity one more key; True if it is new."""
        if key in known.keys:
            return False
        known.keys.add(key)
        self.by_key[key].add(known.id)
        return True

    def add_surnames(self, known: Known, surnames) -> None:
        """Index a person under more surname forms (as written in its full-name mentions)."""
        for surname in surnames:
            if surname and known.id not in self.by_surname[surname]:
                self.by_surname[surname].add(known.id)

    def _create(self, type_: str, name: str, keys: list[tuple[str, str]], first=None, last=None) -> Link:
        known = Known(self.next_id, type_, name, set(), first=first, last=last)
        self.add_known(known)
        link = Link(known.id, created=True)
        for key, alias in keys:
            if self.add_key(known, key):
                link.new_keys.append((key, alias))
        return link

    def _pick(self, ids, types) -> Known | None:
        """The most mentioned entity among ids of the given types."""
        found = [self.entities[i] for i in ids if self.entities[i].type in types]
        return max(found, key=lambda k: (k.mentions, -k.id)) if found else None

    # --- linking ---------------------------------------------------------
    def link_card(self, entities: list[dict]) -> dict[str, Link]:
        """Link a card's entities; full names first so surnames see them as context."""
        order = sorted(entities, key=lambda e: (e["type"] == PER and len(e["name"].split()) == 1))
        links: dict[str, Link] = {}
        for entity in order:
            context = {link.id for link in links.values()}
            links[entity["id"]] = self.link(entity, context)
            link = links[entity["id"]]
            known = self.entities[link.id]
            if known.type == PER and known.first:
                for surname in written_surnames(entity) - known.keys:
                    self.add_surnames(known, [surname])
                    self.add_key(known, surname)  # persisted as an alias: a reload restores it
                    link.new_keys.append((surname, surname.capitalize()))
        self._count(entities, links)
        return links

    def _count(self, entities: list[dict], links: dict[str, Link]) -> None:
        """Update mention/article counts and person co-mentions."""
        ids = set()
        for entity in entities:
            known = self.entities[links[entity["id"]].id]
            known.mentions += len(entity.get("mentions") or []) or 1
            ids.add(known.id)
        for i in ids:
            self.entities[i].articles += 1
            if self.cooc_lookup is None and self.entities[i].type == PER:
                self.cooc[i].update(j for j in ids if j != i)

    def link(self, entity: dict, context: set[int] = frozenset()) -> Link:
        """One card entity -> its corpus entity (found or created)."""
        if entity["type"] == PER:
            return self._link_person(entity, context)
        return self._link_named(entity)

    def _link_named(self, entity: dict) -> Link:
        """ORG/LOC/other: name, abbreviation table, acronyms."""
        type_ = entity["type"]
        name = entity["name"]
        key = name_key(name)
        keys = [(key, name)] + [(name_key(a), a) for a in entity.get("aliases") or []]
        expansion = abbreviations().get(key)
        canonical = name
        if expansion and (expansion[1] == type_ or type_ in ORG_LOC):
            canonical = expansion[0]
            keys.append((name_key(canonical), canonical))
        acr = acronym(canonical)
        if acr:
            keys.append((acr, acr.upper()))
            listed = abbreviations().get(acr)  # the table spells the full name ("...сотрудничества")
            if listed and acronym(listed[0]) == acr and name_key(listed[0]) != key:
                canonical = listed[0]
                keys.append((name_key(canonical), canonical))
        types = (type_,) if type_ not in ORG_LOC else (type_, *[t for t in ORG_LOC if t != type_])
        for wanted in types:  # same type first, then ORG<->LOC (NER confuses them)
            for candidate_key, _ in keys:
                known = self._pick(self.by_key.get(candidate_key, ()), (wanted,))
                if known:
                    return self._attach(known, keys, canonical)
        return self._create(type_, canonical, keys)

    def _attach(self, known: Known, keys: list[tuple[str, str]], canonical: str) -> Link:
        """Link to a known entity, adding new keys; upgrade an acronym name to the full one."""
        link = Link(known.id)
        for key, alias in keys:
            if self.add_key(known, key):
                link.new_keys.append((key, alias))
        if looks_like_acronym(known.name) and not looks_like_acronym(canonical) and len(canonical) > len(known.name):
            known.name = canonical
            link.renamed = canonical
        return link

    def _link_person(self, entity: dict, context: set[int]) -> Link:
        """Persons: exact name, initials, unambiguous or context-backed surname."""
        name = entity["name"]
        key = name_key(name)
        keys = [(key, name)] + [(name_key(a), a) for a in entity.get("aliases") or []]
        first, last = person_parts(entity)
        for candidate_key, _ in keys:
            known = self._pick(self.by_key.get(candidate_key, ()), (PER,))
            if known and (known.first is None) == (first is None):
                return self._attach_person(known, keys, name, first)
        namesakes = [self.entities[i] for i in self.by_surname.get(last, ())]
        full = [k for k in namesakes if k.first]
        if first:
            matching = [k for k in full if first_names_match(first, k.first)]
            if sum(c.isalpha() for c in first) <= 2 and matching:  # an initial: the best known match
                return self._attach_person(max(matching, key=lambda k: k.mentions), keys, name, first)
            exact = [k for k in matching if k.first == first]
            if exact:
                return self._attach_person(exact[0], keys, name, first)
            bare = [k for k in namesakes if not k.first]
            if bare and not full:  # "Токаев" known alone, now "Касым-Жомарт Токаев": same person
                return self._attach_person(bare[0], keys, name, first)
            near = self._near_miss(first, last)
            if near:
                return self._attach_person(near, keys, name, first)
            return self._create(PER, name, keys, first, last)
        chosen = self._by_context(full, context) if len(full) > 1 else (full[0] if full else None)
        if chosen:
            return self._attach_person(chosen, keys, name, first)
        bare = [k for k in namesakes if not k.first]
        if bare:
            return self._attach_person(bare[0], keys, name, first)
        return self._create(PER, name, keys, None, last)

    def _near_miss(self, first: str, last: str) -> Known | None:
        """The one person whose name differs from this one by an ending in ONE part.

        Normalization slips ("Сакиб Нисары" / "Сакиб Нисара", "Сайфулы Малук" /
        "Сайфул Малук") should not split a person; two slipped parts, or
        several candidates, are left apart (namesakes: "Александр Иванов" is
        not "Александра Иванова").
        """
        found = []
        for known_id in self.by_stem.get(stem(last), ()):
            known = self.entities[known_id]
            if not known.first or not known.last:
                continue
            if (known.last == last and same_stem(known.first, first)) or \
                    (known.first == first and same_stem(known.last, last)):
                found.append(known)
        return found[0] if len(found) == 1 else None

    def _by_context(self, candidates: list[Known], context: set[int]) -> Known | None:
        """Among namesakes, the one the article's other entities point to (if clear)."""
        if not context:
            return None
        scores = []
        for known in candidates:
            cooc = self.cooc_lookup(known.id, context) if self.cooc_lookup else self.cooc.get(known.id, Counter())
            score = sum(math.log1p(cooc[c]) for c in context if c in cooc)
            if known.id in context:
                score += 100.0
            scores.append((score, known))
        scores.sort(key=lambda s: -s[0])
        best, second = scores[0][0], scores[1][0]
        return scores[0][1] if best > 0 and best > 2 * second else None

    def _attach_person(self, known: Known, keys, name: str, first: str | None) -> Link:
        """Link a person; a surname-only entity gets the full name."""
        link = Link(known.id)
        for key, alias in keys:
            if self.add_key(known, key):
                link.new_keys.append((key, alias))
        if first and known.first is None:
            known.first = first
            known.name = name
            link.renamed = name
        elif first and known.first and len(first) > len(known.first) and first_names_match(first, known.first):
            known.first = first  # "К. Токаев" first, full first name later
            known.name = name
            link.renamed = name
        return link
