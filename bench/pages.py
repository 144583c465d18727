#!/usr/bin/env python3
"""Web page latency: p50/p95 of every page of the UI on a real store.

    python bench/pages.py --db letopis.db [--requests 30]
    python bench/pages.py --limit 300            # builds a store of the first 300 rt_ng articles first

Each page is requested through the app in-process (FastAPI's TestClient: no
network, no server noise) `--requests` times with varying parameters (the
most mentioned entities, their events, searches for words of real titles).
Beside each page its `.json` twin is timed in the same run: the page / JSON
ratio is what drawing the HTML (templates, charts, the co-mention graph) adds
to the queries themselves. Target: every page p95 < 200 ms on the full store.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "rt_ng.jsonl.gz"
sys.path.insert(0, str(ROOT))


def build_store(limit: int) -> str:
    """A fresh SQLite store of the first `limit` corpus articles."""
    import itertools

    from letopis.kb import KnowledgeBase
    from letopis.readers import read
    path = str(Path(tempfile.mkdtemp(prefix="letopis-pages-")) / "pages.db")
    articles = itertools.islice(read(str(CORPUS), on_error=lambda error: None), limit)
    summary = KnowledgeBase(path).ingest_articles(articles, workers=2)
    print(f"built {path}: {summary['new']} articles in {summary['seconds']:.0f} s", file=sys.stderr)
    return path


def page_urls(kb, count: int, seed: int = 7) -> dict[str, list[str]]:
    """Page name -> `count` URLs of that page, parameters drawn from the store."""
    rng = random.Random(seed)
    entities = kb.entities(limit=50)["items"] or [{"id": 1}]
    titles = [a["title"] for a in kb.articles(limit=200)["items"]] or ["Россия"]
    words = [w for t in titles for w in t.split() if len(w) > 4 and w.isalpha()] or ["Россия"]
    articles = [a["id"] for a in kb.articles(limit=200)["items"]]
    stories = [s["id"] for s in kb.stories(limit=50, min_articles=1)["items"]]
    pick = lambda items: [rng.choice(items) for _ in range(count)] if items else []  # noqa: E731
    return {
        "home": ["/"] * count,
        "articles": [f"/articles?offset={rng.randrange(0, 200)}" for _ in range(count)],
        "article": [f"/articles/{a}" for a in pick(articles)],
        "entities": [f"/entities?type={rng.choice(['PER', 'ORG', 'LOC'])}" for _ in range(count)],
        "entity": [f"/entities/{e['id']}" for e in pick(entities)],
        "events": [f"/events?type={rng.choice(['attack', 'statement', 'visit', ''])}" for _ in range(count)],
        "search": [f"/search?q={w}" for w in pick(words)],
        "stories": ["/stories?min_articles=1"] * count,
        "story": [f"/stories/{s}" for s in pick(stories)],
    }


TWINS = {"home": "/index.json", "articles": "/articles.json", "entities": "/entities.json",
         "events": "/events.json", "search": "/search.json", "stories": "/stories.json"}


def timed(client, urls: list[str]) -> list[float]:
    out = []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        out.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else (values[0] if values else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing store (default: build one from --limit corpus articles)")
    parser.add_argument("--limit", type=int, default=300, help="corpus articles for the store built when no --db")
    parser.add_argument("--requests", type=int, default=30, help="requests per page")
    args = parser.parse_args()
    from fastapi.testclient import TestClient

    from letopis.kb import KnowledgeBase
    from letopis.web import create_app
    kb = KnowledgeBase(args.db or build_store(args.limit), read_only=True)
    client = TestClient(create_app(kb))
    stats = kb.stats()
    print(f"store: {stats['articles']} articles, {stats['entities']} entities, {stats['events']} events")
    print(f"{'page':<10} {'p50 ms':>8} {'p95 ms':>8}   {'json p95':>8} {'page/json':>9}")
    worst = 0.0
    for name, urls in page_urls(kb, args.requests).items():
        if not urls:
            continue
        timed(client, urls[:2])  # warm caches (templates, morphology) before timing
        page = timed(client, urls)
        worst = max(worst, p95(page))
        line = f"{name:<10} {statistics.median(page):8.1f} {p95(page):8.1f}"
        if name in TWINS:
            twin_urls = [TWINS[name] + (u[u.index('?'):] if '?' in u else "") for u in urls]
            twin = timed(client, twin_urls)
            line += f"   {p95(twin):8.1f} {p95(page) / max(p95(twin), 1e-6):9.2f}"
        print(line)
    print(f"pages: worst p95 {worst:.1f} ms (target < 200 ms)")


if __name__ == "__main__":
    main()
