"""The word lists and tables Letopis ships, read through one loader.

Files live under `letopis/data/<stage>/` (`facts/positions.txt`,
`events/triggers.txt`, ...), UTF-8, one entry a line. One comment rule for
every file: blank lines and lines whose first non-blank character is `#`
are skipped, and each remaining line is stripped of surrounding blanks.
`rows` splits a line into columns: on tabs in a `.tsv` file, on runs of
blanks otherwise (as natasha's `data/__init__.py` reads its lists).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent


def path(name: str) -> Path:
    """The file `name` ("events/triggers.txt") inside the data folder."""
    return DATA / name


@lru_cache(maxsize=None)
def lines(name: str) -> tuple[str, ...]:
    """The entries of a data file: its non-blank, non-comment lines, stripped."""
    text = path(name).read_text(encoding="utf-8")
    return tuple(line for line in (raw.strip() for raw in text.splitlines())
                 if line and not line.startswith("#"))


def rows(name: str) -> list[list[str]]:
    """The entries split into columns (tabs in `.tsv`, blanks otherwise)."""
    if name.endswith(".tsv"):
        return [line.split("\t") for line in lines(name)]
    return [line.split() for line in lines(name)]


def words(name: str) -> frozenset[str]:
    """The first column of every entry, as a set (a plain word list)."""
    return frozenset(row[0] for row in rows(name))


def files(folder: str, suffix: str) -> list[str]:
    """Names of the data files in `folder` ending with `suffix`, sorted."""
    return sorted(f"{folder}/{p.name}" for p in (DATA / folder).glob(f"*{suffix}"))
