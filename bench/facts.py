#!/usr/bin/env python3
"""Occupation and meeting facts of Letopis against gold, with the shared scorer.

    python bench/facts.py GOLD.jsonl [--out PRED.jsonl] [--limit N]
    python bench/facts.py --nerel NEREL.jsonl [--limit N]

FactRuEval mode: each gold text is analysed exactly as given
(`Article(title="", text=gold text)`), the card's occupation and meeting facts
are written as `{"id", "facts": [{"type": "occupation", "person": name,
"position": text, "where": name|null}, {"type": "meeting", "participants":
[names]}]}` lines (entities' normalized names), and
`../shared/tools/eval_facts.py GOLD PRED` prints its P/R/F1 (lenient and
strict occupation, meeting).

NEREL mode: a second check on NEREL's relations, with the same matching
functions as eval_facts.py (names share a lemma; positions share the head
noun's lemma): WORKS_AS (person -> profession) against predicted
(person, position) pairs, and WORKPLACE with a PERSON first argument
(person -> organization/place) against predicted (person, where) pairs.
Pairs are deduplicated per document.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gold import load_tool, read_gold_lines

ROOT = Path(__file__).resolve().parent.parent
EVAL_FACTS = ROOT.parent / "shared" / "tools" / "eval_facts.py"


def load_scorer():
    """eval_facts.py itself, so the NEREL check matches names exactly as it does."""
    return load_tool(EVAL_FACTS, "eval_facts")


def read_jsonl(path: Path, limit: int | None) -> list[dict]:
    return read_gold_lines(path, limit)


def predict(docs: list[dict]) -> tuple[list[dict], float, int]:
    """Letopis's facts per document as scorer lines; also seconds and characters."""
    from letopis.article import Article
    from letopis.pipeline import Pipeline

    pipeline = Pipeline()
    pipeline(Article(title="", text="Прогрев моделей."))
    lines, seconds, chars = [], 0.0, 0
    for doc in docs:
        began = time.perf_counter()
        card = pipeline(Article(title="", text=doc["text"]))
        seconds += time.perf_counter() - began
        chars += len(doc["text"])
        lines.append({"id": doc["id"], "facts": scorer_facts(card)})
    return lines, seconds, chars


def scorer_facts(card) -> list[dict]:
    """Card facts (entity ids) -> the scorer's name-based shape."""
    names = {e.id: e.name for e in card.entities}
    out = []
    for fact in card.facts:
        if fact.type == "occupation":
            where = names.get(fact.where) or fact.where_name
            out.append({"type": "occupation", "person": names[fact.person],
                        "position": fact.position, "where": where})
        elif fact.type == "meeting":
            out.append({"type": "meeting", "participants": [names[p] for p in fact.participants]})
    return out


def run_factrueval(args) -> None:
    docs = read_jsonl(Path(args.gold), args.limit)
    lines, seconds, chars = predict(docs)
    out = Path(args.out) if args.out else Path(tempfile.mkstemp(suffix=".jsonl")[1])
    with out.open("w", encoding="utf-8") as handle:
        for line in lines:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    gold = Path(args.gold)
    if args.limit:
        gold = Path(tempfile.mkstemp(suffix=".jsonl")[1])
        gold.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    print(f"{len(docs)} documents, {chars} chars, pipeline {chars / max(seconds, 1e-9):,.0f} chars/s")
    print(f"predictions: {out}")
    subprocess.run([sys.executable, str(EVAL_FACTS), str(gold), str(out)], check=True)


def nerel_gold(doc: dict) -> tuple[set, set]:
    """(person, profession) and (person, organization/place) pairs of one NEREL document."""
    entities = {e["id"]: e for e in doc.get("entities", [])}
    works_as, workplace = set(), set()
    for rel in doc.get("relations", []):
        first, second = entities.get(rel["arg1"]), entities.get(rel["arg2"])
        if not first or not second or first["type"] != "PERSON":
            continue
        if rel["type"] == "WORKS_AS":
            works_as.add((first["text"], second["text"]))
        elif rel["type"] == "WORKPLACE":
            workplace.add((first["text"], second["text"]))
    return works_as, workplace


def match_pairs(pred: set, gold: set, second_match) -> int:
    """Greedy one-to-one matching; names by shared lemma, the second item by `second_match`."""
    scorer = load_scorer.cached
    used, hits = set(), 0
    for person, other in sorted(pred):
        for index, (g_person, g_other) in enumerate(sorted(gold)):
            if index in used:
                continue
            if scorer.name_match(person, [{"text": g_person}]) and second_match(scorer, other, g_other):
                used.add(index)
                hits += 1
                break
    return hits


def run_nerel(args) -> None:
    load_scorer.cached = load_scorer()
    docs = read_jsonl(Path(args.nerel), args.limit)
    lines, seconds, chars = predict(docs)
    totals = {"WORKS_AS": [0, 0, 0], "WORKPLACE": [0, 0, 0]}
    same_head = lambda s, a, b: s.head(a) is not None and s.head(a) == s.head(b)
    same_name = lambda s, a, b: s.name_match(a, [{"text": b}])
    for doc, line in zip(docs, lines):
        works_as, workplace = nerel_gold(doc)
        occ = [f for f in line["facts"] if f["type"] == "occupation"]
        p_works = {(f["person"], f["position"]) for f in occ}
        p_place = {(f["person"], f["where"]) for f in occ if f["where"]}
        for kind, pred, gold, match in (("WORKS_AS", p_works, works_as, same_head),
                                        ("WORKPLACE", p_place, workplace, same_name)):
            totals[kind][0] += match_pairs(pred, gold, match)
            totals[kind][1] += len(pred)
            totals[kind][2] += len(gold)
    print(f"{len(docs)} NEREL documents, {chars} chars, pipeline {chars / max(seconds, 1e-9):,.0f} chars/s")
    for kind, (tp, npred, ngold) in totals.items():
        p = tp / npred if npred else 0.0
        r = tp / ngold if ngold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{kind:10s} P {p:.3f} R {r:.3f} F1 {f:.3f}  (tp {tp}, pred {npred}, gold {ngold})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="?", help="FactRuEval-shaped gold JSONL")
    parser.add_argument("--out", help="where to write the predictions JSONL")
    parser.add_argument("--nerel", help="NEREL JSONL: score WORKS_AS / WORKPLACE instead")
    parser.add_argument("--limit", type=int, help="only the first N documents")
    args = parser.parse_args()
    if args.nerel:
        run_nerel(args)
    elif args.gold:
        run_factrueval(args)
    else:
        parser.error("give GOLD.jsonl or --nerel NEREL.jsonl")


if __name__ == "__main__":
    main()
