"""`python -m letopis.readers FILE`: show which boilerplate rule removes which line.

A debugging aid for editing `letopis/data/readers/boilerplate.txt`: every non-empty
line of a UTF-8 text file is printed with the name of the rule that removes
it, or `-` when it is kept.
"""
from __future__ import annotations

import sys

from .clean import explain


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m letopis.readers FILE", file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as file:
        for name, line in explain(file.read()):
            print(f"{name or '-':>16} | {line[:100]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
