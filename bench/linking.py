#!/usr/bin/env python3
"""Cross-document entity linking on BSNLP ru_dev: Letopis's linker vs exact-name linking.

    python bench/linking.py [--limit N] [--data ../shared/data/bsnlp/ru_dev.jsonl]

Each document runs through the Letopis pipeline as title + "\\n" + text; its
card entities are linked across documents (in file order) by
`letopis.corpus.linking.Linker`, the same code the store uses. Gold mentions
are (document, form, cross-document entity id) without offsets, so
predicted mentions are matched to gold ones by form (case-insensitive) in
the same document, as BSNLP's own scorer does. Over the matched mentions
(unique per document and form; gold types PER/ORG/LOC, which Letopis's NER
produces) we compute:
- B-cubed precision/recall/F1 of the predicted clusters against gold ids;
- pairwise precision/recall/F1 over mention pairs in DIFFERENT documents
  (the cross-document part proper).
The baseline links card entities by exact normalized name (type + lower-cased
name): same NER, same normalization, same matched mentions, so the figures
differ only by linking. Both come from the same run.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "bsnlp" / "ru_dev.jsonl"
sys.path.insert(0, str(ROOT))
TYPES = {"PER", "ORG", "LOC"}


def read_docs(path: Path, limit: int | None) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        docs = [json.loads(line) for line in handle if line.strip()]
    return docs[:limit] if limit else docs


def gold_items(docs: list[dict]) -> dict[tuple[str, str], str]:
    """(doc id, lower form) -> gold entity id (first listed), PER/ORG/LOC only."""
    gold = {}
    for doc in docs:
        for mention in doc["mentions"]:
            if mention["type"] in TYPES:
                gold.setdefault((doc["id"], mention["form"].lower()), mention["entity_id"])
    return gold


def analyze(docs: list[dict]) -> list[dict]:
    """Cards of every document (pipeline loaded once)."""
    from letopis.article import Article
    from letopis.pipeline import Pipeline
    pipeline = Pipeline()
    cards = []
    for doc in docs:
        article = Article(title=doc.get("title") or "", text=doc["text"], url=doc.get("url"), published=None)
        cards.append(pipeline(article).as_json())
    return cards


def predicted_items(docs, cards, cluster_of) -> dict[tuple[str, str], object]:
    """(doc id, lower mention text) -> predicted cluster, via `cluster_of(doc_index, entity)`."""
    pred = {}
    for index, (doc, card) in enumerate(zip(docs, cards)):
        clusters = cluster_of(index, card)
        for entity in card["entities"]:
            for mention in entity["mentions"]:
                pred.setdefault((doc["id"], mention["text"].lower()), clusters[entity["id"]])
    return pred


def letopis_clusters():
    from letopis.corpus.linking import Linker
    linker = Linker()

    def cluster_of(_, card):
        return {local: link.id for local, link in linker.link_card(card["entities"]).items()}
    return cluster_of


def baseline_clusters():
    from letopis.corpus.linking import name_key

    def cluster_of(_, card):
        return {e["id"]: (e["type"], name_key(e["name"])) for e in card["entities"]}
    return cluster_of


def b_cubed(items: list, gold: dict, pred: dict) -> tuple[float, float, float]:
    by_gold, by_pred = defaultdict(set), defaultdict(set)
    for item in items:
        by_gold[gold[item]].add(item)
        by_pred[pred[item]].add(item)
    p = r = 0.0
    for item in items:
        both = len(by_gold[gold[item]] & by_pred[pred[item]])
        p += both / len(by_pred[pred[item]])
        r += both / len(by_gold[gold[item]])
    p, r = p / len(items), r / len(items)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def cross_doc_pairs(items: list, gold: dict, pred: dict) -> tuple[float, float, float]:
    """Pairwise P/R/F1 over pairs of mentions from different documents."""
    def pairs(labels):
        groups = defaultdict(list)
        for item in items:
            groups[labels[item]].append(item)
        out = set()
        for members in groups.values():
            out |= {(a, b) if a < b else (b, a) for a, b in combinations(members, 2) if a[0] != b[0]}
        return out
    g, pr = pairs(gold), pairs(pred)
    tp = len(g & pr)
    p = tp / len(pr) if pr else 0.0
    r = tp / len(g) if g else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(DATA))
    parser.add_argument("--limit", type=int, default=None, help="Only the first N documents.")
    args = parser.parse_args(argv)
    path = Path(args.data)
    if not path.exists():
        sys.exit(f"Error: {path}: no such file")
    docs = read_docs(path, args.limit)
    gold = gold_items(docs)
    started = time.perf_counter()
    cards = analyze(docs)
    seconds = time.perf_counter() - started
    systems = {"Letopis linker": letopis_clusters(), "baseline: exact normalized name": baseline_clusters()}
    preds = {name: predicted_items(docs, cards, fn) for name, fn in systems.items()}
    items = sorted(k for k in gold if all(k in pred for pred in preds.values()))
    print(f"BSNLP {path.name}: {len(docs)} documents, {len(gold)} gold PER/ORG/LOC mentions (unique per doc+form), "
          f"{len({gold[k] for k in gold})} gold entities; matched by form: {len(items)} "
          f"({len(items) / max(1, len(gold)):.1%}); pipeline {seconds:.0f} s")
    print(f"\n{'':34}{'B3 P':>7}{'B3 R':>7}{'B3 F1':>7}{'xdoc P':>8}{'xdoc R':>8}{'xdoc F1':>8}{'clusters':>10}")
    scores = {}
    for name, pred in preds.items():
        b3 = b_cubed(items, gold, pred)
        xd = cross_doc_pairs(items, gold, pred)
        scores[name] = (b3, xd)
        print(f"{name:34}{b3[0]:>7.3f}{b3[1]:>7.3f}{b3[2]:>7.3f}{xd[0]:>8.3f}{xd[1]:>8.3f}{xd[2]:>8.3f}"
              f"{len({pred[i] for i in items}):>10}")
    (ours, base) = scores.values()
    print(f"\nB-cubed F1: Letopis {ours[0][2]:.3f} vs baseline {base[0][2]:.3f} ({ours[0][2] - base[0][2]:+.3f}); "
          f"cross-document pairwise F1: {ours[1][2]:.3f} vs {base[1][2]:.3f} ({ours[1][2] - base[1][2]:+.3f})")


if __name__ == "__main__":
    main()
