#!/usr/bin/env python3
"""Letopis (and Natasha's entities) against the real-news gold of `bench/data/real/` (GUIDE.md).

    python bench/real.py [--half tune|check|all] [--category rt|ng|html|own] [--show-errors | --show-events] [--gold DIR]

Each annotation (partial gold is fine) is read the way production reads it:
rt/ng records as JSON records of title + `text[:region_end]` with their URL
(so the URL gives source and date), saved pages through the HTML reader cut
at the region's end, own texts through the text reader. `letopis.Pipeline`
analyses it; Natasha (NER + morph normalization) reads the same title and body.
Scored: entities P/R/F1 on (normal form, type), case/ё/quote-folded, an
abbreviation equal to its expansion's initials; junk (system entities matching
no gold name or form); normal-form accuracy of entities tied to a gold entity
by a form; the reader's publication day; dates (dated and undated articles
apart; a gold `null` is not scored); strict occupations (holder,
post lemma by lemma, place or org) and meetings (participant set), holders
tied through the entities so a wrong normal form counts once; events told in
a gold event's sentence with its type, fully right (date, places, counts), and
recall of gold events. `--show-errors` (everything) and `--show-events` (event errors with
their sentences) are refused on the check half.
"""
from __future__ import annotations

import argparse
import collections
import dataclasses
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from real_sample import SENTENCE_END, records, region_end  # noqa: E402
from real_table import table  # noqa: E402

REAL = ROOT / "bench" / "data" / "real"
CATEGORIES = ("rt", "ng", "html", "own")
HALVES = ("tune", "check")
QUOTES = re.compile(r"[«»\"„“”'`]")
WORD = re.compile(r"[а-яёa-z0-9]+", re.I)
EVENT_TYPE = {"law": "decree", "resolution": "decree", "criminal case": "criminal_case"}  # GUIDE's families
FUNCTION_WORDS = {"и", "по", "о", "об", "при", "в", "на", "для", "с", "со"}  # left out of acronyms


def fold(text: str | None) -> str:
    """How names are compared: lower case, ё as е, no quotes, single spaces."""
    return " ".join(QUOTES.sub(" ", (text or "").lower().replace("ё", "е")).split())


def category_of(item: dict) -> str:
    """rt, ng, html or own: the item's `category`, else its id's prefix."""
    if item.get("category"):
        return item["category"]
    prefix = item["id"].split(":")[0]
    return {"page": "html", "own": "own"}.get(prefix, "ng" if prefix.startswith("ng_") else "rt")


def load_gold(folder: Path) -> list[dict]:
    """Every annotation file of a folder, in name order; a bad file stops with one line."""
    items = []
    for path in sorted(folder.glob("*.json")):
        try:
            item = json.loads(path.read_text(encoding="utf-8"))
            item["id"], item["split"]  # noqa: B018 (both required)
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            sys.exit(f"error: {path}: not an annotation ({exc})")
        item["category"] = category_of(item)
        items.append(item)
    return items


# Reading: the article production would see.

def cut(article, item: dict):
    """The article with its body cut at the region's end (`region_until` text, else GUIDE's 1500 rule)."""
    until = item.get("region_until")
    at = article.text.find(until) if until else -1
    end = at + len(until) if at >= 0 else region_end(article.text)
    return dataclasses.replace(article, text=article.text[:end], paragraphs=[])


def read_item(item: dict, record: dict | None):
    """The item's article through Letopis's readers (ReaderError when the reader refuses it)."""
    from letopis.readers import read_json, read_string
    if item["category"] in ("rt", "ng"):
        end = item.get("region_end") or region_end(record["text"])
        data = {"title": record.get("title"), "text": record["text"][:end], "url": record.get("url")}
        return next(read_json(json.dumps(data, ensure_ascii=False), origin=item["id"]))
    if item["category"] == "html":
        path = REAL / "pages" / item["page"]
        return cut(read_string(path.read_bytes(), "html", origin=str(path))[0], item)
    path = REAL / "texts" / item["text_file"]
    return read_string(path.read_text(encoding="utf-8"), "text", origin=str(path))[0]


# Entities.

def gold_forms(gold: list[dict]) -> dict[str, int]:
    """Folded name and forms of each gold entity -> its index."""
    index = {}
    for number, entity in enumerate(gold):
        for form in [entity["name"], *entity.get("forms", [])]:
            index.setdefault(fold(form), number)
    return index


def system_forms(entity) -> list[str]:
    """A system entity's folded name, mention texts and aliases."""
    return [fold(entity.name)] + [fold(m.text) for m in entity.mentions] + [fold(a) for a in entity.aliases]


def tie(entity, gold: list[dict], index: dict[str, int]) -> int | None:
    """The gold entity a system entity stands for: same name and type, else a shared form."""
    for number, wanted in enumerate(gold):
        if right_name((fold(entity.name), entity.type), wanted):
            return number
    return next((index[form] for form in system_forms(entity) if form in index), None)


def acronym(name: str) -> str | None:
    """Initials of a folded name of 2+ words: "европейский союз" -> "ес", "организация договора о
    коллективной безопасности" -> "одкб" (an abbreviation and its expansion are one normal form)."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w not in FUNCTION_WORDS]
    return "".join(w[0] for w in words) if len(words) >= 2 else None


def variants(key: tuple[str, str]) -> set[tuple[str, str]]:
    """A (folded name, type) pair and, for organisations and places, its acronym."""
    short = acronym(key[0]) if key[1] != "PER" else None
    return {key, (short, key[1])} if short else {key}


def accepted(entity: dict) -> set[tuple[str, str]]:
    """The (folded normal form, type) pairs right for a gold entity: its name, `alt_names`, their acronyms."""
    return set().union(*(variants((fold(n), entity["type"])) for n in [entity["name"], *entity.get("alt_names", [])]))


def right_name(key: tuple[str, str], entity: dict) -> bool:
    """Whether a system (name, type) is a right normal form of this gold entity."""
    return bool(variants(key) & accepted(entity))


def count_keys(system_keys: set, gold: list[dict], counts, key: str) -> None:
    """P/R counts of (name, type) pairs: system pairs that are right, gold entities found."""
    counts[f"{key}_hit"] += sum(any(right_name(k, g) for g in gold) for k in system_keys)
    counts[f"{key}_tp"] += sum(any(right_name(k, g) for k in system_keys) for g in gold)
    counts[f"{key}_pred"] += len(system_keys)
    counts[f"{key}_gold"] += len(gold)


def nested(texts: list[str], key: tuple[str, str], gold: list[dict]) -> bool:
    """Seen only inside a longer gold organisation name ("России", "МВД" in "ГУ МВД России по Москве"):
    not an entity of its own (GUIDE: nested names), so not scored; a split organisation loses recall."""
    if any(right_name(key, g) for g in gold):
        return False
    names = [f" {fold(f)} " for g in gold if g["type"] == "ORG" for f in [g["name"], *g.get("forms", [])]]
    return bool(texts) and all(any(f" {t} " in name and f" {t} " != name for name in names) for t in texts)


def blocks(item: dict) -> list[str]:
    """Folded `reading.notes` where `body_ok` is false: they quote or name the non-article text."""
    reading = item.get("reading") or {}
    return [f" {fold(reading.get('notes'))} "] if reading.get("body_ok") is False else []


def unscored(texts: list[str], key: tuple[str, str], item: dict) -> bool:
    """An entity GUIDE leaves out: nested in a gold organisation name, or named only in non-article text."""
    gold = item.get("entities", [])
    quoted = blocks(item)
    in_block = bool(texts and quoted) and all(any(f" {t} " in b for b in quoted) for t in texts)
    return nested(texts, key, gold) or (in_block and not any(right_name(key, g) for g in gold))


def score_entities(entities, item: dict, counts, errors) -> dict[str, str]:
    """Entity, junk and normal-form counts; returns system entity id -> folded gold name (or own name)."""
    gold = item.get("entities", [])
    entities = [e for e in entities if not unscored([fold(m.text) for m in e.mentions], (fold(e.name), e.type), item)]
    system_keys = {(fold(e.name), e.type) for e in entities}
    count_keys(system_keys, gold, counts, "ent")
    index, names = gold_forms(gold), {}
    for entity in entities:
        number = tie(entity, gold, index)
        names[entity.id] = fold(entity.name) if number is None else fold(gold[number]["name"])
        if number is None:
            counts["junk"] += 1
            errors.append(f"junk {entity.type} {entity.name!r} {[m.text for m in entity.mentions][:3]}")
            continue
        wanted = gold[number]
        counts["nf_tied"] += 1
        if right_name((fold(entity.name), wanted["type"]), wanted):
            counts["nf_ok"] += 1
        else:
            errors.append(f"normal form {entity.name!r}, gold {wanted['name']!r}")
        if entity.type != wanted["type"]:
            errors.append(f"type {entity.type} {entity.name!r}, gold {wanted['type']}")
    for wanted in gold:
        if not any(right_name(k, wanted) for k in system_keys):
            errors.append(f"missed {wanted['type']} {wanted['name']!r}")
    return names


# Dates.

def date_right(system: str | None, gold: str | None) -> bool:
    """The same value; where gold is unknown (null), also an unknown-year system value."""
    if gold is None:
        return system is None or system.startswith("XXXX")
    return system == gold


def score_dates(dates, item: dict, counts, errors) -> None:
    """Each gold date with a value against the system date whose text overlaps it (each used once)."""
    bucket = "dated" if item.get("published") else "undated"
    left = list(dates)
    for wanted in item.get("dates", []):
        if wanted.get("value") is None:
            continue  # not scored (decades, centuries: GUIDE's decisions)
        text = fold(wanted["text"])
        found = next((d for d in left if fold(d.text) == text), None) or \
            next((d for d in left if text in fold(d.text) or fold(d.text) in text), None)
        if found is not None:
            left.remove(found)
        counts[f"date_{bucket}_n"] += 1
        value = found.value if found is not None else None
        if date_right(value, wanted.get("value")):
            counts[f"date_{bucket}_ok"] += 1
        else:
            errors.append(f"date {wanted['text']!r}: {value if found else 'not found'}, gold {wanted.get('value')}")


def score_published(article, item: dict, counts, errors) -> None:
    """Whether the reader gave the article the gold publication day (None where gold has none)."""
    found = (article.published or "")[:10] if article is not None else ""
    counts["pub_n"] += 1
    if found == (item.get("published") or ""):
        counts["pub_ok"] += 1
    else:
        errors.append(f"published {found or None}, gold {item.get('published')}")


# Facts.

def post_key(post: str | None, morph) -> str:
    """A post compared lemma by lemma ("министра иностранных дел" = "министр иностранных дел")."""
    return " ".join(morph.lemma(word) for word in WORD.findall(fold(post)))


def matched(system: list, gold: list, same) -> list[tuple[int, int]]:
    """(system index, gold index) pairs: each system item takes the first free gold item it is `same` as."""
    pairs, used = [], set()
    for at, candidate in enumerate(system):
        number = next((n for n, wanted in enumerate(gold) if n not in used and same(candidate, wanted)), None)
        if number is not None:
            used.add(number)
            pairs.append((at, number))
    return pairs


def add_prf(counts, key: str, system: list, gold: list, same, errors) -> None:
    """tp, pred and gold counts of one fact kind; the unmatched ones on each side become errors."""
    pairs = matched(system, gold, same)
    counts[f"{key}_tp"] += len(pairs)
    counts[f"{key}_pred"] += len(system)
    counts[f"{key}_gold"] += len(gold)
    extra = [item for at, item in enumerate(system) if at not in {a for a, _ in pairs}]
    missed = [item for at, item in enumerate(gold) if at not in {b for _, b in pairs}]
    if extra or missed:
        errors.append(f"{key}: wrong {extra}, missed {missed}")


def score_facts(facts, item: dict, names: dict[str, str], morph, counts, errors) -> None:
    """Strict occupations (holder, post, place or org) and meetings (participant set)."""
    occupations = [(names.get(f.person, ""), post_key(f.position, morph),
                    names.get(f.where) or fold(f.where_name) or None)
                   for f in facts if f.type == "occupation"]
    gold_occupations = [(fold(o["person"]), post_key(o["post"], morph),
                         {fold(o[k]) for k in ("place", "org") if o.get(k)})
                        for o in item.get("occupations", [])]
    add_prf(counts, "occ", occupations, gold_occupations,
            lambda s, g: s[:2] == g[:2] and (s[2] in g[2] if g[2] else s[2] is None), errors)
    meetings = [frozenset(names.get(p, "") for p in f.participants) for f in facts if f.type == "meeting"]
    gold_meetings = [frozenset(fold(p) for p in m["participants"]) for m in item.get("meetings", [])]
    add_prf(counts, "meet", meetings, gold_meetings, lambda s, g: s == g, errors)


# Events.

def sentence_ranges(article, events: list[dict]) -> list[tuple[str, int, int] | None]:
    """(field, start, stop) of each gold event's sentence in the article, found by its first words."""
    ranges = []
    for event in events:
        head = (event.get("sentence") or "").rstrip(".… ").lower().replace("ё", "е")
        found = None
        for field, text in (("text", article.text), ("title", article.title)):
            at = text.lower().replace("ё", "е").find(head) if head else -1
            if at >= 0:
                end = SENTENCE_END.search(text, at + len(head))
                found = (field, at, end.end() if end else len(text))
                break
        ranges.append(found)
    return ranges


def event_view(event, names: dict[str, str]) -> dict:
    """What is compared of a system event: date, folded places (through the entity ties), counts."""
    ids = [*(getattr(event, "places", None) or []), *(getattr(event, "regions", None) or []),
           getattr(event, "where", None), getattr(event, "place", None)]
    labels = [*(getattr(event, "place_names", None) or []), *(getattr(event, "region_names", None) or []),
              getattr(event, "where_name", None), getattr(event, "place_name", None)]
    places = {names.get(i) or fold(label) for i, label in zip(ids, labels) if i or label}
    return {"date": getattr(event, "date", None) or getattr(event, "start", None), "places": places,
            "killed": getattr(event, "killed", None), "injured": getattr(event, "injured", None)}


def fully_right(view: dict, gold: dict) -> bool:
    """Date, places and the counts the gold gives (none given: none expected)."""
    return (date_right(view["date"], gold.get("date")) and view["places"] == {fold(p) for p in gold.get("places", [])}
            and view["killed"] == gold.get("killed") and view["injured"] == gold.get("injured"))


def score_events(article, events, item: dict, names: dict[str, str], counts, errors) -> None:
    """Type-right and fully-right shares of system events, recall of gold events."""
    from letopis.schema import EVENT_TYPES
    gold = [{**g, "type": EVENT_TYPE.get(g["type"], g["type"])} for g in item.get("events", [])]
    ranges = sentence_ranges(article, gold)
    found = set()
    for event in events:
        evidence = getattr(event, "evidence", None)
        inside = [n for n, r in enumerate(ranges) if r and evidence and r[0] == evidence.field
                  and r[1] <= evidence.start < r[2]]
        family = EVENT_TYPE.get(event.type, event.type)  # a system `law` is GUIDE's decree family, as gold's
        same = sorted((n for n in inside if gold[n]["type"] == family), key=lambda n: n in found)
        counts["ev_pred"] += 1
        if not same:
            told = getattr(article, evidence.field)[evidence.start:evidence.stop] if evidence else ""
            errors.append(f"event {event.type}/{getattr(event, 'kind', None)} not in gold (sentence events: "
                          f"{[gold[n]['type'] for n in inside]}): {told[:240]!r}")
            continue
        found.add(same[0])
        counts["ev_type_ok"] += 1
        view = event_view(event, names)
        if fully_right(view, gold[same[0]]):
            counts["ev_full_ok"] += 1
        else:
            errors.append(f"event {event.type}: {view}, gold {gold[same[0]]}")
    counts["ev_gold"] += len(gold)
    counts["ev_gold_known"] += sum(g["type"] in EVENT_TYPES for g in gold)
    counts["ev_found"] += len(found)
    for number, wanted in enumerate(gold):
        if number not in found:
            told = ranges[number]
            text = getattr(article, told[0])[told[1]:told[2]] if told else "(sentence not found)"
            errors.append(f"missed event {wanted['type']}/{wanted.get('kind')} {wanted.get('modality')}: {text[:240]!r}")


# Natasha.

class Natasha:
    """Natasha's NER + morph normalization on the same text; surname-only persons join the full name."""

    def __init__(self, models):
        from natasha import MorphVocab
        self.models, self.vocab = models, MorphVocab()

    def __call__(self, text: str) -> dict[tuple[str, str], list[str]]:
        """(folded normal form, type) -> the folded texts of its spans."""
        from natasha import Doc
        doc = Doc(text)
        doc.segment(self.models.segmenter)
        doc.tag_morph(self.models.morph_tagger)
        doc.tag_ner(self.models.ner_tagger)
        for span in doc.spans:
            span.normalize(self.vocab)
        keys = [((fold(span.normal or span.text), span.type), fold(span.text)) for span in doc.spans]
        people = [name for (name, kind), _ in keys if kind == "PER" and " " in name]
        joined = collections.defaultdict(list)
        for (name, kind), text in keys:
            full = next((p for p in people if p.split()[-1] == name), None) if kind == "PER" else None
            joined[full or name, kind].append(text)
        return joined


def score_natasha(found: dict, item: dict, counts) -> None:
    """Natasha's (normal form, type) pairs against the gold entities (left out as for Letopis)."""
    keys = {key for key, texts in found.items() if not unscored(texts, key, item)}
    count_keys(keys, item.get("entities", []), counts, "nat")


# One article, then the table.

def score_item(item: dict, article, card, counts, errors, morph) -> None:
    """All of Letopis's counts for one annotated article (card None: the reader refused it)."""
    counts["articles"] += 1
    entities, dates, facts, events = (card.entities, card.dates, card.facts, card.events) if card else ([],) * 4
    names = score_entities(entities, item, counts, errors)
    score_published(article, item, counts, errors)
    score_dates(dates, item, counts, errors)
    score_facts(facts, item, names, morph, counts, errors)
    if article is not None:
        score_events(article, events, item, names, counts, errors)


def evaluate(items: list[dict], pipeline=None, natasha: bool = True):
    """Counts per (category, half) and each item's errors."""
    from letopis import Pipeline, ReaderError
    pipeline = pipeline or Pipeline()
    other = Natasha(pipeline.models) if natasha else None
    wanted = {i["id"] for i in items if i["category"] in ("rt", "ng")}
    corpus = records(wanted) if wanted else {}
    counts, errors = collections.defaultdict(collections.Counter), {}
    for item in items:
        mine = errors[item["id"]] = []
        try:
            article = read_item(item, corpus.get(item["id"]))
            card = pipeline(article)
        except ReaderError as exc:
            article, card = None, None
            mine.append(f"reader: {exc}")
        score_item(item, article, card, counts[item["category"], item["split"]], mine, pipeline.models.morph)
        if other is not None:
            found = other(article.title + "\n" + article.text) if article else {}
            score_natasha(found, item, counts[item["category"], item["split"]])
    return counts, errors


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("tune", "check", "all"), default="all")
    parser.add_argument("--category", choices=CATEGORIES)
    parser.add_argument("--show-errors", action="store_true", help="each article's errors (tune half only)")
    parser.add_argument("--show-events", action="store_true",
                        help="only the event errors: missed and false events with their sentence (tune half only)")
    parser.add_argument("--gold", type=Path, default=REAL / "annotations", help="folder of annotation files")
    parser.add_argument("--limit", type=int, help="score only the first N items")
    parser.add_argument("--no-natasha", action="store_true")
    args = parser.parse_args(argv)
    if (args.show_errors or args.show_events) and args.half != "tune":
        sys.exit("error: --show-errors/--show-events need --half tune (the check half is run only to report)")
    if not args.gold.is_dir():
        sys.exit(f"error: no such folder: {args.gold}")
    halves = HALVES if args.half == "all" else (args.half,)
    items = [i for i in load_gold(args.gold)
             if i["split"] in halves and args.category in (None, i["category"])][:args.limit]
    if not items:
        sys.exit(f"error: no annotations for --half {args.half} --category {args.category} in {args.gold}")
    counts, errors = evaluate(items, natasha=not args.no_natasha)
    if args.show_errors or args.show_events:
        for item_id, lines in errors.items():
            lines = [line for line in lines if not args.show_events or line.startswith(("event", "missed event"))]
            if lines:
                print(f"== {item_id}\n" + "\n".join(f"  {line}" for line in lines))
    print("\n".join(table(counts, CATEGORIES, halves)))


if __name__ == "__main__":
    main()
