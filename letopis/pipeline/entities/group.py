"""Stage: group mentions into document-level entities.

Fills `doc.entities` and `doc.span_entity`:
- persons: a mention joins the entity whose surname (or, for a lone first
  name, first name) it shares, when their first names do not clash
  ("Токаев" and "Касым-Жомарт Токаев"; "Путиным" and "Владимиром Путиным");
  the canonical name is the fullest normal form; `parts` = first/middle/last;
- places and organizations: one entity per gazetteer entry ("ЕС",
  "Евросоюз", "Европейского союза") or per normal form; a subtype from the
  gazetteer, the name's head word or the word before it ("в селе Сергокала");
- descriptors: the position phrases of the `positions` stage that name the
  person ("президент Казахстана"); a phrase without a name ("Глава нашего
  государства") goes to the person last named as a subject with a post of
  the same kind, or with the same post and place ("президенту России").
"""
from __future__ import annotations

from collections import Counter

from ...card import Entity, Mention
from ...morph import fold
from .. import gazetteer
from ..doc import Doc, NerSpan
from .names import CASES, CONSONANTS, by_ending, name_parts
from .normalize import person_normals, words_of
from .descriptors import attach_descriptors
from .subtypes import subtype_of
from ..stage import stage
from ...schema import LOC, ORG, PER
from ... import data

# Feminine surname endings -> masculine ("-ова" -> "-ов"): one key for both forms
FEMININE_SURNAME = data.rows("entities/feminine_surnames.tsv")
# Oblique endings of names on -а that the normal form leaves alone (an indeclinable "Санду" is as likely):
# as match keys only, so "Бандере" still meets "Бандеры" and the vote in `PersonGroup.name` decides.
A_OBLIQUE = set("еуи")


class PersonGroup:
    """Mentions of one person, with the name parts seen so far and the
    spellings its surname and first name may have (`keys`)."""

    def __init__(self):
        self.spans: list[int] = []
        self.first: str | None = None
        self.middle: str | None = None
        self.last: str | None = None
        self.names: Counter = Counter()
        self.last_keys: set[str] = set()
        self.first_keys: set[str] = set()
        self.middle_keys: set[str] = set()
        # per name part ("first", "last"): each mention's normal form of it and its keys (the nominatives
        # the written ending allows), for the vote in `name`
        self.seen: dict[str, list[tuple[str, set[str]]]] = {"first": [], "last": []}

    def accepts(self, parts: dict, keys: dict) -> bool:
        last, first = parts.get("last"), parts.get("first")
        if last and self.last:
            return bool(keys["last"] & self.last_keys) and self.compatible(first, keys["first"])
        if last and not self.last:  # a lone "Хабиб" group meeting "Хабиб Нурмагомедов"
            if not first and self.middle and keys["last"] & self.middle_keys:
                return True  # "Бунимович" after "Евгений Бунимович" (read as first name + patronymic)
            return bool(first) and self.first is not None and self.compatible(first, keys["first"]) \
                and not self.middle
        if first and not last:
            return self.first is not None and self.compatible(first, keys["first"]) \
                or (self.last is not None and bool(keys["first"] & self.last_keys))
        return False

    def compatible(self, first: str | None, keys: set[str]) -> bool:
        """First names agree: one missing, an initial ("В." ~ "Владимир"),
        or forms of one name ("Кронидом" ~ "Кронид")."""
        if not first or not self.first:
            return True
        a, b = fold(first).rstrip("."), fold(self.first).rstrip(".")
        if len(a) == 1 or len(b) == 1:
            return a[0] == b[0]
        return bool(keys & self.first_keys)

    def add(self, index: int, parts: dict, normal: str, keys: dict) -> None:
        self.spans.append(index)
        for key in ("first", "middle", "last"):
            value = parts.get(key)
            if value and (getattr(self, key) is None or len(value) > len(getattr(self, key))):
                setattr(self, key, value)
        self.last_keys |= keys["last"]
        self.first_keys |= keys["first"]
        self.middle_keys |= keys["middle"]
        self.names[normal] += 1
        for key in ("first", "last"):
            if parts.get(key) and " " not in parts[key]:
                self.seen[key].append((parts[key], keys[key]))

    def parts(self) -> dict:
        return {k: v for k, v in (("first", self.first), ("middle", self.middle), ("last", self.last)) if v}

    def name(self) -> str:
        """The fullest normal form (among equals, the most frequent), each of its first name and
        surname the one that the most mentions' endings allow: "Степану Бандере", "Бандеры" ->
        "Степан Бандера"; "Марку Цукербергу", "Марк Цукерберг" -> "Марк Цукерберг" (a lone
        oblique form read as indeclinable loses to the nominative the other forms share)."""
        best = max(self.names, key=lambda n: (len(n.split()), self.names[n], len(n)))
        words = best.split()
        if len(words) < 2:
            return best
        for seen in self.seen.values():
            values = {value for value, _ in seen}
            at = next((k for k, w in enumerate(words) if w in values), None)
            if at is None or len(seen) < 2:
                continue
            support = {v: sum(masculine(fold(v)) in keys for _, keys in seen) for v in values}
            chosen = max(support, key=lambda v: (support[v], v == words[at]))
            if support[chosen] > support[words[at]]:
                words[at] = chosen
        return " ".join(words)


def name_keys(word: str, normal: str) -> set[str]:
    """Spellings one name word may stand for: its normal form and what
    undoing a case ending of the word as written gives, each with a
    feminine surname folded to the masculine ("Любарского", "Цветаевой",
    "Асахары" meet "Любарский", "Цветаева", "Асахара"), so a wrong normal
    form of a lone surname still finds the person."""
    found = {fold(normal), fold(word)}
    for gender in ("masc", "femn"):
        for case in set(CASES.values()):
            found.add(fold(by_ending(word, gender, case)))
    low = fold(word)
    if len(low) > 3 and low[-1] in A_OBLIQUE and low[-2] in CONSONANTS:  # "Бандере", "Бандеру" may be of "Бандера"
        found.add(low[:-1] + "а")
    return {masculine(k) for k in found}


def masculine(surname: str) -> str:
    """"сергеева" -> "сергеев", "любарская" -> "любарский" (others unchanged)."""
    for fem, masc in FEMININE_SURNAME:
        if surname.endswith(fem) and len(surname) > len(fem) + 1:
            return surname[: -len(fem)] + masc
    return surname


def _keys(parts: dict, raw: dict) -> dict:
    return {key: name_keys(raw.get(key) or parts[key], parts[key]) if parts.get(key) else set()
            for key in ("first", "middle", "last")}


def person_parts(morph, span: NerSpan) -> tuple[dict, str, dict]:
    """Name parts (normal forms), the normal name, and the match keys."""
    words = [t.text for t in words_of(span)]
    normals = person_normals(morph, span)
    keep = [k for k, w in enumerate(words) if w[:1].isalpha()]
    parts = name_parts(morph, [words[k] for k in keep], [normals[k] for k in keep])
    raw = {}
    for key in ("first", "middle", "last"):  # the written word of a one-word part
        value = parts.get(key)
        if value and " " not in value:
            raw[key] = next((words[k] for k in keep if normals[k] == value), value)
    return parts, span.normal or span.text, _keys(parts, raw)


def group_persons(doc: Doc, morph) -> list[PersonGroup]:
    """Fullest mentions first, so "Токаев" finds "Касым-Жомарт Токаев". A
    mention several groups accept ("Каддафи" beside "Муаммар Каддафи" and
    "Сейф аль-Ислам Каддафи") joins the one named last before it (else the
    first named): news names a person in full, then by the surname alone."""
    order = sorted((i for i, s in enumerate(doc.spans) if s.type == PER),
                   key=lambda i: (-len(words_of(doc.spans[i])), i))
    groups: list[PersonGroup] = []
    for index in order:
        parts, normal, keys = person_parts(morph, doc.spans[index])
        matches = [g for g in groups if g.accepts(parts, keys)]
        group = _nearest(doc, index, matches) if matches else None
        if group is None:
            group = PersonGroup()
            groups.append(group)
        group.add(index, parts, normal, keys)
    return groups


def _nearest(doc: Doc, index: int, groups: list[PersonGroup]) -> PersonGroup:
    """The group with the last mention before span `index` (else the first mentioned)."""
    if len(groups) == 1:
        return groups[0]
    start = doc.spans[index].start
    before = [(max(doc.spans[i].start for i in g.spans if doc.spans[i].start < start), n)
              for n, g in enumerate(groups) if any(doc.spans[i].start < start for i in g.spans)]
    if before:
        return groups[max(before)[1]]
    return min(groups, key=lambda g: min(doc.spans[i].start for i in g.spans))


def thing_key(doc: Doc, span: NerSpan, morph) -> tuple[str, str]:
    """One key per place/organization: its gazetteer entry, else its normal form."""
    words = [t.text for t in words_of(span)]
    entries = gazetteer.of(morph).lookup(words)
    if len(entries) == 1:
        return span.type, fold(entries[0].name)
    return span.type, fold(span.normal or span.text)


def group_things(doc: Doc, morph) -> tuple[dict[tuple, list[int]], dict[tuple, str]]:
    """Places and organizations by key, and the names some keys must have:
    - a state body followed by the country it serves is that country's
      ("МИД Казахстана" and "МИД России" are two ministries), and a bare
      "МИД" is the one named last before it (else the first named after);
    - an abbreviation in brackets after a name of several words is that name
      ("Международная федерация бобслея и скелетона (IBSF)"; not "… ООН (ФАО)")."""
    spans = doc.spans
    order = sorted((i for i, s in enumerate(spans) if s.type != PER), key=lambda i: spans[i].start)
    keys = {i: thing_key(doc, spans[i], morph) for i in order}
    names: dict[tuple, str] = {}
    qualified: dict[tuple, list[tuple[int, tuple]]] = {}  # bare key -> (start, qualified key)
    for n, i in enumerate(order):
        nxt = order[n + 1] if n + 1 < len(order) else None
        if nxt is not None and _state_body(spans[i], morph) and _country_after(doc, spans[i], spans[nxt], morph):
            name = f"{spans[i].normal or spans[i].text} {spans[nxt].text}"
            # one key per (body, country): "МИД России" = "Министерство иностранных дел России"
            bare, keys[i] = keys[i], (ORG, f"{keys[i][1]} {keys[nxt][1]}")
            names.setdefault(keys[i], name)
            qualified.setdefault(bare, []).append((spans[i].start, keys[i]))
    for i in order:
        found = qualified.get(keys[i])
        if found:
            before = [k for start, k in found if start < spans[i].start]
            keys[i] = before[-1] if before else found[0][1]
    alias = {}
    for n, i in enumerate(order[:-1]):
        k = order[n + 1]
        if spans[k].type == ORG and _bracketed_after(doc, spans[i], spans[k]) and len(spans[k].text.split()) == 1 \
                and len(words_of(spans[i])) > 1 and not spans[i].text.isupper() \
                and spans[k].text.upper() == spans[k].text and keys[k] != keys[i]:
            alias.setdefault(keys[k], keys[i])
            names.setdefault(keys[i], spans[i].normal or spans[i].text)
    groups: dict[tuple, list[int]] = {}
    for i in order:
        groups.setdefault(alias.get(keys[i], keys[i]), []).append(i)
    return groups, names


def _state_body(span: NerSpan, morph) -> bool:
    """An organization the gazetteer does not know as anything but a state body."""
    if span.type != ORG:
        return False
    entries = gazetteer.of(morph).lookup([t.text for t in words_of(span)])
    return not entries or any(e.subtype == "state_body" for e in entries)


def _country_after(doc: Doc, span: NerSpan, nxt: NerSpan, morph) -> bool:
    """`nxt` is a genitive country right after `span` ("МИД | России")."""
    if nxt.type != LOC or doc.text[span.stop:nxt.start].strip() or not nxt.tokens:
        return False
    if (nxt.tokens[0].feats or {}).get("Case") != "Gen" and not nxt.text.isupper():
        return False
    entries = gazetteer.of(morph).lookup([t.text for t in words_of(nxt)])
    return any(e.subtype == "country" for e in entries)


def _bracketed_after(doc: Doc, span: NerSpan, nxt: NerSpan) -> bool:
    """`nxt` stands in brackets right after `span`: "… скелетона (IBSF)"."""
    return doc.text[span.stop:nxt.start].strip() == "(" and doc.text[nxt.stop:nxt.stop + 1] == ")"


def canonical_entry(doc: Doc, members: list[int], morph):
    """The gazetteer entry the members name, if exactly one."""
    entries = gazetteer.of(morph).lookup([t.text for t in words_of(doc.spans[members[0]])])
    return entries[0] if len(entries) == 1 else None


def thing_name(doc: Doc, members: list[int], morph) -> str:
    """The name the article uses most (GUIDE: "Евросоюз" stays "Евросоюз", "Петербург" stays
    "Петербург"); among equals the gazetteer's canonical name, else a full name over an
    abbreviation, else the longest. A country written only as an abbreviation takes its canonical
    name ("РФ" -> "Россия"). The canonical name goes into the aliases (`run`), so corpus linking
    still meets the same entity under any of its names."""
    names = Counter(doc.spans[i].normal or doc.spans[i].text for i in members)
    entry = canonical_entry(doc, members, morph)
    canonical = entry.name if entry else None
    if entry and entry.subtype == "country" and all(n.isupper() for n in names):
        return canonical
    return max(names, key=lambda n: (names[n], canonical is not None and fold(n) == fold(canonical),
                                     not n.isupper(), len(n)))


def make_entity(doc: Doc, number: int, type_: str, name: str, members: list[int]) -> Entity:
    entity = Entity(id=f"e{number}", type=type_, name=name)
    for index in sorted(members, key=lambda i: doc.spans[i].start):
        span = doc.spans[index]
        field, start, stop = doc.to_card(span.start, span.stop)
        entity.mentions.append(Mention(start, stop, span.text, field))
        doc.span_entity[index] = entity.id
        normal = span.normal or span.text
        if normal != name and normal not in entity.aliases:
            entity.aliases.append(normal)
    return entity


@stage('entities', requires=('spans',), assigns=('entities', 'span_entity'))
def run(doc: Doc, models) -> None:
    morph = models.morph
    plans = []  # (first offset, type, name, members, person group or None)
    for group in group_persons(doc, morph):
        plans.append((min(doc.spans[i].start for i in group.spans), PER, group.name(), group.spans, group))
    things, names = group_things(doc, morph)
    for key, members in things.items():
        name = names.get(key) or thing_name(doc, members, morph)
        plans.append((min(doc.spans[i].start for i in members), key[0], name, members, None))
    for number, (_, type_, name, members, group) in enumerate(sorted(plans, key=lambda p: p[0]), 1):
        entity = make_entity(doc, number, type_, name, members)
        if group is not None:
            entity.parts = group.parts() or None
        else:
            entity.subtype = subtype_of(doc, entity, [doc.spans[i] for i in members], morph)
            entry = canonical_entry(doc, members, morph)
            if entry and entry.name != name and entry.name not in entity.aliases:
                entity.aliases.append(entry.name)
        doc.entities.append(entity)
    attach_descriptors(doc)
