"""Reader throughput on the shared corpus, against a bare gzip + json.loads loop.

    python bench/readers.py [--limit N] [--repeat R]

The baseline only decompresses and parses each JSONL record; Letopis also
cleans boilerplate, finds subheadings, derives source/rubric/dates and
checks the language. Both run in this process, alternately, R times; the
best run of each is reported, with the ratio, so machine noise hits both.
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import time
from pathlib import Path

from letopis.readers import read

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "corpus" / "rt_ng.jsonl.gz"


def baseline(limit: int | None) -> tuple[int, int]:
    """(records, text characters): gzip + json.loads, nothing else."""
    records = chars = 0
    with gzip.open(CORPUS, "rb") as file:
        for line in itertools.islice(file, limit):
            record = json.loads(line)
            records, chars = records + 1, chars + len(record.get("text") or "")
    return records, chars


def letopis(limit: int | None) -> tuple[int, int]:
    """(articles, errors) of `letopis.readers.read` on the same records."""
    errors = []
    articles = sum(1 for _ in itertools.islice(read(CORPUS, on_error=errors.append), limit))
    return articles, len(errors)


def timed(func, *args) -> tuple[float, tuple]:
    start = time.perf_counter()
    result = func(*args)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="records to read (default: all)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    base_times, our_times = [], []
    for _ in range(args.repeat):
        seconds, (records, chars) = timed(baseline, args.limit)
        base_times.append(seconds)
        seconds, (articles, errors) = timed(letopis, args.limit)
        our_times.append(seconds)
    base, ours = min(base_times), min(our_times)
    print(f"corpus: {CORPUS.name}, {records} records, {chars / 1e6:.1f}M text chars, best of {args.repeat}")
    print(f"baseline gzip+json.loads: {base:.2f}s  {chars / base / 1e6:.1f}M chars/s")
    print(f"letopis read():           {ours:.2f}s  {chars / ours / 1e6:.1f}M chars/s  "
          f"({articles} articles, {errors} refused)")
    print(f"ratio letopis/baseline time: {ours / base:.1f}x")


if __name__ == "__main__":
    main()
