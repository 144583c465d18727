#!/usr/bin/env python3
"""Fetching overhead: pages fetched and ingested per second from a local server vs the same pages read from files.

    python bench/fetch.py [--limit 40] [--workers 2] [--fetchers 2]

Takes the first N articles of `../shared/data/corpus/rt_ng.jsonl.gz`, writes
each as an HTML page into a temporary folder, serves that folder on
127.0.0.1 (a threaded `http.server`, with a robots.txt), and in one run:
1. files: `KnowledgeBase.ingest(folder, workers=W)` into a fresh SQLite store
   (HTML reader -> pipeline in W worker processes -> the writer);
2. fetched: the same pages as URLs through `KnowledgeBase.harvest(...).poll`
   (the fetcher with F threads, no rate limit, loopback allowed explicitly ->
   HTML reader -> the same pipeline and writer, plus the fetch log);
3. the same two without the pipeline: reading the files vs fetching + reading
   the pages (the fetch layer's own cost);
and prints pages/s of each and the ratios (fetched / files). Worker start-up
is inside both ingest timings. Timings on a shared machine are noisy.
"""
from __future__ import annotations

import argparse
import html
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "rt_ng.jsonl.gz"


def write_pages(folder: Path, limit: int) -> list[str]:
    from letopis.readers import read
    names = []
    for number, article in enumerate(read(CORPUS)):
        if number >= limit:
            break
        body = "".join(f"<p>{html.escape(p)}</p>" for p in article.paragraphs)
        page = (f'<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>{html.escape(article.title)}'
                f"</title></head><body><article><h1>{html.escape(article.title)}</h1>{body}</article></body></html>")
        name = f"page_{number:04d}.html"
        (folder / name).write_text(page, encoding="utf-8")
        names.append(name)
    (folder.parent / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    return names


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(folder)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=40, help="pages (articles of the corpus)")
    parser.add_argument("--workers", type=int, default=2, help="pipeline worker processes")
    parser.add_argument("--fetchers", type=int, default=2, help="fetching threads")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"Error: {CORPUS}: no such file (the shared corpus is needed)")
    from letopis.fetch.client import Fetcher, FetchSettings
    from letopis.fetch.pages import read_page
    from letopis.ingest.harvest import Target
    from letopis.kb import KnowledgeBase
    from letopis.readers import read

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "site" / "pages"
        folder.mkdir(parents=True)
        names = write_pages(folder, args.limit)
        server, base = serve(folder.parent)
        urls = [f"{base}/pages/{name}" for name in names]
        settings = FetchSettings(rate=0, allow_private=True, timeout=30)
        try:
            files_kb = KnowledgeBase(f"sqlite:///{tmp}/files.db")
            files, files_s = timed(lambda: files_kb.ingest([str(folder)], workers=args.workers))
            fetched_kb = KnowledgeBase(f"sqlite:///{tmp}/fetched.db")
            with Fetcher(settings) as fetcher:
                harvest = fetched_kb.harvest(fetcher, workers=args.workers, threads=args.fetchers)
                poll, fetched_s = timed(lambda: harvest.poll(Target("pages", "urls", urls=urls)))
            read_only, read_s = timed(lambda: [a for name in names for a in read(folder / name)])
            with Fetcher(settings) as fetcher:
                from concurrent.futures import ThreadPoolExecutor
                with ThreadPoolExecutor(args.fetchers) as pool:
                    got, get_s = timed(lambda: list(pool.map(lambda u: read_page(fetcher.page(u)), urls)))
        finally:
            server.shutdown()
    n = len(names)
    assert files["new"] == poll.new == n and not files["failed"] and not poll.failed, (files, poll.as_json())
    assert len(read_only) == len(got) == n
    print(f"{n} pages, {args.workers} pipeline workers, {args.fetchers} fetching threads")
    print(f"ingest from files:   {files_s:6.1f} s  {n / files_s:6.2f} pages/s")
    print(f"ingest from server:  {fetched_s:6.1f} s  {n / fetched_s:6.2f} pages/s  (ratio {fetched_s / files_s:.2f}x the time)")
    print(f"read files only:     {read_s:6.2f} s  {n / read_s:6.1f} pages/s")
    print(f"fetch + read only:   {get_s:6.2f} s  {n / get_s:6.1f} pages/s  (ratio {get_s / read_s:.2f}x the time)")


if __name__ == "__main__":
    main()
