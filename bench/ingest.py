#!/usr/bin/env python3
"""Ingest throughput, memory and query latency of Letopis against Natasha.

    python bench/ingest.py [--limit N] [--workers 2] [--baseline-limit M] [--db FILE] [--queries 100]

Reads `../shared/data/corpus/rt_ng.jsonl.gz` (all 9,204 articles, or the
first N with --limit) through Letopis's readers and, in the same run:
1. Letopis: ingests them into a fresh SQLite file (a temporary one unless
   --db) with `--workers` pipeline processes and the main process writing;
   articles/s and chars/s of the articles it processed (duplicates it skips
   by content hash are not counted) over the wall time (worker start-up
   included) and over the steady part (first stored article to last);
2. baseline: Natasha's segmenter + morph tagger + NER + span normalization
   (MorphVocab) over the same texts (title + "\\n" + text) in one process,
   models loaded before timing, BLAS limited to one thread as in Letopis's
   workers (one process = one core); --baseline-limit M times it on the first
   M texts only (its rate is per char, so a subset estimates it);
3. the ratio of the two chars/s figures (target >= 1.5 on 2 cores);
   plus chars per CPU-second of both (user + system time of all processes):
   a per-core figure that other load on a shared machine does not distort;
4. peak RSS of the ingest: main process + workers, sampled every 0.1 s
   (target < 1.5 GB), and the database size;
5. p50/p95 latency of 100 searches (1-2 words from random titles, seeded)
   and 100 entity profiles (the 50 most mentioned entities and 50 random
   ones) on the ingested store (target p95 < 100 ms).
Timings on a shared machine are noisy: compare the ratio, not absolutes.
"""
from __future__ import annotations

import argparse
import itertools
import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

# One process = one core for the baseline too: a multi-threaded BLAS (numpy under slovnet)
# would spread "one process" over both cores and, on a busy machine, waste CPU spinning.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "rt_ng.jsonl.gz"
sys.path.insert(0, str(ROOT))


class PeakRss:
    """Samples the RSS of this process and all its children; keeps the peak of the sum."""

    def __init__(self, interval: float = 0.1):
        import psutil
        self.process = psutil.Process()
        self.interval = interval
        self.peak = 0
        self.peak_main = 0
        self.peak_child = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        import psutil
        while not self._stop.is_set():
            total = 0
            for proc in [self.process, *self.process.children(recursive=True)]:
                try:
                    rss = proc.memory_info().rss
                except psutil.Error:
                    continue
                total += rss
                if proc is self.process:
                    self.peak_main = max(self.peak_main, rss)
                else:
                    self.peak_child = max(self.peak_child, rss)
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def stream_articles(path: Path, limit: int | None, seen: dict):
    """The corpus through Letopis's own readers, streamed (the ingest never holds it all);
    counts articles and chars and keeps titles (for the search queries) in `seen`."""
    from letopis.readers import read
    problems = seen.setdefault("problems", [])
    for article in itertools.islice(read(path, on_error=problems.append), limit):
        seen["articles"] = seen.get("articles", 0) + 1
        seen["chars"] = seen.get("chars", 0) + chars_of(article)
        seen.setdefault("titles", []).append(article.title or "")
        yield article


def chars_of(article) -> int:
    return len(article.title or "") + 1 + len(article.text or "")


def cpu_split() -> tuple[float, float]:
    """(this process, its reaped children = the pool's workers): user + system CPU seconds."""
    import resource
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def cpu_seconds() -> float:
    return sum(cpu_split())


def run_letopis(articles, db: Path, workers: int) -> dict:
    """Ingest into a fresh store; wall and steady rates, CPU time, peak RSS."""
    from letopis.kb import KnowledgeBase
    kb = KnowledgeBase(str(db))
    stamps = []
    with PeakRss() as rss:
        main0, kids0 = cpu_split()
        cpu = main0 + kids0
        started = time.perf_counter()
        def progress(s):
            stamps.append((time.perf_counter(), s.chars, s.new))
            done = s.new + s.updated + s.skipped + len(s.failed)
            if done % 500 == 0:
                print(f"  ... {done} done ({s.new} stored), {time.perf_counter() - started:.0f} s", flush=True)
        summary = kb.ingest_articles(articles, workers=workers, progress=progress)
        wall = time.perf_counter() - started
        cpu = cpu_seconds() - cpu
        main1, kids1 = cpu_split()
    stored = [(t, c, n) for t, c, n in stamps if n > 0]
    steady = {}
    if len(stored) > 2:
        (t0, c0, n0), (t1, c1, n1) = stored[0], stored[-1]
        steady = {"seconds": t1 - t0, "articles": n1 - n0, "chars": c1 - c0}
    kb.close()
    return {"summary": summary, "wall": wall, "cpu": cpu, "cpu_main": main1 - main0, "cpu_workers": kids1 - kids0,
            "peak_rss": rss.peak, "peak_main": rss.peak_main, "peak_worker": rss.peak_child, "steady": steady}


def run_baseline(texts: list[str]) -> dict:
    """Natasha NER + morph + normalization, one process."""
    from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
    emb = NewsEmbedding()
    segmenter, morph, ner, vocab = Segmenter(), NewsMorphTagger(emb), NewsNERTagger(emb), MorphVocab()

    def process(text: str) -> None:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.tag_ner(ner)
        for span in doc.spans:
            span.normalize(vocab)

    process("Президент России Владимир Путин прибыл в Москву.")  # warm-up, untimed
    cpu = cpu_seconds()
    started = time.perf_counter()
    for text in texts:
        process(text)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "cpu": cpu_seconds() - cpu, "articles": len(texts),
            "chars": sum(len(t) for t in texts)}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def run_queries(db: Path, titles: list[str], n: int) -> dict:
    """Latency of n searches and n entity profiles on the ingested store."""
    from letopis.kb import KnowledgeBase
    from letopis.store.lemmas import WORD
    rng = random.Random(7)
    kb = KnowledgeBase(str(db))
    words = [w for t in titles for w in WORD.findall(t) if len(w) > 3 and not w.isdigit()]
    queries = [" ".join(rng.sample(words, k=rng.choice((1, 2)))) for _ in range(n)] if words else []
    top = [e["id"] for e in kb.entities(limit=n // 2)["items"]]
    total = kb.entities(limit=1)["total"]
    others = [e["id"] for e in kb.entities(limit=n - len(top), offset=rng.randint(n // 2, max(n // 2, total - n)))["items"]]
    kb.search("прогрев")  # loads the lemmatizer once, as a server would on start
    timings = {"search": [], "profile": []}
    hits = []
    for query in queries:
        started = time.perf_counter()
        hits.append(kb.search(query, limit=10)["total"])
        timings["search"].append(time.perf_counter() - started)
    for key in top + others:
        started = time.perf_counter()
        kb.entity(key)
        timings["profile"].append(time.perf_counter() - started)
    kb.close()
    return {"timings": timings, "queries": queries, "hits": hits}


def report(args, seen, letopis, baseline, queries, db: Path) -> None:
    summary = letopis["summary"]
    n_articles = seen["articles"]
    # Rates count what the pipeline processed: duplicates skipped by content hash cost nothing
    # and would flatter Letopis if their chars were counted.
    chars, n_done = summary["chars"], summary["new"] + summary["updated"]
    wall = letopis["wall"]
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
    l_rate = chars / wall
    b_rate = baseline["chars"] / baseline["seconds"]
    print(f"\ncorpus: {CORPUS.name}, {n_articles} articles, {seen['chars']:,} chars read, {chars:,} processed "
          f"(duplicates skipped); machine: {os.cpu_count()} cores")
    if seen["problems"]:
        print(f"reader problems: {len(seen['problems'])} (first: {seen['problems'][0]})")
    print(f"ingest summary: new {summary['new']}, updated {summary['updated']}, skipped {summary['skipped']}, "
          f"failed {len(summary['failed'])}, near-duplicates {summary['near_duplicates']}")
    for failure in summary["failed"][:5]:
        print(f"  failed: {failure['path']}: {failure['problem']}")
    print(f"\n{'':34}{'articles/s':>12}{'chars/s':>12}{'seconds':>10}")
    print(f"{'Letopis ingest, ' + str(args.workers) + ' workers (wall)':34}{n_done / wall:>12.2f}"
          f"{l_rate:>12,.0f}{wall:>10.1f}")
    steady = letopis["steady"]
    if steady:
        print(f"{'Letopis ingest (steady part)':34}{steady['articles'] / steady['seconds']:>12.2f}"
              f"{steady['chars'] / steady['seconds']:>12,.0f}{steady['seconds']:>10.1f}")
    print(f"{'Natasha NER+morph+norm, 1 process':34}{baseline['articles'] / baseline['seconds']:>12.2f}"
          f"{b_rate:>12,.0f}{baseline['seconds']:>10.1f}"
          + (f"   (first {baseline['articles']} texts)" if baseline["articles"] < n_articles else ""))
    print(f"\nratio Letopis/Natasha (chars/s, wall): {l_rate / b_rate:.2f}x   target >= 1.5x  "
          f"{'OK' if l_rate / b_rate >= 1.5 else 'MISSED'}")
    if steady:
        print(f"ratio Letopis/Natasha (chars/s, steady): {steady['chars'] / steady['seconds'] / b_rate:.2f}x")
    l_cpu, b_cpu = chars / letopis["cpu"], baseline["chars"] / baseline["cpu"]
    print(f"chars per CPU-second (immune to other load): Letopis {l_cpu:,.0f} (all processes, model loading "
          f"included), Natasha {b_cpu:,.0f}: {l_cpu / b_cpu:.2f}x per core")
    print(f"wall-clock parallelism of the ingest: {letopis['cpu'] / wall:.2f} cores busy on average "
          f"(CPU s: main process {letopis['cpu_main']:.1f} reading+writing, workers {letopis['cpu_workers']:.1f})")
    peak = letopis["peak_rss"] / 2 ** 20
    print(f"peak RSS of the ingest (main + workers): {peak:,.0f} MB   target < 1536 MB  "
          f"{'OK' if peak < 1536 else 'MISSED'}  (main {letopis['peak_main'] / 2 ** 20:,.0f} MB, "
          f"largest worker {letopis['peak_worker'] / 2 ** 20:,.0f} MB)")
    print(f"database size: {size / 2 ** 20:,.1f} MB ({db})")
    for kind in ("search", "profile"):
        values = [t * 1000 for t in queries["timings"][kind]]
        if not values:
            continue
        p95 = percentile(values, 0.95)
        print(f"{kind:>8}: {len(values)} queries, p50 {percentile(values, 0.5):.1f} ms, p95 {p95:.1f} ms, "
              f"max {max(values):.1f} ms   target p95 < 100 ms  {'OK' if p95 < 100 else 'MISSED'}")
    if queries["hits"]:
        print(f"searches with hits: {sum(1 for h in queries['hits'] if h)}/{len(queries['hits'])}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="Ingest only the first N articles.")
    parser.add_argument("--workers", type=int, default=2, help="Pipeline worker processes (default 2).")
    parser.add_argument("--baseline-limit", type=int, default=None,
                        help="Time the Natasha baseline on the first M texts only.")
    parser.add_argument("--db", default=None, help="SQLite file to create (default: a temporary file).")
    parser.add_argument("--queries", type=int, default=100, help="Searches and profiles to time (each).")
    parser.add_argument("--corpus", default=str(CORPUS), help="Corpus file (default rt_ng.jsonl.gz).")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.exists():
        sys.exit(f"Error: {corpus}: no such file")
    tmp = None
    if args.db:
        db = Path(args.db)
        if db.exists():
            sys.exit(f"Error: {db} exists; the benchmark needs a fresh store")
    else:
        tmp = tempfile.TemporaryDirectory(prefix="letopis-bench-")
        db = Path(tmp.name) / "bench.db"
    seen: dict = {}
    print(f"ingesting {corpus.name} (limit {args.limit or 'none'}) with {args.workers} workers ...", flush=True)
    letopis = run_letopis(stream_articles(corpus, args.limit, seen), db, args.workers)
    print(f"ingested {seen.get('articles', 0)} articles in {letopis['wall']:.1f} s; "
          f"timing the Natasha baseline ...", flush=True)
    baseline_limit = min(x for x in (args.limit, args.baseline_limit) if x) if (args.limit or args.baseline_limit) else None
    texts = [(a.title or "") + "\n" + (a.text or "") for a in stream_articles(corpus, baseline_limit, {})]
    baseline = run_baseline(texts)
    del texts
    print("timing queries ...", flush=True)
    queries = run_queries(db, seen["titles"], args.queries)
    report(args, seen, letopis, baseline, queries, db)
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
