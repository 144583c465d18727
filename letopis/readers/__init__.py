"""Readers: bytes in any supported format -> `Article`s.

`read(path)` yields articles from a file, a directory (recursive), a `.gz`
file or `-` (stdin); it raises `ReaderError` naming the file and problem.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..article import Article
from ..errors import ReaderError
from .text import read_text


def read(path: str | Path) -> Iterator[Article]:
    path = Path(path)
    if not path.exists():
        raise ReaderError(str(path), "no such file or directory")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReaderError(str(path), f"cannot read: {exc.strerror}") from None
    yield read_text(data.decode("utf-8"), origin=str(path))
