"""Where article bytes come from: files, directories, `.gz`, stdin; how big they may be.

An `Input` is an opened byte stream (gzip already undone) with its first
bytes read ahead, so a reader can sniff the format and the encoding without
knowing whether it reads a file, a pipe or a compressed stream, and JSONL
can stream line by line without loading the file.

Size limit: one article (a text file, an HTML page, a JSON file, one JSONL
record) may be at most `MAX_ARTICLE_BYTES` = 5 MB once decompressed. A news
article is a few KB; anything bigger is a wrong file, and reading it whole
would stall the pipeline. JSONL files may be any size: the limit applies
to each record. (Defined in `letopis.settings`, which the POST endpoint reads too.)
"""
from __future__ import annotations

import errno
import gzip
import io
import os
import stat
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..errors import ReaderError
from ..settings import MAX_ARTICLE_BYTES

__all__ = ["MAX_ARTICLE_BYTES", "Input", "open_input", "walk", "megabytes", "os_problem"]
HEAD_BYTES = 64 * 1024
GZIP_MAGIC = b"\x1f\x8b"
STDIN = "-"
STDIN_NAME = "<stdin>"
OS_PROBLEMS = {errno.ENOENT: "no such file or directory", errno.EACCES: "permission denied",
               errno.EPERM: "permission denied", errno.EISDIR: "is a directory",
               errno.ENOTDIR: "not a directory"}


def megabytes(size: int) -> str:
    """`52428800` -> `50.0 MB` for error messages."""
    return f"{size / 1024 / 1024:.1f} MB"


def os_problem(exc: OSError) -> str:
    """A short, stable wording of an OS error (the exact text tests assert)."""
    return OS_PROBLEMS.get(exc.errno, f"cannot read: {exc.strerror or exc}")


class Prefixed(io.RawIOBase):
    """A raw stream that first replays `head`, then reads on from `rest`."""

    def __init__(self, head: bytes, rest):
        self.head = memoryview(head)
        self.rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


@dataclass
class Input:
    """One opened input: its name for messages and its bytes."""

    name: str
    head: bytes
    stream: io.BufferedReader
    size: int | None = None  # on-disk size of an uncompressed file, for messages
    raw: object = None  # the file to close (never stdin)

    def read_article_bytes(self) -> bytes:
        """All bytes of a one-article input, refusing anything over the limit."""
        data = self.stream.read(MAX_ARTICLE_BYTES + 1)
        if len(data) > MAX_ARTICLE_BYTES:
            size = megabytes(self.size) if self.size else f"over {megabytes(MAX_ARTICLE_BYTES)}"
            raise ReaderError(self.name, f"too large: {size} (the limit is 5 MB per article)")
        return data

    def close(self) -> None:
        """Close the file (stdin stays open for whoever reads it next)."""
        if self.raw is not None:
            self.raw.close()


def read_head(name: str, raw) -> tuple[bytes, object]:
    """First bytes of a stream, ungzipped when they carry the gzip magic."""
    head = raw.read(HEAD_BYTES)
    if not head.startswith(GZIP_MAGIC):
        return head, raw
    unzipped = gzip.GzipFile(fileobj=io.BufferedReader(Prefixed(head, raw)))
    try:
        return unzipped.read(HEAD_BYTES), unzipped
    except (OSError, EOFError, zlib.error):
        raise ReaderError(name, "not a valid gzip file") from None


def open_input(path: str | Path) -> Input:
    """Open a file or `-` (stdin) for reading; OS errors become `ReaderError`."""
    if str(path) == STDIN:
        return wrap(STDIN_NAME, sys.stdin.buffer, None, closes=False)
    path = Path(path)
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a FIFO would block open() forever
            raise ReaderError(str(path), "not a regular file")
        raw = path.open("rb")
        size = os.fstat(raw.fileno()).st_size
    except OSError as exc:
        raise ReaderError(str(path), os_problem(exc)) from None
    return wrap(str(path), raw, size)


def wrap(name: str, raw, size: int | None, closes: bool = True) -> Input:
    """An `Input` over a raw byte stream, with its head read ahead."""
    try:
        head, rest = read_head(name, raw)
    except (OSError, ReaderError) as exc:
        if closes:
            raw.close()
        if isinstance(exc, OSError):
            raise ReaderError(name, os_problem(exc)) from None
        raise
    compressed = rest is not raw
    stream = io.BufferedReader(Prefixed(head, rest), buffer_size=HEAD_BYTES)
    return Input(name, head, stream, None if compressed else size, raw if closes else None)


def walk(directory: Path, on_error, wanted: Callable[[Path], bool]) -> list[Path]:
    """The `wanted` files under a directory, recursively, in a stable (sorted) order.

    A subdirectory that cannot be listed is reported through `on_error`.
    """
    files = []

    def report(exc: OSError) -> None:
        on_error(ReaderError(str(exc.filename or directory), os_problem(exc)))
    for root, dirs, names in os.walk(directory, onerror=report):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(Path(root) / n for n in sorted(names) if wanted(Path(root) / n))
    return files
