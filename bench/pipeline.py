#!/usr/bin/env python3
"""Per-core speed of the Letopis pipeline against Natasha, on the same texts in one run.

    python bench/pipeline.py [--limit 200] [--corpus FILE] [--profile N]

Reads the first N articles of `../shared/data/corpus/rt_ng.jsonl.gz` with
Letopis's readers, loads all models and warms both systems on the first
article, then times (CPU time of this one process, BLAS held to one thread):
1. Letopis: `Pipeline()(article)` stage by stage (segment ... events; no store);
2. Natasha: `Doc.segment` + `tag_morph` + `tag_ner` + `span.normalize(MorphVocab)`
   over the same `title + "\\n" + text`.
Prints chars per CPU-second of both, their ratio (target >= 1.0) and each
Letopis stage's seconds. Compare the ratio: absolute figures on a shared
machine are noisy. `--profile N` also runs the Letopis pass once more under
cProfile (Letopis only, not Natasha) and prints its N costliest functions by
own time, so the cost is attributed without Natasha's razdel/slovnet calls
mixed in (the timed figures above come from the unprofiled pass).
"""
from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from pathlib import Path

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "rt_ng.jsonl.gz"
sys.path.insert(0, str(ROOT))


def letopis_seconds(pipeline, articles) -> dict[str, float]:
    """CPU seconds per stage over all articles."""
    from letopis.pipeline.doc import Doc
    seconds = {stage.name: 0.0 for stage in pipeline.stages}
    for article in articles:
        doc = Doc.from_article(article)
        for stage, name in zip(pipeline.stages, seconds):
            start = time.process_time()
            stage.run(doc, pipeline.models)
            seconds[name] += time.process_time() - start
    return seconds


def natasha_seconds(models, texts) -> float:
    """CPU seconds of Natasha's NER + morphology + normalization over the texts."""
    from natasha import Doc as NatashaDoc, MorphVocab
    vocab = MorphVocab()
    start = time.process_time()
    for text in texts:
        doc = NatashaDoc(text)
        doc.segment(models.segmenter)
        doc.tag_morph(models.morph_tagger)
        doc.tag_ner(models.ner_tagger)
        for span in doc.spans:
            span.normalize(vocab)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--corpus", default=str(CORPUS))
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="also print the N costliest Letopis functions (cProfile, own time)")
    args = parser.parse_args()
    from letopis.pipeline import Pipeline
    from letopis.readers import read
    articles = list(itertools.islice(read(args.corpus), args.limit))
    if not articles:
        sys.exit(f"no articles read from {args.corpus}")
    texts = [(a.title + "\n" + a.text) if a.title else a.text for a in articles]
    chars = sum(map(len, texts))
    pipeline = Pipeline()
    pipeline(articles[0])
    natasha_seconds(pipeline.models, texts[:1])
    base = natasha_seconds(pipeline.models, texts)
    stages = letopis_seconds(pipeline, articles)
    ours = sum(stages.values())
    print(f"{len(articles)} articles, {chars:,} chars, one process (CPU time)")
    print(f"Letopis pipeline : {chars / ours:9,.0f} chars/s  ({ours:.2f} s)")
    print(f"Natasha NER+morph+norm: {chars / base:9,.0f} chars/s  ({base:.2f} s)")
    print(f"ratio Letopis/Natasha: {base / ours:.2f}  (target >= 1.0)")
    for name, seconds in stages.items():
        print(f"  {name:<10} {seconds:6.2f} s  {100 * seconds / ours:4.1f}%")
    if args.profile:
        profile(pipeline, articles, args.profile)


def profile(pipeline, articles, top: int) -> None:
    """The Letopis pass again under cProfile: its `top` functions by own time."""
    import cProfile
    import pstats
    profiler = cProfile.Profile()
    profiler.runcall(letopis_seconds, pipeline, articles)
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(top)


if __name__ == "__main__":
    main()
