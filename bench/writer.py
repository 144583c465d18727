#!/usr/bin/env python3
"""Throughput of the store's single writer alone, on SQLite and PostgreSQL.

    python bench/writer.py [--limit N] [--pg URL] [--worker-sample K] [--profile FILE]

Every article of an ingest passes through one `Writer` in the client process,
so its rate caps what any number of pipeline workers can deliver. This:
1. prepares the first N articles of `../shared/data/corpus/rt_ng.jsonl.gz`
   with `letopis.ingest.worker.prepare` (the pipeline), once: the results are
   cached under /tmp (never in the repository) and reused by later runs;
2. replays them into a fresh SQLite file and a fresh PostgreSQL database
   (created on the server of --pg or $LETOPIS_TEST_PG_URL, dropped after):
   `Writer.decide` + `Writer.write` per article, timed alone (wall and CPU);
3. times `prepare` on K articles in this run (one worker's rate, models
   loaded before timing) and prints the implied ceiling: the slower writer's
   rate / one worker's rate = how many workers the writer can keep up with.
The machine may be shared: CPU seconds of the writer are printed too.
The last line reads `writer: X articles/s SQLite, Y articles/s PostgreSQL; ceiling N workers`.
"""
from __future__ import annotations

import argparse
import itertools
import os
import pickle
import sys
import tempfile
import time
import uuid
from pathlib import Path

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "rt_ng.jsonl.gz"
CACHE = Path(tempfile.gettempdir()) / "letopis-bench-writer"
sys.path.insert(0, str(ROOT))


def articles(corpus: Path, limit: int | None):
    from letopis.readers import read
    return itertools.islice(read(corpus, on_error=lambda error: None), limit)


def prepared_cards(corpus: Path, limit: int) -> list[dict]:
    """The first `limit` prepared articles, from the /tmp cache or computed (and cached) now."""
    from letopis.ingest import worker
    CACHE.mkdir(parents=True, exist_ok=True)
    for path in sorted(CACHE.glob(f"{corpus.stem}-*.pkl"), key=lambda p: -int(p.stem.rsplit("-", 1)[1])):
        if int(path.stem.rsplit("-", 1)[1]) >= limit:
            with path.open("rb") as f:
                return pickle.load(f)[:limit]
    print(f"preparing {limit} articles with the pipeline (cached in {CACHE}) ...", flush=True)
    out, started = [], time.perf_counter()
    for i, article in enumerate(articles(corpus, limit), 1):
        prepared = worker.prepare(article)
        if prepared["ok"]:
            out.append(prepared)
        if i % 100 == 0:
            print(f"  ... {i} prepared, {time.perf_counter() - started:.0f} s", flush=True)
    path = CACHE / f"{corpus.stem}-{limit}.pkl"
    with path.open("wb") as f:
        pickle.dump(out, f)
    return out


def worker_rate(corpus: Path, k: int) -> float:
    """Articles/s of `prepare` in this process (one worker), models loaded before timing."""
    from letopis.ingest import worker
    worker.warm_up()
    sample = list(articles(corpus, k))
    started = time.perf_counter()
    for article in sample:
        worker.prepare(article)
    return len(sample) / (time.perf_counter() - started)


def server_cpu(engine) -> float | None:
    """CPU seconds used so far by the PostgreSQL backend serving `engine`'s pooled connection,
    read from /proc when the server runs on this machine (None otherwise, or for SQLite)."""
    if engine.dialect.name == "sqlite":
        return None
    from sqlalchemy import text
    try:
        with engine.connect() as conn:
            pid = conn.execute(text("SELECT pg_backend_pid()")).scalar()
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def replay(url: str, prepared: list[dict], profile: str | None = None) -> dict:
    """Write every prepared article into the (fresh) store at `url`; time the writer alone."""
    from letopis.store.engine import open_engine
    from letopis.store.writer import Writer
    engine = open_engine(url)
    writer = Writer(engine)
    engine.pool.dispose()  # from here on the writer holds the one pooled connection
    server0 = server_cpu(engine)
    written = skipped = 0
    wall = cpu = 0.0
    profiler = None
    if profile:
        import cProfile
        profiler = cProfile.Profile()
    for p in prepared:
        w0, c0 = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        decision = writer.decide(p["url"], p["content_hash"], p["id"])
        if decision.action != "skip":
            writer.write(p, decision)
        if p is prepared[-1]:
            getattr(writer, "flush", lambda: None)()  # the last group's commit is part of the work (older writers: none)
        if profiler:
            profiler.disable()
        wall += time.perf_counter() - w0
        cpu += time.process_time() - c0
        if decision.action == "skip":
            skipped += 1
        else:
            written += 1
    if profiler:
        profiler.dump_stats(profile)
    server1 = server_cpu(engine)
    server = server1 - server0 if server0 is not None and server1 is not None else 0.0
    engine.dispose()
    return {"written": written, "skipped": skipped, "wall": wall, "cpu": cpu, "server": server,
            "rate": written / wall if wall else 0.0, "cpu_rate": written / (cpu + server) if cpu else 0.0}


def fresh_pg(admin: str) -> tuple[str, object]:
    """A new database on the server of `admin`; returns (its URL, a function dropping it)."""
    from sqlalchemy import create_engine, text
    from letopis.store.engine import resolve_url
    admin = resolve_url(admin)
    name = "letopis_bench_" + uuid.uuid4().hex[:10]
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()
    return admin.rsplit("/", 1)[0] + "/" + name, drop


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=300, help="Replay the first N corpus articles (default 300).")
    parser.add_argument("--pg", default=os.environ.get("LETOPIS_TEST_PG_URL"),
                        help="PostgreSQL server URL (default $LETOPIS_TEST_PG_URL); a fresh database is made there.")
    parser.add_argument("--worker-sample", type=int, default=5, help="Articles timed through the pipeline (default 5).")
    parser.add_argument("--corpus", default=str(CORPUS), help="Corpus file (default rt_ng.jsonl.gz).")
    parser.add_argument("--profile", default=None, help="Write a cProfile of the SQLite writer to this file.")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.exists():
        sys.exit(f"Error: {corpus}: no such file")
    prepared = prepared_cards(corpus, args.limit)
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = float("nan")
    print(f"{len(prepared)} prepared articles from {corpus.name}; machine: {os.cpu_count()} cores, load {load:.1f}")
    rates = {}
    with tempfile.TemporaryDirectory(prefix="letopis-bench-writer-") as tmp:
        result = replay(f"sqlite:///{Path(tmp) / 'writer.db'}", prepared, args.profile)
    rates["SQLite"] = result["rate"]
    print(f"SQLite:     {result['written']} written, {result['skipped']} skipped, {result['wall']:.2f} s wall, "
          f"{result['cpu']:.2f} s CPU: {result['rate']:.0f} articles/s "
          f"({1000 * result['wall'] / max(1, result['written']):.2f} ms an article); "
          f"{result['cpu_rate']:.0f} articles per CPU-second")
    if args.pg:
        url, drop = fresh_pg(args.pg)
        try:
            result = replay(url, prepared)
        finally:
            drop()
        rates["PostgreSQL"] = result["rate"]
        print(f"PostgreSQL: {result['written']} written, {result['skipped']} skipped, {result['wall']:.2f} s wall, "
              f"{result['cpu']:.2f} s CPU client + {result['server']:.2f} s server: {result['rate']:.0f} articles/s "
              f"({1000 * result['wall'] / max(1, result['written']):.2f} ms an article); "
              f"{result['cpu_rate']:.0f} articles per CPU-second")
    else:
        print("PostgreSQL: skipped (no --pg and $LETOPIS_TEST_PG_URL unset)")
    one = worker_rate(corpus, args.worker_sample)
    ceiling = min(rates.values()) / one
    print(f"one pipeline worker: {one:.2f} articles/s (first {args.worker_sample} articles)")
    pg = f"{rates['PostgreSQL']:.0f}" if "PostgreSQL" in rates else "n/a"
    print(f"writer: {rates['SQLite']:.0f} articles/s SQLite, {pg} articles/s PostgreSQL; ceiling {ceiling:.0f} workers")


if __name__ == "__main__":
    main()
