#!/usr/bin/env python3
"""Writer cost and query latency as the store grows (10K, 50K, 100K articles).

    python bench/store_scale.py [--sizes 10000,50000,100000] [--cards 400] [--pg URL] [--queries 50]

The pipeline need not run 100K times: the first --cards rt_ng articles are
prepared once (`bench/writer.py`'s /tmp cache) and replayed over and over,
copy k with distinct URL, id and content hash, dates shifted by k years and
the MinHash signature scrambled per copy (so copies are neither skipped nor
flagged as near-duplicates of each other, while the LSH index still grows).
At each size it prints the writer's cost per article over the last
`--window` articles (wall and CPU ms) and the p50/p95 of searches (1-2 title
words), entity profiles (the most mentioned entities and random ones) and
events queries (by type, by place, all sorted by date). Targets: writer cost
at the largest size within 1.3x of the smallest; every p95 < 100 ms.
SQLite always; PostgreSQL too with --pg (a fresh database there, dropped after).
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import writer as bench_writer  # noqa: E402  (bench/writer.py: the prepared-card cache)


def copy_of(p: dict, k: int, rng: np.random.Generator) -> dict:
    """Copy k of a prepared article: distinct keys, dates k years later, scrambled MinHash."""
    if k == 0:
        return p
    q = dict(p, url=f"{p['url'] or p['id']}#copy{k}", id=f"{p['id']}-{k}"[:40],
             content_hash=hashlib.sha1(f"{p['content_hash']}-{k}".encode()).hexdigest())
    if p.get("published"):
        try:
            day = date.fromisoformat(p["published"][:10]) + timedelta(days=365 * k)
            q["published"] = day.isoformat() + p["published"][10:]
        except ValueError:
            pass
    if p.get("minhash"):
        values = np.frombuffer(p["minhash"], dtype=np.uint32)
        q["minhash"] = (values ^ rng.integers(1, 2 ** 32, size=values.size, dtype=np.uint32)).tobytes()
    q["card"] = dict(p["card"], article=dict(p["card"].get("article") or {}, url=q["url"], id=q["id"],
                                               published=q.get("published")))
    return q


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))] if ordered else float("nan")


def time_queries(url: str, titles: list[str], n: int, seed: int = 7) -> dict[str, list[float]]:
    """ms of n searches, n entity profiles and n events queries on the store at `url`."""
    from letopis.kb import KnowledgeBase
    from letopis.store.lemmas import WORD
    rng = random.Random(seed)
    kb = KnowledgeBase(url)
    words = [w for t in titles for w in WORD.findall(t) if len(w) > 3 and not w.isdigit()]
    searches = [" ".join(rng.sample(words, k=rng.choice((1, 2)))) for _ in range(n)]
    top = [e["id"] for e in kb.entities(limit=n // 2)["items"]]
    total = kb.entities(limit=1)["total"]
    others = [e["id"] for e in kb.entities(limit=n - len(top), offset=rng.randint(0, max(0, total - n)))["items"]]
    places = [e["name"] for e in kb.entities(limit=20, type="LOC")["items"]]
    types = sorted({t for t in ("incident", "attack", "meeting", "decree", "statement")})
    kb.search("прогрев")  # the lemmatizer loads once, as in a server
    out: dict[str, list[float]] = {"search": [], "profile": [], "events": []}
    for query in searches:
        started = time.perf_counter()
        kb.search(query, limit=10)
        out["search"].append(1000 * (time.perf_counter() - started))
    for key in top + others:
        started = time.perf_counter()
        kb.entity(key)
        out["profile"].append(1000 * (time.perf_counter() - started))
    for i in range(n):
        kind = i % 3
        started = time.perf_counter()
        if kind == 0:
            kb.events(type=rng.choice(types), limit=20)
        elif kind == 1 and places:
            kb.events(place=rng.choice(places), limit=20)
        else:
            kb.events(limit=20, sort="date")
        out["events"].append(1000 * (time.perf_counter() - started))
    kb.close()
    return out


def grow(url: str, cards: list[dict], sizes: list[int], window: int, n_queries: int, label: str) -> list[dict]:
    """Replay copies of the cards into the store at `url`, measuring at each size."""
    from letopis.store.engine import open_engine
    from letopis.store.writer import Writer
    engine = open_engine(url)
    writer = Writer(engine)
    rng = np.random.default_rng(11)
    titles = [c["title"] for c in cards]
    rows, written, k = [], 0, 0
    recent: list[tuple[float, float]] = []
    started = time.perf_counter()
    for size in sizes:
        while written < size:
            for p in cards:
                if written >= size:
                    break
                q = copy_of(p, k, rng)
                w0, c0 = time.perf_counter(), time.process_time()
                decision = writer.decide(q["url"], q["content_hash"], q["id"])
                if decision.action != "skip":
                    writer.write(q, decision)
                    written += 1
                    recent.append((time.perf_counter() - w0, time.process_time() - c0))
                    if len(recent) > window:
                        recent.pop(0)
            else:
                k += 1
            if written % 5000 < len(cards):
                print(f"  {label}: {written} stored, {time.perf_counter() - started:.0f} s", flush=True)
        writer.flush()
        wall = sum(w for w, _ in recent) / len(recent)
        cpu = sum(c for _, c in recent) / len(recent)
        timings = time_queries(url, titles, n_queries)
        row = {"backend": label, "size": size, "wall_ms": 1000 * wall, "cpu_ms": 1000 * cpu}
        for kind, values in timings.items():
            row[kind] = (percentile(values, 0.5), percentile(values, 0.95))
        rows.append(row)
        print(f"  {label} at {size}: writer {row['wall_ms']:.2f} ms wall, {row['cpu_ms']:.2f} ms CPU an article; "
              + "; ".join(f"{kind} p50 {row[kind][0]:.1f} / p95 {row[kind][1]:.1f} ms" for kind in timings), flush=True)
    engine.dispose()
    return rows


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,50000,100000", help="Store sizes to measure at (articles).")
    parser.add_argument("--cards", type=int, default=400, help="Distinct prepared rt_ng articles replayed (default 400).")
    parser.add_argument("--pg", default=None, help="PostgreSQL server URL: measure there too (a fresh database).")
    parser.add_argument("--window", type=int, default=1000, help="Articles the writer cost is averaged over.")
    parser.add_argument("--queries", type=int, default=50, help="Queries of each kind timed at each size.")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    cards = bench_writer.prepared_cards(bench_writer.CORPUS, args.cards)
    print(f"{len(cards)} distinct prepared articles, replayed up to {sizes[-1]}; "
          f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}", flush=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="letopis-scale-") as tmp:
        rows += grow(f"sqlite:///{Path(tmp) / 'scale.db'}", cards, sizes, args.window, args.queries, "SQLite")
    if args.pg:
        url, drop = bench_writer.fresh_pg(args.pg)
        try:
            rows += grow(url, cards, sizes, args.window, args.queries, "PostgreSQL")
        finally:
            drop()
    print(f"\n| backend | articles | writer ms/article (wall) | CPU ms | search p50/p95 ms | profile p50/p95 ms "
          f"| events p50/p95 ms |\n|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['backend']} | {r['size']:,} | {r['wall_ms']:.2f} | {r['cpu_ms']:.2f} | "
              + " | ".join(f"{r[k][0]:.1f} / {r[k][1]:.1f}" for k in ("search", "profile", "events")) + " |")
    for backend in {r["backend"] for r in rows}:
        mine = [r for r in rows if r["backend"] == backend]
        growth = mine[-1]["cpu_ms"] / mine[0]["cpu_ms"]
        worst = max(r[k][1] for r in mine[-1:] for k in ("search", "profile", "events"))
        print(f"{backend}: writer CPU cost at {mine[-1]['size']:,} = {growth:.2f}x its cost at {mine[0]['size']:,} "
              f"(target <= 1.3x); worst p95 at {mine[-1]['size']:,}: {worst:.1f} ms (target < 100 ms)")


if __name__ == "__main__":
    main()
