"""JSON and JSONL records: one article per object, under the common field names.

A record needs a text field; the other fields are optional:

    title      title, headline, name
    text       text, content, body, article, full_text
    url        url, link, href, canonical_url
    published  date, published, published_at, pubdate, datetime, time, created_at
    source     source, site, domain (used only when there is no URL)

A text or title may be a string, a list of paragraphs or `{"rendered": ...}`
(WordPress); HTML inside it becomes plain lines. A `.json` file holds one
record or a list of records; a `.jsonl` file one
record a line, read as a stream so a file of any size fits in memory. A
broken line is reported with its line number and the other lines are read.

Lone surrogates (`"\\ud83d"` without its pair: half an emoji cut by a
scraper) are repaired, not refused: each becomes U+FFFD, so the record is
read and can be stored (a surrogate cannot be encoded as UTF-8, so kept it
would fail the record later, in hashing or the store). A valid pair
(`"\\ud83d\\ude00"`) is one character and is kept as it is.
"""
from __future__ import annotations

import html
import json
import re
from typing import Callable, Iterator

import lxml.etree
import lxml.html

from ..article import Article
from ..errors import ReaderError
from .build import build_article
from .decode import LineDecoder
from .sources import MAX_ARTICLE_BYTES, megabytes

HTML_FRAGMENT = re.compile(r"<(?:p|br|div|h[1-6]|li|ul|ol|blockquote|span|a|strong|em|b|i)\b[^>]*>", re.I)
HTML_ENTITY = re.compile(r"&(?:[a-z]+|#\d+|#x[0-9a-f]+);", re.I)
LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # json.loads joins valid pairs: what is left is lone
BLOCK_END = re.compile(r"<br\s*/?>|</(?:p|div|h[1-6]|li|blockquote)\s*>", re.I)
FIELDS = {
    "title": ("title", "headline", "name"),
    "text": ("text", "content", "body", "article", "full_text"),
    "url": ("url", "link", "href", "canonical_url"),
    "published": ("date", "published", "published_at", "pubdate", "datetime", "time", "created_at"),
    "source": ("source", "site", "domain"),
}


def field(record: dict, name: str):
    """The first non-empty value among a field's common names."""
    for key in FIELDS[name]:
        value = record.get(key)
        if value not in (None, "", []):
            return value
    return None


def as_text(value) -> str:
    """A text field may be a string, a list of paragraphs, or `{"rendered": ...}` (WordPress)."""
    if isinstance(value, dict):
        value = next((value[k] for k in ("rendered", "text", "value") if k in value), "")
    if isinstance(value, list):
        return "\n".join(as_text(v) for v in value if v is not None)
    value = str(value)
    if HTML_FRAGMENT.search(value):
        return fragment_text(value)
    return html.unescape(value) if HTML_ENTITY.search(value) else value


def fragment_text(fragment: str) -> str:
    """An HTML fragment in a JSON field (`<p>..</p><p>..</p>`) -> one line per block.

    Not trafilatura: it looks for the main text of a whole page and drops
    short fragments; here the whole fragment is the text, so lxml only
    strips the tags after each block end has become a line break.
    """
    marked = BLOCK_END.sub("\n", fragment)
    try:
        return lxml.html.fragment_fromstring(marked, create_parent="div").text_content()
    except (ValueError, lxml.etree.ParserError):
        return marked


def without_surrogates(value):
    """A parsed JSON value with every lone surrogate in its strings replaced by U+FFFD."""
    if isinstance(value, str):
        return LONE_SURROGATE.sub("\ufffd", value) if LONE_SURROGATE.search(value) else value
    if isinstance(value, list):
        return [without_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {without_surrogates(k): without_surrogates(v) for k, v in value.items()}
    return value


def read_record(record, origin: str, line: int | None = None) -> Article:
    """One JSON object -> `Article` (lone surrogates repaired to U+FFFD, see the module docstring)."""
    record = without_surrogates(record)
    if not isinstance(record, dict):
        raise ReaderError(origin, f"expected a JSON object, got {type(record).__name__}", line)
    text = field(record, "text")
    if text is None and any(key in record for key in FIELDS["text"]):
        raise ReaderError(origin, "no article text", line)
    if text is None:
        names = ", ".join(FIELDS["text"])
        raise ReaderError(origin, f"no text field (expected one of: {names})", line)
    source = field(record, "source")
    return build_article(origin, as_text(field(record, "title") or ""), as_text(text),
                         url=field(record, "url"), published=field(record, "published"),
                         source=source if isinstance(source, str) else None, line=line)


def json_problem(exc: json.JSONDecodeError) -> str:
    """`Expecting ',' delimiter: line 1 column 17 (char 16)` -> `invalid JSON: Expecting ',' delimiter at column 17`."""
    return f"invalid JSON: {exc.msg} at column {exc.colno}"


def read_json(text: str, origin: str = "<string>",
              on_error: Callable[[ReaderError], None] | None = None) -> Iterator[Article]:
    """A JSON document: one record, or a list of records.

    With `on_error`, each record of a list is judged alone, as in JSONL: a bad
    one (`FILE[3]: no article text`) goes to `on_error` and the others are read.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReaderError(origin, json_problem(exc), exc.lineno) from None
    except RecursionError:
        raise ReaderError(origin, "not an article record: JSON nested too deeply") from None
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        try:
            yield read_record(record, origin if len(records) == 1 else f"{origin}[{index}]")
        except ReaderError as exc:
            if on_error is None or len(records) == 1:
                raise
            on_error(exc)


def skip_rest_of_line(stream, size: int) -> int:
    """Read past the end of an over-long line; returns its full size in bytes."""
    while True:
        chunk = stream.readline(1024 * 1024)
        size += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return size


def byte_lines(stream, origin: str) -> Iterator[tuple[int, bytes | ReaderError]]:
    """(line number, bytes) for each non-blank line; a too-long line yields its error instead."""
    number = 0
    while True:
        raw = stream.readline(MAX_ARTICLE_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_ARTICLE_BYTES and not raw.endswith(b"\n"):
            size = skip_rest_of_line(stream, len(raw))
            yield number, ReaderError(origin, f"record too large: {megabytes(size)} "
                                              "(the limit is 5 MB per record)", number)
        elif raw.strip():
            yield number, raw


def parse_line(raw: bytes, encoding, origin: str, number: int) -> Article:
    """One JSONL line -> `Article`; `encoding` is a codec name or a `LineDecoder`."""
    try:
        if callable(encoding):
            decoded = encoding(raw, number)
        else:
            try:
                decoded = raw.decode(encoding)
            except UnicodeDecodeError:
                raise ReaderError(origin, f"not valid {encoding} text", number) from None
        record = json.loads(decoded.strip())
    except json.JSONDecodeError as exc:
        raise ReaderError(origin, json_problem(exc), number) from None
    except RecursionError:
        raise ReaderError(origin, "not an article record: JSON nested too deeply", number) from None
    return read_record(record, origin, number)


def read_jsonl(stream, encoding: str | None, origin: str,
               on_error: Callable[[ReaderError], None]) -> Iterator[Article]:
    """A JSONL byte stream -> Articles; each bad line goes to `on_error` and reading goes on.

    `encoding=None` decodes each line on its own (`decode.LineDecoder`): a line
    in another encoding, or with a broken byte, costs only that line. A stream
    without a single non-blank line raises `empty file`; a first record with
    NUL bytes raises `binary file, not text` (errors without a line stop the file).
    """
    if encoding == "utf-8-sig":
        encoding = "utf-8"
        stream.read(3)  # the BOM
    decoder = LineDecoder(origin) if encoding is None else encoding
    lines = 0
    for number, raw in byte_lines(stream, origin):
        lines += 1
        try:
            if isinstance(raw, ReaderError):
                raise raw
            yield parse_line(raw, decoder, origin, number)
        except ReaderError as exc:
            if exc.line is None:
                raise
            on_error(exc)
        except Exception as exc:  # a bug on one record must not lose the rest of the file
            on_error(ReaderError.unexpected(origin, exc, number))
    if not lines:
        raise ReaderError(origin, "empty file")
