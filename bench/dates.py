"""Dates: accuracy on the hand-written gold list, and the stage's speed.

    python bench/dates.py [--docs N] [--errors K]

1. Accuracy on `tests/data/dates_gold.tsv` (overall and per category:
   absolute, list, range, relative, year-inference, negative), with the
   lines it gets wrong.
2. Speed on the first N articles of `../shared/data/corpus/rt_ng.jsonl.gz`
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
from dates_eval import accuracy, evaluate, load_gold  # noqa: E402  (bench/dates_eval.py)
from letopis.pipeline import segment  # noqa: E402
from letopis.pipeline.dates import find as dates  # noqa: E402
from letopis.pipeline.doc import Doc  # noqa: E402
from letopis.pipeline.models import default_models  # noqa: E402

GOLD = ROOT / "tests" / "data" / "dates_gold.tsv"
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
    args = parser.parse_args()
    report_accuracy(args.errors)
    if args.docs > 0:
        report_speed(args.docs)


if __name__ == "__main__":
    main()
