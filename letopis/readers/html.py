"""Saved HTML pages: main text and metadata through `trafilatura.bare_extraction`.

trafilatura removes navigation, sidebars, footers and ads; it finds the
title (og:title, <h1>, <title>), the publication date (htmldate) and the
canonical URL. Its XML body keeps <head> elements apart from <p>, which
gives the subheadings without guessing. What remains of promo inside the
article block ("Читайте также", photo credits) goes through the same
boilerplate rules as every other format.

Settings, compared on the saved pages in `tests/readers/pages/` (eight
Russian news pages of seven sites and a page of menus only,
`python bench/html_pages.py`): the default (fallback extractors on),
`fast` (fallbacks off), `favor_recall` and `favor_precision` all keep the
lead paragraph of every article page; only `favor_precision` drops the
menus-only page, but it is the strictest on text. So the defaults stay,
and a page whose body holds no paragraph of prose (menus, a weather
widget, a footer: what trafilatura returns when a page has no article) is
"no article text" (`build.py`).

A <br> (trafilatura's <lb/>) ends a line: pages lay out paragraphs
(`<br/><br/>`) and listing rows ("Место: ...<br/>Время: ...") with it, and
gluing the pieces would lose the sentence end between them. Only where the
text after it goes on in lower case (a line wrapped mid-sentence) does it
stay a space.
"""
from __future__ import annotations

import re

import trafilatura

from ..article import Article
from ..errors import ReaderError
from .build import build_article

BLOCKS = {"p", "head", "item", "quote", "cell"}
LINE_BREAK = "\x00"  # where an <lb/> stood, until the pieces are joined
GOES_ON = re.compile(r"^\s*(?:[a-zа-яё]|[,;:)»”]|\.(?!\.))")  # a wrapped line, not a new one


def pieces(element):
    """Text and tails in document order, `LINE_BREAK` for each <lb/>."""
    yield element.text or ""
    for child in element:
        if child.tag == "lb":
            yield LINE_BREAK
        else:
            yield from pieces(child)
        yield child.tail or ""


def block_text(element) -> str:
    """The text of one block element, inline markup (<hi>, <ref>) joined in, one line per <br>."""
    parts = [part for part in "".join(pieces(element)).split(LINE_BREAK) if part.strip()]
    if not parts:
        return ""
    text = parts[0]
    for part in parts[1:]:  # no padding at a break: `fragments.py` would read it as an inline node
        text = text.rstrip() + (" " if GOES_ON.match(part) else "\n") + part.lstrip()
    return text


def body_blocks(body) -> tuple[list[str], list[str]]:
    """Paragraph texts in order, and which of them are subheadings."""
    lines, heads = [], []
    for element in body.iter(*BLOCKS):
        if element.tag == "item" and element.find(".//p") is not None:
            continue  # the <p> inside will be visited itself
        text = block_text(element)
        if element.tag == "head":
            text = " ".join(text.split("\n"))  # a heading is one line
        lines.append(text)
        if element.tag == "head":
            heads.append(text)
    return lines, heads


def extract(html: str):
    """trafilatura's document for a page, or None when it finds no main text."""
    return trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                       include_tables=False, include_images=False)


def read_html(html: str, origin: str = "<string>") -> Article:
    """A saved HTML page (already decoded) -> `Article`."""
    document = extract(html)
    if document is None or document.body is None:
        raise ReaderError(origin, "no article text")
    lines, heads = body_blocks(document.body)
    return build_article(origin, document.title or "", lines, url=document.url, published=document.date,
                         source=document.hostname, subheadings=heads, prose=True)
