"""Bounded soak tests: what one long article costs, and how the server holds up under load.

    python bench/soak.py article --mb 1 4.9 [--uncapped] [--timeout 300]
        one article of N MB (corpus texts joined) ingested by a fresh `letopis ingest
        --workers 0`: wall time, peak RSS, and what the run said (stored / refused).
        --uncapped lifts MAX_ARTICLE_CHARS to show the cost without the bound.
    python bench/soak.py load --db kb.db [--requests 2000] [--concurrency 16] [--ingest FILE]
        starts `letopis serve` on loopback and sends a mix of search, entity, article and
        events requests: throughput, p50/p95/p99, errors, server RSS at start and end;
        --ingest runs an ingest into the same store meanwhile.

Everything runs on this machine, on loopback, for a bounded number of requests.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "rt_ng.jsonl.gz"
CLI = "from letopis.cli import main; main()"


# --- one long article ----------------------------------------------------------
def long_text(megabytes: float) -> str:
    """Corpus news texts joined until the UTF-8 text reaches `megabytes`."""
    target, parts, size = int(megabytes * 1024 * 1024), [], 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line).get("text") or ""
            parts.append(text)
            size += len(text.encode("utf-8")) + 2
            if size >= target:
                break
    return "\n\n".join(parts).encode("utf-8")[:target].decode("utf-8", "ignore")


def article_cost(megabytes: float, uncapped: bool, timeout: float) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.jsonl"
        text = long_text(megabytes)
        path.write_text(json.dumps({"title": "Длинная статья", "text": text}, ensure_ascii=False) + "\n",
                        encoding="utf-8")
        env = dict(os.environ)
        if uncapped:
            env["LETOPIS_MAX_ARTICLE_CHARS"] = str(10**9)
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", CLI, "ingest", str(path), "--db", str(Path(tmp) / "kb.db"),
                                 "--workers", "0", "--no-progress", "--json"], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        out, err = proc.communicate()
        timer.cancel()
        seconds = time.perf_counter() - started
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child so far
        try:
            summary = json.loads(out)
            outcome = "stored" if summary["new"] else summary["failed"][0]["problem"]
        except (ValueError, KeyError, IndexError):
            outcome = f"killed after {timeout:.0f} s" if proc.returncode in (-9, 137) else (err.strip()[-200:] or "?")
        return {"mb": megabytes, "chars": len(text), "uncapped": uncapped, "seconds": round(seconds, 1),
                "peak_rss_mb": round(peak_kb / 1024), "outcome": outcome}


def run_article(args) -> None:
    for mb in args.mb:
        row = article_cost(mb, args.uncapped, args.timeout)
        print(f"{row['mb']:>4} MB ({row['chars']:,} chars){' uncapped' if row['uncapped'] else ''}: "
              f"{row['seconds']} s, peak RSS {row['peak_rss_mb']} MB (largest child so far): {row['outcome']}",
              flush=True)


# --- load on the server ---------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def get(url: str) -> tuple[int, float]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except (urllib.error.URLError, OSError):
        status = 0
    return status, time.perf_counter() - started


def request_mix(base: str) -> list[str]:
    """Paths of the mix, from what the store holds: search, entity, article, events."""
    def api(path):
        with urllib.request.urlopen(base + path, timeout=30) as response:
            return json.load(response)
    entities = [e["name"] for e in api("/api/entities?limit=20")["items"]]
    articles = [a["article_id"] for a in api("/api/search?q=" + urllib.parse.quote("россия") + "&limit=20")["items"]]
    words = ["россия", "президент", "теракт", "выборы", "москва", "правительство"]
    mix = []
    for i in range(20):
        mix.append("/api/search?q=" + urllib.parse.quote(words[i % len(words)]))
        if entities:
            mix.append("/api/entities/" + urllib.parse.quote(entities[i % len(entities)], safe=""))
        if articles:
            mix.append("/api/articles/" + urllib.parse.quote(articles[i % len(articles)], safe=""))
        mix.append("/api/events?limit=20")
    return mix


def run_load(args) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-c", CLI, "serve", "--db", args.db, "--port", str(port)],
                              cwd=ROOT, stderr=open(os.environ.get("SOAK_SERVER_LOG", os.devnull), "w"))
    ingest = None
    try:
        deadline = time.monotonic() + 120
        while get(base + "/api/stats")[0] != 200:
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit("server did not start")
            time.sleep(0.5)
        mix = request_mix(base)
        for path in mix:  # warm caches once
            get(base + path)
        start_rss = rss_mb(server.pid)
        if args.ingest:
            ingest = subprocess.Popen([sys.executable, "-c", CLI, "ingest", args.ingest, "--db", args.db,
                                       "--workers", "1", "--no-progress"], cwd=ROOT,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        results: list[tuple[int, float]] = []
        lock, counter = threading.Lock(), iter(range(args.requests))

        def client():
            for i in counter:
                outcome = get(base + mix[i % len(mix)])
                with lock:
                    results.append(outcome)

        started = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(args.concurrency)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        seconds = time.perf_counter() - started
        latencies = sorted(ms for _, ms in results)
        q = statistics.quantiles(latencies, n=100)
        errors = sum(1 for status, _ in results if status != 200)
        print(f"{len(results)} requests, concurrency {args.concurrency}{', during an ingest' if ingest else ''}: "
              f"{len(results) / seconds:.1f} req/s, p50 {q[49] * 1000:.0f} ms, p95 {q[94] * 1000:.0f} ms, "
              f"p99 {q[98] * 1000:.0f} ms, errors {errors}, server RSS {start_rss} -> {rss_mb(server.pid)} MB")
    finally:
        for proc in (ingest, server):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    article = sub.add_parser("article", help="time and peak memory of one long article")
    article.add_argument("--mb", type=float, nargs="+", default=[1.0, 4.9])
    article.add_argument("--uncapped", action="store_true", help="lift MAX_ARTICLE_CHARS (the cost without the bound)")
    article.add_argument("--timeout", type=float, default=300)
    load = sub.add_parser("load", help="a bounded load test of `letopis serve` on loopback")
    load.add_argument("--db", required=True)
    load.add_argument("--requests", type=int, default=2000)
    load.add_argument("--concurrency", type=int, default=16)
    load.add_argument("--ingest", help="a file to ingest into the same store during the test")
    args = parser.parse_args()
    run_article(args) if args.what == "article" else run_load(args)


if __name__ == "__main__":
    main()
