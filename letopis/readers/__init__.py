"""Readers: bytes in any supported format -> `Article`s.

    read(path)                    files, directories (recursive), `.gz`, `-` (stdin)
    read(path, on_error=report)   report bad inputs and records, go on with the rest
    read_string(data, fmt)        text or bytes already in memory (HTTP API, web)

Formats: the scraped-text format (`text.py`), HTML (`html.py`, trafilatura),
JSON and JSONL records (`records.py`), each registered in `formats.py`. The
format comes from the file name (`.txt`, `.html`/`.htm`, `.json`,
`.jsonl`/`.ndjson`, each optionally `.gz`) or, for stdin and other names,
from the content. Every problem is a
`ReaderError(path, problem, line)`; see `sources.py` for the size limit.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterator

from ..article import Article
from ..errors import ReaderError
from . import formats
from .decode import decode
from .formats import FORMATS, Format, InputFormat, Registry
from .html import read_html
from .records import read_json, read_jsonl, without_surrogates
from .sources import MAX_ARTICLE_BYTES, STDIN, Input, megabytes, open_input, os_problem, walk
from .text import read_text

__all__ = ["read", "read_string", "read_text", "read_html", "read_json", "read_jsonl", "sniff", "FORMATS",
           "Format", "InputFormat", "Registry", "ReaderError"]

ErrorHandler = Callable[[ReaderError], None]


def raise_error(error: ReaderError) -> None:
    """The default error handler: stop at the first problem."""
    raise error


def sniff(head: bytes) -> str:
    """Guess a format from the first bytes (each registered format's test, e.g. `<` HTML), else text."""
    return formats.REGISTRY.sniff(head)


def is_supported(path: Path) -> bool:
    """Files a directory walk reads: registered suffixes, optionally `.gz`, not hidden."""
    return not path.name.startswith(".") and formats.REGISTRY.suffix_format(path) is not None


def read_opened(source: Input, suffix_format: str | None, on_error: ErrorHandler) -> Iterator[Article]:
    """Articles of one opened input, in its announced or its sniffed format."""
    fmt = formats.REGISTRY[formats.REGISTRY.format_of(suffix_format, source.head)]
    if fmt.stream:
        yield from fmt.stream(source, on_error)
    else:
        yield from fmt.parse(decode(source.name, source.read_article_bytes()), source.name)


def read_file(path: str | Path, on_error: ErrorHandler) -> Iterator[Article]:
    """One file or stdin; any failure is reported once through `on_error`."""
    name = str(path)
    try:
        source = open_input(path)
        name = source.name
        suffix_format = None if str(path) == STDIN else formats.REGISTRY.suffix_format(Path(path))
        try:
            yield from read_opened(source, suffix_format, on_error)
        finally:
            source.close()
    except ReaderError as exc:
        on_error(exc)
    except (OSError, EOFError) as exc:  # e.g. a gzip stream cut short in the middle
        on_error(ReaderError(name, f"cannot read: {exc}"))
    except Exception as exc:  # a bug on one file must not stop the others
        on_error(ReaderError.unexpected(name, exc))


def read_directory(path: Path, on_error: ErrorHandler) -> Iterator[Article]:
    """Every supported file below a directory, recursively."""
    try:
        os.listdir(path)
    except OSError as exc:
        return on_error(ReaderError(str(path), os_problem(exc)))
    files = walk(path, on_error, is_supported)
    if not files:
        suffixes = ", ".join(sorted(formats.REGISTRY.by_suffix))
        return on_error(ReaderError(str(path), f"no article files found (looked for {suffixes}, also .gz)"))
    for file in files:
        yield from read_file(file, on_error)


def read(path: str | Path, on_error: ErrorHandler | None = None) -> Iterator[Article]:
    """Yield the articles of a file, a directory, a `.gz` file or `-` (stdin).

    Without `on_error` the first problem raises `ReaderError`. With it, each
    problem (a bad file, a broken JSONL line) is passed to `on_error` and
    reading goes on with the next record or file.
    """
    on_error = on_error or raise_error
    if str(path) != STDIN and Path(path).is_dir():
        yield from read_directory(Path(path), on_error)
    else:
        yield from read_file(path, on_error)


def read_string(data: str | bytes, fmt: str = "auto", origin: str = "<string>") -> list[Article]:
    """Articles from text already in memory; `fmt` is one of FORMATS or "auto"."""
    registry = formats.REGISTRY
    if fmt not in registry.names() + ("auto",):
        raise ReaderError(origin, f"unknown format {fmt!r} (choose from: auto, {', '.join(registry.names())})")
    if isinstance(data, str):  # a lone surrogate cannot be encoded: U+FFFD, as in JSON records
        data = without_surrogates(data)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if fmt == "auto":
        fmt = registry.sniff(raw[:65536])
    if len(raw) > MAX_ARTICLE_BYTES and not registry[fmt].stream:  # streamed formats: the limit is per record
        raise ReaderError(origin, f"too large: {megabytes(len(raw))} (the limit is 5 MB per article)")
    return list(registry[fmt].parse(decode(origin, raw), origin))
