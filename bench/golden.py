"""Golden output: write the cards of a fixed input set, or compare two such runs.

A restructure must not change behaviour. This writes one JSON card per line
for the bundled examples and the first N articles of the shared corpus, so
two checkouts can be compared byte for byte:

    python bench/golden.py write /tmp/golden-before        # on the old tree
    python bench/golden.py write /tmp/golden-after         # on the new tree
    python bench/golden.py compare /tmp/golden-before /tmp/golden-after
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "rt_ng.jsonl.gz"
SETS = {"examples": ROOT / "examples", "corpus": CORPUS}


def card_lines(path: Path, limit: int | None):
    """(origin, JSON line) of each article's card, in reading order."""
    from letopis import Pipeline, read

    pipeline = Pipeline()
    articles = read(path, on_error=lambda error: None)
    for article in itertools.islice(articles, limit):
        card = pipeline(article).as_json()
        yield json.dumps(card, ensure_ascii=False)


def write(out: Path, limit: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, path in SETS.items():
        if not path.exists():
            sys.exit(f"error: input not found: {path}")
        count = 0
        with (out / f"{name}.jsonl").open("w", encoding="utf-8") as lines:
            for line in card_lines(path, limit if name == "corpus" else None):
                lines.write(line + "\n")
                count += 1
        print(f"{name}: {count} cards -> {out / (name + '.jsonl')}")


def compare(before: Path, after: Path) -> int:
    differ = 0
    for name in SETS:
        old = (before / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        new = (after / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        changed = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
        if len(old) != len(new):
            print(f"{name}: {len(old)} cards before, {len(new)} after")
            differ += abs(len(old) - len(new))
        for index in changed:
            a, b = json.loads(old[index]), json.loads(new[index])
            keys = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
            print(f"{name}: card {index + 1} ({a['article'].get('url') or a['article']['id']}) differs in {keys}")
        differ += len(changed)
        print(f"{name}: {min(len(old), len(new)) - len(changed)} identical, {len(changed)} differ")
    print(f"golden: {differ} cards differ")
    return 1 if differ else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write", help="write the cards of the golden inputs to DIR")
    w.add_argument("dir", type=Path)
    w.add_argument("--limit", type=int, default=500, help="corpus articles (default 500)")
    c = sub.add_parser("compare", help="compare two golden runs")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "write":
        write(args.dir, args.limit)
    else:
        sys.exit(compare(args.before, args.after))


if __name__ == "__main__":
    main()
