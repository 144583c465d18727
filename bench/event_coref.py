#!/usr/bin/env python3
"""Cross-article event coreference (letopis.corpus.events) against a cluster gold.

    python bench/event_coref.py [--cards DIR] [--limit N] [--errors]

The mentions are the events of the bundled examples and the first N (500)
corpus articles, from the cards of `bench/golden.py write DIR` when `--cards`
is given (fast), else from running the pipeline. The gold
(`bench/data/event_clusters_gold.jsonl`) lists clusters of mentions judged
to tell one real-world event, each mention named by its article id, type and
the first words of its evidence sentence ("" = the article's first event of
that type); every other mention is its own cluster. It was written by
reading every pair the baseline proposes (same type and same day/month/year
across articles) plus the examples' Dagestan follow-up.

Scores: pairwise precision/recall/F1 (pairs of mentions put together) and
B-cubed F1, for Letopis and for the baseline "same type and same date".
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GOLD = ROOT / "bench" / "data" / "event_clusters_gold.jsonl"
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "rt_ng.jsonl.gz"
PLACE_KEYS = ("places", "regions", "place", "where")


def load_cards(cards: str | None, limit: int) -> list[dict]:
    """Cards of the examples and the first `limit` corpus articles."""
    if cards:
        folder = Path(cards)
        out = []
        for name in ("examples.jsonl", "corpus.jsonl"):
            path = folder / name
            if not path.exists():
                sys.exit(f"Error: {path}: no such file (write it with bench/golden.py write {folder})")
            lines = path.read_text(encoding="utf-8").splitlines()
            out += [json.loads(line) for line in (lines if name == "examples.jsonl" else lines[:limit])]
        return out
    from letopis import Pipeline, read
    pipeline = Pipeline()
    out = [pipeline(a).as_json() for a in read(ROOT / "examples", on_error=lambda e: None)]
    corpus = read(CORPUS, on_error=lambda e: None)
    return out + [pipeline(a).as_json() for a in itertools.islice(corpus, limit)]


def mentions_of(cards: list[dict]):
    """(key, EventMention) of every event: key = (article id, event id)."""
    from letopis.corpus.events import EventMention
    out = []
    for number, card in enumerate(cards):
        article = card["article"]
        names = {e["id"]: e["name"] for e in card["entities"]}
        for event in card["events"]:
            refs = lambda keys: {names.get(i, i) for k in keys for i in
                                 (event.get(k) if isinstance(event.get(k), list) else [event.get(k)]) if i}
            others = [k for k in ("actors", "targets", "speaker", "visitor", "declared_by", "organization")
                      if not (k == "targets" and event.get("type") in ("attack", "incident"))]
            evidence = event.get("evidence") or {}
            source = article["title"] if evidence.get("field") == "title" else article["text"]
            sentence = source[evidence.get("start", 0):evidence.get("stop", 0)]
            mention = EventMention(len(out), number, event["type"], event.get("kind"), event.get("modality"),
                                   event.get("date") or event.get("start"), article.get("published"),
                                   refs(PLACE_KEYS), refs(others), sentence)
            out.append(((article["id"], event["id"]), mention))
    return out


def gold_clusters(path: Path, mentions) -> dict:
    """Mention key -> gold cluster label (singletons get their own)."""
    label = {key: ("single", key) for key, _ in mentions}
    unmatched = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if not line.strip():
            continue
        cluster = json.loads(line)
        for item in cluster["mentions"]:
            key = next((k for k, m in mentions if k[0] == item["article"] and m.type == cluster["type"]
                        and m.sentence.startswith(item["text"]) and label[k][0] == "single"), None)
            if key is None:
                unmatched.append((cluster["type"], item["article"], item["text"]))
            else:
                label[key] = ("gold", number)
    return label, unmatched


def baseline(mentions) -> dict:
    """Same type and the same date value (any precision) across articles: one event."""
    out = {}
    for key, m in mentions:
        out[key] = (m.type, m.date) if m.date else ("single", key)
    return out


def letopis(mentions) -> dict:
    from letopis.corpus.events import cluster
    clusters = cluster([m for _, m in mentions])
    return {key: clusters[m.id] for key, m in mentions}


def pairwise(gold: dict, pred: dict) -> tuple[float, float, float]:
    """Pairwise precision, recall, F1 over pairs of mentions of different articles."""
    keys = list(gold)
    tp = fp = fn = 0
    for a, b in itertools.combinations(keys, 2):
        if a[0] == b[0]:
            continue  # within one article the events stage decides, not coreference
        same_g, same_p = gold[a] == gold[b], pred[a] == pred[b]
        tp += same_g and same_p
        fp += same_p and not same_g
        fn += same_g and not same_p
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def bcubed(gold: dict, pred: dict) -> float:
    """B-cubed F1 (mention-averaged precision and recall of each mention's cluster)."""
    by_g, by_p = {}, {}
    for key in gold:
        by_g.setdefault(gold[key], set()).add(key)
        by_p.setdefault(pred[key], set()).add(key)
    p = sum(len(by_g[gold[k]] & by_p[pred[k]]) / len(by_p[pred[k]]) for k in gold) / len(gold)
    r = sum(len(by_g[gold[k]] & by_p[pred[k]]) / len(by_g[gold[k]]) for k in gold) / len(gold)
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cards", help="a folder written by bench/golden.py write")
    parser.add_argument("--limit", type=int, default=500, help="corpus articles (default 500)")
    parser.add_argument("--gold", default=str(GOLD))
    parser.add_argument("--errors", action="store_true", help="print wrong pairs to stderr")
    args = parser.parse_args()
    mentions = mentions_of(load_cards(args.cards, args.limit))
    gold, unmatched = gold_clusters(Path(args.gold), mentions)
    print(f"{len(mentions)} event mentions, {sum(1 for v in gold.values() if v[0] == 'gold')} in "
          f"gold clusters ({len(unmatched)} gold mentions not found in the cards)")
    for name, pred in (("same type and date (baseline)", baseline(mentions)), ("letopis", letopis(mentions))):
        p, r, f = pairwise(gold, pred)
        print(f"{name:32} pairwise P {p:.3f} R {r:.3f} F1 {f:.3f}   B-cubed F1 {bcubed(gold, pred):.3f}")
        if args.errors and name == "letopis":
            for a, b in itertools.combinations(list(gold), 2):
                if a[0] != b[0] and (gold[a] == gold[b]) != (pred[a] == pred[b]):
                    kind = "MISSED" if gold[a] == gold[b] else "WRONG"
                    print(kind, a, b, file=sys.stderr)
    for item in unmatched:
        print("not found:", *item, file=sys.stderr)


if __name__ == "__main__":
    main()
