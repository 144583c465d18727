"""The format registry: one record per input format, and everything derived from it.

An `InputFormat` names a format, the file suffixes that announce it, a test that
recognises it from the first bytes (`sniff`), and how to read it: `parse`
turns the decoded text of one input into articles; a format with `stream`
(JSONL) is instead read from the open byte stream record by record, so its
size limit applies per record. Adding a reader is one module with its
function(s) and one entry in `REGISTRY`; `FORMATS`, the suffixes a directory
walk reads, sniffing, `read_string`'s choices and the HTTP API's `format`
parameter all come from here.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Callable, Iterator

from ..article import Article
from .decode import UTF16_BOMS, decode, detect_encoding
from .html import read_html
from .records import parse_line, read_json, read_jsonl
from .sources import Input
from .text import read_text

BOM_AND_BLANKS = b"\xef\xbb\xbf \t\r\n"


@dataclass(frozen=True)
class InputFormat:
    """One input format; `sniff=None` marks the fallback when no other format's test passes."""

    name: str
    suffixes: tuple[str, ...]
    sniff: Callable[[bytes], bool] | None
    parse: Callable[[str, str], Iterator[Article]]  # (decoded text, origin) -> articles
    stream: Callable[[Input, Callable], Iterator[Article]] | None = None  # (input, on_error) -> articles
    content_wins: tuple[str, ...] = ()  # formats whose content overrides this suffix (`.json` holding JSONL)


class Registry:
    """The formats in order (the order of `FORMATS` and of messages)."""

    def __init__(self, formats):
        self.formats = list(formats)
        self.by_name = {f.name: f for f in self.formats}
        self.by_suffix = {s: f.name for f in self.formats for s in f.suffixes}
        self.fallback = next(f.name for f in self.formats if f.sniff is None)

    def __iter__(self):
        return iter(self.formats)

    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.formats)

    def __getitem__(self, name: str) -> InputFormat:
        return self.by_name[name]

    def sniff(self, head: bytes) -> str:
        """The first format whose test accepts these first bytes, else the fallback."""
        return next((f.name for f in self.formats if f.sniff and f.sniff(head)), self.fallback)

    def suffix_format(self, path: Path) -> str | None:
        """The format a file name announces (`a.jsonl.gz` -> `jsonl`), or None."""
        suffixes = [s.lower() for s in path.suffixes]
        if suffixes and suffixes[-1] == ".gz":
            suffixes = suffixes[:-1]
        return self.by_suffix.get(suffixes[-1]) if suffixes else None

    def format_of(self, suffix_format: str | None, head: bytes) -> str:
        """An input's format: its suffix's (unless its content says otherwise), else sniffed."""
        if suffix_format is None:
            return self.sniff(head)
        sniffed = self.sniff(head)
        return sniffed if sniffed in self[suffix_format].content_wins else suffix_format


# --- sniff tests ------------------------------------------------------------
def first_byte(head: bytes) -> bytes:
    return head.lstrip(BOM_AND_BLANKS)[:1]


def looks_like_html(head: bytes) -> bool:
    """`<` first."""
    return first_byte(head) == b"<"


def one_object_per_line(head: bytes) -> bool:
    """`{` first, and the first line is a whole object (or the only line)."""
    first_line, newline, _ = head.lstrip(BOM_AND_BLANKS).partition(b"\n")
    return first_byte(head) == b"{" and not (newline and not first_line.rstrip().endswith(b"}"))


def looks_like_json(head: bytes) -> bool:
    """`[` first, or `{` opening an object that goes on over the first line (pretty-printed JSON)."""
    return first_byte(head) == b"[" or (first_byte(head) == b"{" and not one_object_per_line(head))


# --- readers as the registry calls them ---------------------------------------
def parse_text(text: str, origin: str) -> Iterator[Article]:
    yield read_text(text, origin)


def parse_html(text: str, origin: str) -> Iterator[Article]:
    yield read_html(text, origin)


def parse_jsonl(text: str, origin: str) -> Iterator[Article]:
    """JSONL already in memory (small: a request body); the first bad line raises."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            yield parse_line(line.encode("utf-8"), "utf-8", origin, number)


def stream_jsonl(source: Input, on_error) -> Iterator[Article]:
    """A JSONL input read line by line, each line decoded on its own; each bad line goes to `on_error`.

    Only UTF-16 (announced by its BOM) is decided once for the whole file.
    """
    encoding = None
    if source.head.startswith(UTF16_BOMS):
        encoding = detect_encoding(source.name, source.head, complete=False)
    yield from read_jsonl(source.stream, encoding, source.name, on_error)


def stream_json(source: Input, on_error) -> Iterator[Article]:
    """A JSON file (one record or a list): each record of a list is judged alone."""
    yield from read_json(decode(source.name, source.read_article_bytes()), source.name, on_error)


REGISTRY = Registry([
    InputFormat("text", (".txt", ".text"), None, parse_text),
    InputFormat("html", (".html", ".htm", ".xhtml"), looks_like_html, parse_html),
    InputFormat("json", (".json",), looks_like_json, read_json, stream=stream_json,
                content_wins=("jsonl",)),
    InputFormat("jsonl", (".jsonl", ".ndjson", ".jsonlines"), one_object_per_line, parse_jsonl, stream=stream_jsonl),
])
FORMATS = REGISTRY.names()
# The HTTP API's `format` parameter: "auto" (sniff the body) or a registered format.
Format = Enum("Format", {name: name for name in ("auto",) + FORMATS}, type=str, module=__name__)
