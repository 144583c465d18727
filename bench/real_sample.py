"""Draw the real-news gold sample once: 100 RT and 100 NG records of `rt_ng`, fixed seed.

The sample and its tune/check split are written to `bench/data/real/sample.jsonl`
(record id, URL, line number, source, split; never the text, which stays in
`../shared`). It is drawn once and committed; re-running prints the same lines,
so anyone can check the draw was not chosen by hand:

    python bench/real_sample.py --check
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "rt_ng.jsonl.gz"
SAMPLE = ROOT / "bench" / "data" / "real" / "sample.jsonl"
SEED = 20261202
PER_SOURCE = 100
MIN_CHARS = 300  # shorter records are stubs, not articles
REGION_CHARS = 1500  # the annotated region: body up to the sentence crossing this offset
SENTENCE_END = re.compile(r"[.!?…][»\")]*(?=\s|$)")


def region_end(text: str) -> int:
    """Body offset where the annotated region ends (see GUIDE.md)."""
    if len(text) <= REGION_CHARS:
        return len(text)
    found = SENTENCE_END.search(text, REGION_CHARS)
    return found.end() if found else len(text)


def records(ids: set[str]) -> dict[str, dict]:
    """The corpus records with these ids (texts are read from ../shared, never stored here)."""
    found = {}
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["id"] in ids:
                found[record["id"]] = record
    return found


def draw() -> list[dict]:
    by_source: dict[str, list[dict]] = {"rt": [], "ng": []}
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            record = json.loads(line)
            if len(record.get("text") or "") < MIN_CHARS:
                continue
            source = "ng" if record["id"].startswith("ng_") else "rt"
            by_source[source].append({"id": record["id"], "url": record.get("url"), "line": number, "source": source})
    rng = random.Random(SEED)
    sample = []
    for source in ("rt", "ng"):
        chosen = rng.sample(by_source[source], PER_SOURCE)
        for index, item in enumerate(chosen):
            item["split"] = "tune" if index % 2 == 0 else "check"
            sample.append(item)
    return sample


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify the committed sample is the seeded draw")
    parser.add_argument("--show", nargs="*", metavar="ID", help="print title, URL and annotated region of these records")
    args = parser.parse_args()
    if args.show is not None:
        sample = {item["id"]: item for item in map(json.loads, SAMPLE.read_text(encoding="utf-8").splitlines())}
        found = records(set(args.show))
        for record_id in args.show:
            record = found[record_id]
            end = region_end(record["text"])
            print(f"=== {record_id} split={sample.get(record_id, {}).get('split')} region_end={end}")
            print(f"URL: {record.get('url')}\nTITLE: {record.get('title')}\n{record['text'][:end]}\n")
        return
    lines = [json.dumps(item, ensure_ascii=False) for item in draw()]
    if args.check:
        committed = SAMPLE.read_text(encoding="utf-8").splitlines()
        if committed != lines:
            sys.exit(f"{SAMPLE}: differs from the seeded draw")
        print(f"{SAMPLE}: {len(lines)} records, the seeded draw")
        return
    SAMPLE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} records to {SAMPLE}")


if __name__ == "__main__":
    main()
