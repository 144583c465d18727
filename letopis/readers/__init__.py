"""Readers: bytes in any supported format -> `Article`s.

    read(path)                    files, directories (recursive), `.gz`, `-` (stdin)
    read(path, on_error=report)   report bad inputs and records, go on with the rest
    read_string(data, fmt)        text or bytes already in memory (HTTP API, web)

Formats: the scraped-text format (`text.py`), HTML (`html.py`, trafilatura),
JSON and JSONL records (`records.py`). The format comes from the file name
(`.txt`, `.html`/`.htm`, `.json`, `.jsonl`/`.ndjson`, each optionally `.gz`)
or, for stdin and other names, from the content. Every problem is a
`ReaderError(path, problem, line)`; see `sources.py` for the size limit.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterator

from ..article import Article
from ..errors import ReaderError
from .decode import decode, detect_encoding
from .html import read_html
from .records import parse_line, read_json, read_jsonl
from .sources import MAX_ARTICLE_BYTES, STDIN, SUFFIXES, Input, megabytes, open_input, os_problem, walk
from .text import read_text

__all__ = ["read", "read_string", "read_text", "read_html", "read_json", "FORMATS", "ReaderError"]

FORMATS = ("text", "html", "json", "jsonl")
ErrorHandler = Callable[[ReaderError], None]


def raise_error(error: ReaderError) -> None:
    """The default error handler: stop at the first problem."""
    raise error


def sniff(head: bytes) -> str:
    """Guess a format from the first bytes: `<` HTML, `[` JSON, `{` JSON or JSONL, else text."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start == b"<":
        return "html"
    if start == b"[":
        return "json"
    if start == b"{":  # JSONL unless the first line is an unfinished object (pretty-printed JSON)
        first_line, newline, _ = head.lstrip(b"\xef\xbb\xbf \t\r\n").partition(b"\n")
        return "json" if newline and not first_line.rstrip().endswith(b"}") else "jsonl"
    return "text"


def parse(fmt: str, text: str, origin: str) -> Iterator[Article]:
    """Decoded text of a one-document format -> its articles."""
    if fmt == "html":
        yield read_html(text, origin)
    elif fmt == "json":
        yield from read_json(text, origin)
    else:
        yield read_text(text, origin)


def read_opened(source: Input, on_error: ErrorHandler) -> Iterator[Article]:
    """Articles of one opened input, in its own or its sniffed format."""
    fmt = source.suffix_format or sniff(source.head)
    if fmt == "json" and sniff(source.head) == "jsonl":
        fmt = "jsonl"  # a `.json` file that is really one object a line
    if fmt == "jsonl":
        if not source.head.strip():
            raise ReaderError(source.name, "empty file")
        encoding = detect_encoding(source.name, source.head, complete=False)
        yield from read_jsonl(source.stream, encoding, source.name, on_error)
    else:
        yield from parse(fmt, decode(source.name, source.read_article_bytes()), source.name)


def read_file(path: str | Path, on_error: ErrorHandler) -> Iterator[Article]:
    """One file or stdin; any failure is reported once through `on_error`."""
    name = str(path)
    try:
        source = open_input(path)
        name = source.name
        try:
            yield from read_opened(source, on_error)
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
    files = walk(path, on_error)
    if not files:
        suffixes = ", ".join(sorted(SUFFIXES))
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
    if fmt not in FORMATS + ("auto",):
        raise ReaderError(origin, f"unknown format {fmt!r} (choose from: auto, {', '.join(FORMATS)})")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if fmt == "auto":
        fmt = sniff(raw[:65536])
    if len(raw) > MAX_ARTICLE_BYTES and fmt != "jsonl":  # JSONL: the limit is per record
        raise ReaderError(origin, f"too large: {megabytes(len(raw))} (the limit is 5 MB per article)")
    text = decode(origin, raw)
    if fmt == "jsonl":
        return [parse_line(line.encode("utf-8"), "utf-8", origin, number)
                for number, line in enumerate(text.splitlines(), 1) if line.strip()]  # small: in memory anyway
    return list(parse(fmt, text, origin))
