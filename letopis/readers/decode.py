"""Bytes -> str: binary files refused, encodings detected with charset-normalizer.

UTF-8 (with or without BOM) is tried first: it is what almost every file
is, and a strict UTF-8 decode that succeeds is never wrong. Only other bytes
go to charset-normalizer, which tells cp1251, koi8-r, cp866, mac-cyrillic
and iso-8859-5 apart on a few hundred bytes of Russian.
"""
from __future__ import annotations

import codecs

import charset_normalizer

from ..errors import ReaderError

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
