"""Bytes -> str: binary files refused, encodings detected with charset-normalizer.

UTF-8 (with or without BOM) is tried first: it is what almost every file
is, and a strict UTF-8 decode that succeeds is never wrong. Only other bytes
go to charset-normalizer, which tells cp1251, koi8-r, cp866, mac-cyrillic
and iso-8859-5 apart on a few hundred bytes of Russian.

Whole inputs (a text file, a page, a JSON document) are decoded at once;
JSONL is decoded record by record (`LineDecoder`), so one bad line costs
that line, not the file.
"""
from __future__ import annotations

import codecs

import charset_normalizer

from ..errors import ReaderError

CYRILLIC_8BIT = ("cp1251", "koi8_r", "cp866", "mac_cyrillic", "iso8859_5")  # what a JSONL line may be in
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def is_binary(head: bytes) -> bool:
    """NUL bytes never occur in text (UTF-16 announces itself with a BOM)."""
    return b"\x00" in head and not head.startswith(UTF16_BOMS)


def is_utf8(head: bytes, complete: bool) -> bool:
    """Strict UTF-8, allowing a character cut at the end of a partial head."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return not complete and exc.start >= len(head) - 3 and exc.reason == "unexpected end of data"
    return True


def detect_encoding(name: str, head: bytes, complete: bool = True) -> str:
    """The encoding of a byte string (`head` may be the first part of a stream)."""
    if is_binary(head):
        raise ReaderError(name, "binary file, not text")
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if is_utf8(head, complete):
        return "utf-8"
    best = charset_normalizer.from_bytes(head).best()
    if best is None:
        raise ReaderError(name, "binary file, not text (no text encoding fits)")
    return best.encoding


def decode(name: str, data: bytes) -> str:
    """Decode a whole one-article input."""
    if not data.strip():
        raise ReaderError(name, "empty file")
    encoding = detect_encoding(name, data)
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise ReaderError(name, f"cannot decode as {encoding}") from None


class LineDecoder:
    """Decodes JSONL records one by one: a line that is not text is that line's error only.

    Each line is strict UTF-8 if it can be. A line that cannot is either
    damaged UTF-8 (most of its non-ASCII bytes do form UTF-8 characters: a
    stray `\\xff`) and is refused as `not valid utf-8 text`, or is in a legacy
    Cyrillic 8-bit encoding (`CYRILLIC_8BIT`), detected by charset-normalizer
    for that line alone (a guess from a few bytes of one line must not decide
    the next: a wrong guess costs one record, and only non-UTF-8 lines pay
    for detection).
    A NUL byte on the first record means a binary file (`ReaderError` without
    a line: the caller stops); on a later record it is that record's error.
    """

    def __init__(self, name: str):
        self.name = name
        self.first = True

    def __call__(self, raw: bytes, number: int) -> str:
        first, self.first = self.first, False
        if first and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        if b"\x00" in raw:  # never in text, even when it is valid UTF-8
            if first:
                raise ReaderError(self.name, "binary file, not text")
            raise ReaderError(self.name, "binary data, not text", number)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        if is_damaged_utf8(raw):
            raise ReaderError(self.name, "not valid utf-8 text", number)
        best = charset_normalizer.from_bytes(raw, cp_isolation=list(CYRILLIC_8BIT)).best()
        if best is None:
            raise ReaderError(self.name, "not text in any known encoding", number)
        try:
            return raw.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            raise ReaderError(self.name, f"not valid {best.encoding} text", number) from None


def is_damaged_utf8(raw: bytes) -> bool:
    """More valid UTF-8 characters than invalid bytes among the non-ASCII: UTF-8 with a few bad bytes.

    Russian in cp1251 or koi8-r is almost all invalid UTF-8 (its letters are
    single bytes over 0x7f), so it never passes as damaged UTF-8.
    """
    text = raw.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127) - bad
    return good > bad

