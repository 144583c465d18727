#!/usr/bin/env python3
"""Events of Letopis against a hand-written gold set: precision/recall/F1 per field.

    python bench/events.py [GOLD.jsonl] [--errors] [--json]
    python bench/events.py --speed N     # events stage cost on N corpus articles

GOLD defaults to `bench/data/events_gold.jsonl`: one composed news text a
line, {"id", "published", "title", "text", "events": [...]}, events written
from reading the text (names, not entity ids). Each text runs through the
full pipeline as `Article(title, text, published=published)`.

Matching, per text:
- Names match when their last words agree up to an ending: lower case,
  "ё" as "е", the common prefix at least max(3, shorter length - 2)
  ("Меликов" ~ "Мелики", "Дербенте" ~ "Дербент"). Targets match when one
  phrase's words are a contiguous run of the other's under the same rule
  ("жилой дом" ~ "пятиэтажный жилой дом").
- Events align one to one, greedily by a score, only within one type
  (attack, incident, mourning, decree, summit, visit, statement) and only
  when they share something: a place, the date, the key person or
  organization (declared_by, organization, visitor, speaker), or being the
  only event of that type on both sides of the text.
- "events" counts aligned pairs (TP), unaligned predictions (FP) and
  unaligned gold events (FN), overall and per type.
- Scalar fields (kind, date, killed, injured, where, declared_by, start,
  stop, organization, place, visitor, speaker, addressee) are slots: a
  filled gold slot equal to the prediction is a TP; a filled prediction
  that differs, or fills a slot gold leaves empty, is an FP; a filled gold
  slot not matched is an FN (0 casualties is a filled slot). Slots of
  unaligned events count too (FN for gold, FP for predictions), so the
  figures are end to end.
- A gold text is exhaustive for the types its "types" key lists ("all": every
  type Letopis knows), by default for the seven types the first gold was
  written for (SCOPE); predictions of other types are not scored there, and
  are counted as "unscored" so that a reader sees them.
- List fields (places, targets, revisions as (field, value)) count items;
  predicted places that match a gold event's "regions" (containing places
  the text also names, "Дербент (Дагестан)") are neither right nor wrong.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "data" / "events_gold.jsonl"
SCALARS = ["kind", "modality", "date", "killed", "injured", "where", "declared_by", "start", "stop",
           "organization", "place", "visitor", "speaker", "addressee"]
NAME_FIELDS = {"where", "declared_by", "organization", "place", "visitor", "speaker", "addressee"}
KEYS = ["declared_by", "organization", "visitor", "speaker"]
LISTS = ["places", "targets", "revisions"]
ACTION_LISTS = ["places", "actors", "targets", "counts"]  # action types (arrest, verdict, …): names and counts
ACTION_TYPES = ("law", "talks", "arrest", "criminal_case", "verdict", "sanctions", "military", "election",
                "appointment", "resignation", "agreement", "protest", "death", "cyber")
SCOPE = ("attack", "incident", "mourning", "decree", "summit", "visit", "statement")


def in_scope(item: dict, event: dict) -> bool:
    """Whether the gold text is exhaustive for this event's type."""
    types = item.get("types", SCOPE)
    return types == "all" or event.get("type") in types


def words(name: str) -> list[str]:
    """Lower-case words of a name, "ё" as "е", quotes dropped."""
    return name.lower().replace("ё", "е").replace("«", " ").replace("»", " ").replace('"', " ").split()


def word_match(a: str, b: str) -> bool:
    """Two words agree up to an ending."""
    common = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return common >= max(3, min(len(a), len(b)) - 2) or a == b


def name_match(a, b) -> bool:
    """Two names agree on their last word."""
    if not a or not b:
        return False
    wa, wb = words(a), words(b)
    return bool(wa and wb) and word_match(wa[-1], wb[-1])


def target_match(a: str, b: str) -> bool:
    """One phrase is a contiguous run of the other's words."""
    short, long_ = sorted((words(a), words(b)), key=len)
    return any(all(word_match(x, y) for x, y in zip(short, long_[i:i + len(short)]))
               for i in range(len(long_) - len(short) + 1)) if short else False


def equal(field: str, gold, pred) -> bool:
    """Scalar slot equality (names leniently)."""
    if field in NAME_FIELDS:
        return name_match(gold, pred)
    return gold == pred


def predict(pipeline, item: dict) -> list[dict]:
    """Letopis's events for one gold text, in the gold's shape (names for ids)."""
    from letopis.article import Article
    card = pipeline(Article(title=item.get("title") or "", text=item["text"], published=item.get("published")))
    names = {e.id: e.name for e in card.entities}
    return [to_gold_shape(event.as_json(), names) for event in card.events]


def to_gold_shape(event: dict, names: dict) -> dict:
    """Replace entity ids by names; revisions as (field, value) dicts."""
    out = {}
    for key, value in event.items():
        if key == "counts":
            out[key] = value
        elif key in NAME_FIELDS or key in ("places", "regions", "actors", "targets"):
            out[key] = [names.get(v, v) for v in value] if isinstance(value, list) else names.get(value, value)
        elif key == "revisions":
            out[key] = [{"field": r["field"], "value": r["value"]} for r in value]
        else:
            out[key] = value
    return out


def shared(gold: dict, pred: dict) -> float:
    """How much two same-type events share (0: nothing)."""
    score = sum(1 for g in gold.get("places") or [] if any(name_match(g, p) for p in pred.get("places") or []))
    if gold.get("date") and gold.get("date") == pred.get("date"):
        score += 2
    score += sum(1 for k in KEYS if name_match(gold.get(k), pred.get(k)))
    for role in ("actors", "targets"):
        if all(isinstance(v, str) for v in (gold.get(role) or []) + (pred.get(role) or [])):
            score += sum(1 for g in gold.get(role) or [] if any(name_match(g, p) for p in pred.get(role) or []))
    return score


def align(golds: list[dict], preds: list[dict]) -> list[tuple[int, int]]:
    """Greedy one-to-one alignment of gold and predicted events of one text."""
    counts_g = Counter(g["type"] for g in golds)
    counts_p = Counter(p["type"] for p in preds)
    pairs = []
    for i, g in enumerate(golds):
        for j, p in enumerate(preds):
            if g["type"] != p["type"]:
                continue
            score = shared(g, p)
            if score or (counts_g[g["type"]] == 1 and counts_p[p["type"]] == 1):
                pairs.append((score, -abs(i - j), i, j))
    used_g, used_p, out = set(), set(), []
    for _, _, i, j in sorted(pairs, reverse=True):
        if i not in used_g and j not in used_p:
            used_g.add(i), used_p.add(j), out.append((i, j))
    return out


class Tally:
    """TP/FP/FN per field."""

    def __init__(self):
        """Counts start at zero for any field."""
        self.counts = defaultdict(lambda: [0, 0, 0])

    def add(self, field: str, tp=0, fp=0, fn=0):
        """Add to a field's counts."""
        row = self.counts[field]
        row[0] += tp
        row[1] += fp
        row[2] += fn

    def prf(self, field: str) -> tuple[float, float, float, int, int, int]:
        """Precision, recall, F1 and the counts of a field."""
        tp, fp, fn = self.counts[field]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f, tp, fp, fn


def filled(value) -> bool:
    """A slot with a value (0 counts, None and [] do not)."""
    return value is not None and value != []


def score_scalar(tally: Tally, field: str, gold: dict | None, pred: dict | None) -> None:
    """One scalar slot of an aligned (or half-missing) pair."""
    g = gold.get(field) if gold else None
    p = pred.get(field) if pred else None
    if gold is not None and field not in gold:
        p = None  # the gold type has no such slot: not scored
    if pred is not None and gold is None and field == "kind" and pred.get("type") not in ("attack", "incident", "statement"):
        p = None  # gold has no kind for visits: an unaligned visit's kind is not scored either
    if filled(g) and filled(p) and equal(field, g, p):
        tally.add(field, tp=1)
        return
    tally.add(field, fp=int(filled(p)), fn=int(filled(g)))


def list_items(field: str, event: dict | None) -> list:
    """Items of a list field; revisions as (field, value) pairs."""
    if not event:
        return []
    if field == "revisions":
        return [(r["field"], r["value"]) for r in event.get("revisions") or []]
    if field == "counts":
        return sorted((event.get("counts") or {}).items())
    return list(event.get(field) or [])


def item_match(field: str, a, b) -> bool:
    """Whether two list items match (names and targets leniently)."""
    if field in ("places", "actors"):
        return name_match(a, b)
    if field == "targets":
        return target_match(a, b) if isinstance(a, str) else a == b
    return a == b


def score_list(tally: Tally, label: str, gold: dict | None, pred: dict | None, field: str | None = None) -> None:
    """One list field of an aligned (or half-missing) pair, item by item, tallied under `label`."""
    field = field or label
    g_items, p_items = list_items(field, gold), list_items(field, pred)
    if field == "places" and gold:
        regions = gold.get("regions") or []
        p_items = [p for p in p_items if not any(name_match(p, r) for r in regions)]
    left, tp = list(g_items), 0
    for p in p_items:
        hit = next((g for g in left if item_match(field, g, p)), None)
        if hit is not None:
            left.remove(hit)
            tp += 1
    tally.add(label, tp=tp, fp=len(p_items) - tp, fn=len(left))


def score_pair(tally: Tally, gold: dict | None, pred: dict | None) -> None:
    """All fields of one aligned pair, or of an unaligned gold/predicted event."""
    kind = (gold or pred)["type"]
    tally.add("events", tp=int(bool(gold and pred)), fp=int(gold is None), fn=int(pred is None))
    tally.add("events:" + kind, tp=int(bool(gold and pred)), fp=int(gold is None), fn=int(pred is None))
    for field in SCALARS:
        if (gold and field in gold) or (gold is None and pred and field in pred):
            score_scalar(tally, field, gold, pred)
    if kind in ("attack", "incident"):
        for field in LISTS:
            score_list(tally, field, gold, pred)
    elif kind in ACTION_TYPES:
        for field in ACTION_LISTS:
            score_list(tally, field + ":action", gold, pred, field)


def evaluate(gold_items: list[dict], pipeline=None, errors: bool = False) -> Tally:
    """Run Letopis over the gold texts and tally every field."""
    from letopis.pipeline import Pipeline
    pipeline = pipeline or Pipeline()
    tally = Tally()
    for item in gold_items:
        try:
            preds = predict(pipeline, item)
        except Exception as exc:  # a crash in any stage: report it, score the text as empty
            print(f"{item['id']}: pipeline error: {type(exc).__name__}: {exc}", file=sys.stderr)
            preds = []
        golds = item["events"]
        tally.add("unscored", fp=sum(1 for p in preds if not in_scope(item, p)))
        preds = [p for p in preds if in_scope(item, p)]
        pairs = align(golds, preds)
        for i, j in pairs:
            score_pair(tally, golds[i], preds[j])
        for i in set(range(len(golds))) - {i for i, _ in pairs}:
            score_pair(tally, golds[i], None)
        for j in set(range(len(preds))) - {j for _, j in pairs}:
            score_pair(tally, None, preds[j])
        if errors:
            show_errors(item, golds, preds, pairs)
    return tally


def show_errors(item: dict, golds: list[dict], preds: list[dict], pairs) -> None:
    """Print gold and prediction side by side where they differ."""
    drop = {"evidence", "id", "place_names", "region_names"}
    for i, j in pairs:
        g, p = golds[i], {k: v for k, v in preds[j].items() if k not in drop and not k.endswith("_name")}
        diff = {k: (g.get(k), p.get(k)) for k in set(g) if k != "regions" and g.get(k) != p.get(k)}
        if diff:
            print(f"{item['id']} {g['type']}: " + json.dumps(diff, ensure_ascii=False), file=sys.stderr)
    for i in set(range(len(golds))) - {i for i, _ in pairs}:
        print(f"{item['id']} MISSED {json.dumps(golds[i], ensure_ascii=False)}", file=sys.stderr)
    for j in set(range(len(preds))) - {j for _, j in pairs}:
        extra = {k: v for k, v in preds[j].items() if k not in ("evidence", "id")}
        print(f"{item['id']} EXTRA {json.dumps(extra, ensure_ascii=False)}", file=sys.stderr)


def load_gold(path: Path) -> list[dict]:
    """The gold lines, with a clear error for a bad file."""
    if not path.exists():
        sys.exit(f"Error: {path}: no such file")
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as exc:
                sys.exit(f"Error: {path}:{number}: invalid JSON ({exc.msg})")
    return items


def summary(tally: Tally) -> dict:
    """Field -> {"p", "r", "f1", "tp", "fp", "fn"}."""
    out = {}
    for field in sorted(tally.counts, key=lambda f: (not f.startswith("events"), f)):
        p, r, f, tp, fp, fn = tally.prf(field)
        out[field] = {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "tp": tp, "fp": fp, "fn": fn}
    return out


CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "rt_ng.jsonl.gz"


def speed(count: int) -> None:
    """Time every stage over `count` corpus articles (every 46th, from #2000) and print
    the events stage's chars/s and its share of the run, against natasha's
    segmentation + slovnet morphology (the `segment` stage) timed in the same run."""
    import gzip
    import time
    from letopis.article import Article
    from letopis.pipeline import STAGES
    from letopis.pipeline.doc import Doc
    from letopis.pipeline.models import default_models
    if not CORPUS.exists():
        sys.exit(f"Error: {CORPUS}: no such file")
    models, spent, chars, events = default_models(), Counter(), 0, 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        records = [json.loads(line) for n, line in enumerate(lines) if n >= 2000 and n % 46 == 0]
    for record in records[:count]:
        doc = Doc.from_article(Article(title=record.get("title") or "", text=record.get("text") or ""))
        for stage in STAGES:
            start = time.perf_counter()
            stage.run(doc, models)
            spent[stage.name] += time.perf_counter() - start
        chars, events = chars + len(doc.text), events + len(doc.events)
    total = sum(spent.values())
    print(f"{min(count, len(records))} articles, {chars} chars, {events} events")
    print(f"events stage   {spent['events']:.2f} s  {chars / spent['events']:,.0f} chars/s  "
          f"{spent['events'] / total:.1%} of the pipeline")
    print(f"segment+morph  {spent['segment']:.2f} s  {chars / spent['segment']:,.0f} chars/s  "
          f"(events/segment time ratio {spent['events'] / spent['segment']:.3f})")


def main() -> None:
    """Command line: score a gold file, or time the stage with --speed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="?", default=str(GOLD))
    parser.add_argument("--errors", action="store_true", help="print mismatches to stderr")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--speed", type=int, metavar="N", help="time the events stage on N corpus articles")
    args = parser.parse_args()
    if args.speed:
        speed(args.speed)
        return
    items = load_gold(Path(args.gold))
    result = summary(evaluate(items, errors=args.errors))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    print(f"{len(items)} texts, {sum(len(i['events']) for i in items)} gold events")
    print(f"{'field':<22}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>5}{'FN':>5}")
    for field, row in result.items():
        print(f"{field:<22}{row['p']:>7.3f}{row['r']:>7.3f}{row['f1']:>7.3f}{row['tp']:>6}{row['fp']:>5}{row['fn']:>5}")


if __name__ == "__main__":
    main()
