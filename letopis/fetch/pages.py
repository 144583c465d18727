"""A fetched page -> text -> `Article`: check it is HTML, decode it, hand it to the HTML reader.

The charset is the header's when it names one that decodes the body, else
the page's own `<meta charset>` / `http-equiv` declaration, else the readers'
detection (strict UTF-8, then charset-normalizer): a cp1251 page served
without a charset is still read right.
"""
from __future__ import annotations

import codecs
import re

from ..article import Article
from ..errors import ReaderError
from ..readers.decode import decode
from ..readers.fetched import read_fetched
from .client import Response
from .errors import FetchError

HTML_TYPES = ("text/html", "application/xhtml+xml")
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


def is_html(response: Response) -> bool:
    """An HTML media type, or no type at all and a body that opens with markup."""
    if response.content_type:
        return response.content_type in HTML_TYPES
    return response.body.lstrip()[:1] == b"<"


def known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def meta_charset(head: bytes) -> str | None:
    """The charset a page declares in its first bytes (`<meta charset=...>` or `http-equiv`)."""
    match = META_CHARSET.search(head)
    return match[1].decode("ascii", "ignore") if match else None


def page_text(response: Response) -> str:
    """The body as text (see the module docstring for the order of evidence)."""
    body = response.body
    for codec in (known_codec(response.charset), known_codec(meta_charset(body[:4096]))):
        if codec:
            try:
                return body.decode(codec)
            except UnicodeDecodeError:
                continue
    return decode(response.final_url, body)


def read_page(response: Response, title: str | None = None, published: str | None = None,
              summary: str | None = None) -> Article:
    """A fetched page -> `Article`; not HTML, no text, not Russian -> `FetchError` naming the URL."""
    if not is_html(response):
        raise FetchError(response.url, f"not HTML (content type {response.content_type or 'unknown'})")
    try:
        return read_fetched(page_text(response), response.final_url, title, published, summary)
    except ReaderError as exc:
        raise FetchError(response.url, exc.problem) from None
