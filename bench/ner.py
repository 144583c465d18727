#!/usr/bin/env python3
"""Letopis vs Natasha entities on one gold JSONL file, in one run.

    python bench/ner.py GOLD.jsonl [--out PRED.jsonl] [--limit N]

Accepted shapes (one JSON object per line):
- FactRuEval / NEREL / any set with `id`, `text`, `entities` [{start, stop,
  type}]: NEREL types are mapped (PERSON -> PER; ORGANIZATION -> ORG;
  COUNTRY, CITY, STATE_OR_PROVINCE, DISTRICT, LOCATION -> LOC); other types
  are ignored. Scored exactly as `../shared/tools/eval_ner.py` (its own
  functions are imported): naeval token-level IO F1 per type, plus strict
  exact-span F1.
- BSNLP (`title`, `text`, `mentions` [{form, lemma, type}] without offsets):
  the text read is `title + "\\n" + text`; scored per document on unique
  (form, type) pairs, case-insensitively (BSNLP's "relaxed" mention match),
  and normal-form accuracy: a predicted mention whose text equals a gold form
  (case-insensitive) is right when its normal form equals the gold lemma.
- Where gold has FactRuEval coreference (`objects`), mention clustering is
  scored with B-cubed over the gold mentions both systems found exactly;
  Natasha has no grouping of its own, so its clusters are "same type and
  normal form" (what Letopis did before it grouped entities).

`text` is used exactly as given (no cleaning), so predicted offsets stay
valid. Timing alternates the two systems document by document so machine
noise hits both; Natasha = segment + morph + NER + normalize (MorphVocab),
Letopis = its pipeline's entity stages (segment + morph + NER + normalize +
positions + entities).
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

from gold import load_tool, read_gold_lines

ROOT = Path(__file__).resolve().parent.parent
EVAL_NER = ROOT.parent / "shared" / "tools" / "eval_ner.py"
TYPES = ("PER", "LOC", "ORG")
NEREL_TYPES = {"PERSON": "PER", "ORGANIZATION": "ORG", "COUNTRY": "LOC", "CITY": "LOC",
               "STATE_OR_PROVINCE": "LOC", "DISTRICT": "LOC", "LOCATION": "LOC"}


def load_scorer():
    """The shared scorer itself, so scores match `eval_ner.py` exactly."""
    return load_tool(EVAL_NER, "eval_ner")


def read_gold(path: Path, limit: int | None) -> list[dict]:
    """Gold documents normalized to {id, text, entities, forms, objects...}."""
    return [adapt_gold(raw) for raw in read_gold_lines(path, limit)]


def adapt_gold(raw: dict) -> dict:
    """One gold line -> the bench's shape (BSNLP gets title + newline + text)."""
    doc = {"id": raw["id"], "raw": raw, "forms": None}
    if "mentions" in raw and "entities" not in raw:
        title = raw.get("title") or ""
        doc["text"] = title + "\n" + raw["text"] if title else raw["text"]
        doc["entities"] = []
        doc["forms"] = [(m["form"], m.get("lemma"), m["type"]) for m in raw["mentions"]]
        return doc
    doc["text"] = raw["text"]
    doc["entities"] = [dict(e, type=NEREL_TYPES.get(e["type"], e["type"])) for e in raw.get("entities", [])]
    return doc


class Letopis:
    """Letopis's entity stages, models loaded once."""

    name = "Letopis"

    def __init__(self, models=None):
        from letopis.pipeline import Pipeline
        self.pipeline = Pipeline(models, stages=["segment", "ner", "normalize", "positions", "entities"])
        self.stage_seconds = collections.Counter()

    def warm(self):
        self("Президент России Владимир Путин посетил Москву и встретился с главой ФСБ.")
        self.stage_seconds.clear()

    def __call__(self, text: str) -> dict:
        from letopis.article import Article
        from letopis.pipeline.doc import Doc
        doc = Doc.from_article(Article(title="", text=text))
        for stage in self.pipeline.stages:
            began = time.perf_counter()
            stage.run(doc, self.pipeline.models)
            self.stage_seconds[stage.name] += time.perf_counter() - began
        spans = [{"start": s.start, "stop": s.stop, "type": s.type, "normal": s.normal or s.text,
                  "text": s.text, "cluster": doc.span_entity.get(i)} for i, s in enumerate(doc.spans)]
        return {"spans": spans}


class Natasha:
    """Natasha 1.6 as documented: segment, morph, NER, normalize."""

    name = "Natasha"

    def __init__(self):
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
        emb = NewsEmbedding()
        self.segmenter, self.vocab = Segmenter(), MorphVocab()
        self.morph, self.ner = NewsMorphTagger(emb), NewsNERTagger(emb)

    def warm(self):
        self("Президент России Владимир Путин посетил Москву и встретился с главой ФСБ.")

    def __call__(self, text: str) -> dict:
        from natasha import Doc
        doc = Doc(text)
        doc.segment(self.segmenter)
        doc.tag_morph(self.morph)
        doc.tag_ner(self.ner)
        spans = []
        for span in doc.spans:
            span.normalize(self.vocab)
            spans.append({"start": span.start, "stop": span.stop, "type": span.type,
                          "normal": span.normal or span.text, "text": span.text,
                          "cluster": (span.type, (span.normal or span.text).lower())})
        return {"spans": spans}


def run_all(docs: list[dict], systems) -> tuple[dict, dict]:
    """Predictions and seconds per system, alternating systems per document."""
    preds = {s.name: {} for s in systems}
    seconds = {s.name: 0.0 for s in systems}
    for s in systems:
        s.warm()
    for number, doc in enumerate(docs):
        order = systems if number % 2 == 0 else list(reversed(systems))
        for s in order:
            began = time.perf_counter()
            preds[s.name][doc["id"]] = s(doc["text"])
            seconds[s.name] += time.perf_counter() - began
    return preds, seconds


def naeval_scores(scorer, docs, pred) -> tuple[str, dict]:
    """Token-level and strict tables exactly as eval_ner.py prints them."""
    _, tokenize = scorer.pick_tokenizer("auto")
    gold = collections.OrderedDict((d["id"], {"text": d["text"], "entities": d["entities"]}) for d in docs)
    guess = {i: {"entities": p["spans"]} for i, p in pred.items()}
    tok, ent, _ = scorer.score(gold, guess, tokenize)
    text1, s1 = scorer.table(tok, "[naeval] token-level IO, per type")
    text2, _ = scorer.table(ent, "[extra] strict entity-level (exact span+type)")
    return text1 + "\n\n" + text2, s1


def bsnlp_scores(scorer, docs, pred) -> tuple[str, dict]:
    """Per-document unique (form, type) match, case-insensitive; forms that
    gold lists under other types (EVT, PRO, MISC) are neither right nor wrong."""
    counts = {t: [0, 0, 0] for t in TYPES}
    for d in docs:
        gold = {(f.lower(), t) for f, _, t in d["forms"] if t in TYPES}
        ignored = {f.lower() for f, _, t in d["forms"] if t not in TYPES}
        guess = {(s["text"].lower(), s["type"]) for s in pred[d["id"]]["spans"]
                 if s["text"].lower() not in ignored}
        for t in TYPES:
            g = {x for x in gold if x[1] == t}
            p = {x for x in guess if x[1] == t}
            counts[t][0] += len(g & p)
            counts[t][1] += len(p)
            counts[t][2] += len(g)
    return scorer.table(counts, "[bsnlp] per-document unique (form, type), case-insensitive")


def normal_accuracy(docs, pred) -> dict:
    """Gold form -> lemma vs the normal form of a predicted mention of that form."""
    out = {}
    for d in docs:
        lemmas = collections.defaultdict(set)
        for form, lemma, t in d["forms"]:
            if t in TYPES and lemma:
                lemmas[form.lower()].add(lemma.lower())
        normals = {}
        for s in pred[d["id"]]["spans"]:
            normals.setdefault(s["text"].lower(), s["normal"].lower())
        for form, wanted in lemmas.items():
            out[(d["id"], form)] = (normals.get(form), wanted)
    return out


def b_cubed(docs, pred) -> tuple[float, float, float, int, int]:
    """B-cubed P/R/F1 over gold mentions the system found with exact bounds."""
    p_sum = r_sum = 0.0
    found = total = 0
    for d in docs:
        gold = gold_clusters(d["raw"])
        total += len(gold)
        guess = {(s["start"], s["stop"]): s["cluster"] for s in pred[d["id"]]["spans"]}
        common = [m for m in gold if m in guess and guess[m] is not None]
        found += len(common)
        for m in common:
            g = {x for x in common if gold[x] == gold[m]}
            p = {x for x in common if guess[x] == guess[m]}
            p_sum += len(g & p) / len(p)
            r_sum += len(g & p) / len(g)
    p = p_sum / found if found else 0.0
    r = r_sum / found if found else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), found, total


def gold_clusters(raw: dict) -> dict:
    """FactRuEval flat NER spans -> their coreference object id (as adapt_factru
    derives the spans: Person mention extent, org_name, loc_name)."""
    spans = {s["id"]: s for s in raw.get("spans", [])}
    owner = {}
    for obj in raw.get("objects", []):
        for mention in obj["mentions"]:
            owner[mention] = obj["id"]
    out = {}
    for mention in raw.get("mentions", []):
        parts = [spans[i] for i in mention["spans"] if i in spans]
        if mention["id"] not in owner or not parts:
            continue
        if mention["type"] == "Person":
            keys = [(min(s["start"] for s in parts), max(s["stop"] for s in parts))]
        elif mention["type"] == "Org":
            keys = [(s["start"], s["stop"]) for s in parts if s["type"] == "org_name"]
        elif mention["type"] in ("Location", "LocOrg"):
            keys = [(s["start"], s["stop"]) for s in parts if s["type"] == "loc_name"]
        else:
            keys = []
        for key in keys:
            out.setdefault(key, mention["id"] and owner[mention["id"]])
    return out


def write_out(path: Path, docs, pred) -> None:
    with path.open("w", encoding="utf-8") as out:
        for d in docs:
            ents = [{k: s[k] for k in ("start", "stop", "type", "normal")} for s in pred[d["id"]]["spans"]]
            out.write(json.dumps({"id": d["id"], "entities": ents}, ensure_ascii=False) + "\n")


def ratio(a: float, b: float) -> str:
    return f"{a / b:.3f}" if b else "n/a"


def report(args, docs, preds, seconds, systems) -> None:
    scorer = load_scorer()
    chars = sum(len(d["text"]) for d in docs)
    print(f"gold={args.gold} docs={len(docs)} chars={chars}")
    f1 = {}
    has_forms = all(d["forms"] is not None for d in docs)
    for s in systems:
        print(f"\n=== {s.name}")
        if has_forms:
            text, scores = bsnlp_scores(scorer, docs, preds[s.name])
        else:
            text, scores = naeval_scores(scorer, docs, preds[s.name])
        print(text)
        f1[s.name] = scores
    a, b = (s.name for s in systems)
    print(f"\nF1 {a} / {b}: " + "  ".join(f"{t} {f1[a][t]['f1']:.4f}/{f1[b][t]['f1']:.4f}"
                                        for t in (*TYPES, "micro")))
    if has_forms:
        print_normals(docs, preds, systems)
    if any(d["raw"].get("objects") for d in docs):
        print("\nmention clustering vs FactRuEval coreference (B-cubed over gold mentions found exactly)")
        for s in systems:
            p, r, f, found, total = b_cubed(docs, preds[s.name])
            print(f"{s.name:8s} P {p:.4f} R {r:.4f} F1 {f:.4f}  mentions {found}/{total}")
    print("\nspeed (entity extraction, same run, documents alternated)")
    for s in systems:
        print(f"{s.name:8s} {chars / seconds[s.name]:10.0f} chars/s  ({seconds[s.name]:.2f} s)")
    print(f"ratio {a}/{b}: {ratio(seconds[b], seconds[a])}")
    stages = systems[0].stage_seconds
    if stages:
        print(f"{a} by stage: " + ", ".join(f"{k} {v:.2f} s" for k, v in stages.items()))
        own = seconds[a] - stages.get("positions", 0.0)
        print(f"ratio {a}/{b} without the positions stage (facts' post phrases, read for descriptors): "
              f"{ratio(seconds[b], own)}")


def print_normals(docs, preds, systems) -> None:
    """Normal-form accuracy, each system on its matched forms and on the forms both matched."""
    acc = {s.name: normal_accuracy(docs, preds[s.name]) for s in systems}
    names = [s.name for s in systems]
    keys = list(acc[names[0]])
    common = [k for k in keys if all(acc[n][k][0] is not None for n in names)]
    print("\nnormal-form accuracy vs BSNLP lemmas (case-insensitive)")
    for n in names:
        matched = [k for k in keys if acc[n][k][0] is not None]
        right = sum(acc[n][k][0] in acc[n][k][1] for k in matched)
        right_common = sum(acc[n][k][0] in acc[n][k][1] for k in common)
        print(f"{n:8s} {right / max(len(matched), 1):.4f} on its {len(matched)} matched forms; "
              f"{right_common / max(len(common), 1):.4f} on the {len(common)} forms both matched")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--out", type=Path, help="write Letopis's predictions here (eval_ner.py's PRED shape)")
    ap.add_argument("--limit", type=int, help="only the first N documents")
    args = ap.parse_args(argv)
    docs = read_gold(args.gold, args.limit)
    if not docs:
        sys.exit(f"error: {args.gold} has no documents")
    systems = [Letopis(), Natasha()]
    preds, seconds = run_all(docs, systems)
    if args.out:
        write_out(args.out, docs, preds["Letopis"])
    report(args, docs, preds, seconds, systems)


if __name__ == "__main__":
    main()
