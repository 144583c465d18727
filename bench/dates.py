"""Dates: accuracy on the hand-written gold list, and the stage's speed.

    python bench/dates.py [--docs N] [--errors K] [--real [tune|check|all]]

1. Accuracy on `tests/data/dates_gold.tsv` (overall and per category:
   absolute, list, range, relative, year-inference, negative), with the
   lines it gets wrong.
2. With --real: accuracy on real RT (undated) and NG (dated) articles,
   `bench/data/dates_real/{tune,check}.jsonl`: right, honest "year
   unknown" (counted as right) and wrong, per split and dated/undated.
3. Speed on the first N articles of `../shared/data/corpus/rt_ng.jsonl.gz`
   (publication date taken from the URL): chars/s of the dates stage alone
   (after segmentation, which the pipeline runs anyway), and of natasha's NER
   on the same texts, timed in the same run, so the ratio is what to read on
   a shared, noisy machine.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from letopis.article import Article  # noqa: E402
from dates_eval import accuracy, evaluate, evaluate_real, load_gold, load_real  # noqa: E402  (bench/dates_eval.py)
from letopis.pipeline import segment  # noqa: E402
from letopis.pipeline.dates import find as dates  # noqa: E402
from letopis.pipeline.doc import Doc  # noqa: E402
from letopis.pipeline.models import default_models  # noqa: E402

GOLD = ROOT / "tests" / "data" / "dates_gold.tsv"
REAL = ROOT / "bench" / "data" / "dates_real"
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "rt_ng.jsonl.gz"
CATEGORIES = ["absolute", "list", "range", "relative", "year-inference", "negative", "overall"]
URL_DATE = re.compile(r"/(\d{4}-\d{2}-\d{2})/")


def report_accuracy(errors: int) -> None:
    verdicts = evaluate(load_gold(GOLD))
    table = accuracy(verdicts)
    print(f"gold: {GOLD.relative_to(ROOT)} ({len(verdicts)} expressions)")
    for category in CATEGORIES:
        if category in table:
            right, total = table[category]
            print(f"  {category:<15} {right:>4}/{total:<4} {right / total:6.1%}")
    wrong = [v for v in verdicts if not v.ok]
    for verdict in wrong[:errors]:
        item = verdict.item
        print(f"  WRONG line {item.line}: {item.expression!r} expected {item.value} {item.precision}, "
              f"got {verdict.got_text!r} {verdict.got_value} {verdict.got_precision}")


def report_real(split: str, errors: int) -> None:
    splits = ["tune", "check"] if split == "all" else [split]
    paths = [REAL / f"{name}.jsonl" for name in splits if (REAL / f"{name}.jsonl").exists()]
    if not CORPUS.exists() or not paths:
        print(f"real: skipped ({CORPUS} or {REAL}/{{{','.join(splits)}}}.jsonl not found)")
        return
    verdicts = evaluate_real(load_real(paths), CORPUS)
    print(f"real articles: {', '.join(p.name for p in paths)} ({len(verdicts)} dates)")
    for name in splits:
        for dated in (True, False):
            everything = [v for v in verdicts if v[0]["split"] == name and bool(v[0]["published"]) == dated]
            yearless = [v for v in everything if written_without_year(v[0])]
            for scope, mine in (("all", everything), ("no year", yearless)):
                if mine:
                    print_real_line(name, dated, scope, mine)
    for item, verdict, value in [v for v in verdicts if v[1] in ("wrong", "missed")][:errors]:
        print(f"  {verdict.upper()} {item['id']}@{item['start']} {item['text']!r}: expected {item['value']}, got {value}")


def written_without_year(item: dict) -> bool:
    """A gold date written without a year ("26 декабря", "в мае"): the ones inference decides."""
    return not re.search(r"\d{4}", item["text"])


def print_real_line(name: str, dated: bool, scope: str, mine: list) -> None:
    count = {kind: sum(v[1] == kind for v in mine) for kind in ("right", "unknown", "wrong", "missed")}
    ok = count["right"] + count["unknown"]
    label = ("dated (NG)" if dated else "undated (RT)") + f", {scope}"
    print(f"  {name:<5} {label:<22} {ok:>4}/{len(mine):<4} {ok / len(mine):6.1%}   "
          f"year right {count['right']}, unknown {count['unknown']}, wrong {count['wrong']}, "
          f"missed {count['missed']}")


def corpus_articles(limit: int) -> list[Article]:
    articles = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if not record.get("text"):
                continue
            found = URL_DATE.search(record.get("url") or "")
            articles.append(Article(record.get("title") or "", record["text"], url=record.get("url"),
                                    published=found.group(1) if found else None))
            if len(articles) >= limit:
                break
    return articles


def report_speed(limit: int) -> None:
    if not CORPUS.exists():
        print(f"speed: skipped, {CORPUS} not found")
        return
    from natasha import Doc as NatashaDoc

    models = default_models()
    docs = []
    for article in corpus_articles(limit):
        doc = Doc.from_article(article)
        segment.run(doc, models)
        docs.append(doc)
    chars = sum(len(doc.text) for doc in docs)
    models.morph, models.ner_tagger  # load outside the timed loops

    started = time.perf_counter()
    found = 0
    for doc in docs:
        dates.run(doc, models)
        found += len(doc.dates)
    dates_s = time.perf_counter() - started

    started = time.perf_counter()
    for doc in docs:
        ndoc = NatashaDoc(doc.text)
        ndoc.segment(models.segmenter)
        ndoc.tag_ner(models.ner_tagger)
    ner_s = time.perf_counter() - started

    print(f"speed: {len(docs)} corpus articles, {chars} chars, {found} dates found")
    print(f"  dates stage     {chars / dates_s:12,.0f} chars/s  ({dates_s:.2f} s)")
    print(f"  natasha NER     {chars / ner_s:12,.0f} chars/s  ({ner_s:.2f} s)")
    print(f"  dates time / NER time = {dates_s / ner_s:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100, help="corpus articles for the speed test (0: skip)")
    parser.add_argument("--errors", type=int, default=20, help="wrong gold lines to list")
    parser.add_argument("--real", nargs="?", const="tune", choices=["tune", "check", "all"],
                        help="also score real RT/NG articles (bench/data/dates_real)")
    args = parser.parse_args()
    report_accuracy(args.errors)
    if args.real:
        try:
            report_real(args.real, args.errors)
        except (ValueError, OSError) as error:
            sys.exit(f"bench/dates.py: {error}")
    if args.docs > 0:
        report_speed(args.docs)


if __name__ == "__main__":
    main()
