"""Every reader's last step: clean the body, derive metadata, check the result.

Format readers only find the raw pieces (title, body lines, url, date);
this module turns them into an `Article` the same way for every format and
refuses what the pipeline cannot use: no text, or text that is not Russian.
"""
from __future__ import annotations

import re

from ..article import Article
from ..errors import ReaderError
from .clean import clean_lines, normalize_line
from .meta import parse_published, rubric_of, source_of

MIN_CYRILLIC_SHARE = 0.5  # of letters; Russian news quoting Latin names stays far above it
LANGUAGE_SAMPLE = 5000  # characters checked: enough to tell, cheap on long texts
CYRILLIC = re.compile(r"[а-яё]", re.I)
LETTER = re.compile(r"[^\W\d_]")


def cyrillic_share(text: str) -> float:
    """Share of Cyrillic among the letters of (the start of) a text."""
    sample = text[:LANGUAGE_SAMPLE]
    letters = len(LETTER.findall(sample))
    return len(CYRILLIC.findall(sample)) / letters if letters else 0.0


def check_russian(origin: str, title: str, text: str, line: int | None) -> None:
    """Refuse text that is not Russian: the models and rules only read Russian."""
    share = cyrillic_share(title + "\n" + text)
    if share < MIN_CYRILLIC_SHARE:
        raise ReaderError(origin, f"not Russian text ({share:.0%} of letters are Cyrillic)", line)


def build_article(origin: str, title: str, lines, *, url: str | None = None, published=None,
                  source: str | None = None, subheadings: list[str] | None = None,
                  line: int | None = None) -> Article:
    """Raw pieces of one article -> a clean, checked `Article`."""
    body = clean_lines(lines, subheadings)
    title = normalize_line(title or "")
    if not body.paragraphs:
        raise ReaderError(origin, "no article text", line)
    check_russian(origin, title, body.text, line)
    url = url.strip() if isinstance(url, str) and url.strip() else None
    where = f"{origin}:{line}" if line is not None else origin
    return Article(title=title, text=body.text, url=url, source=source_of(url) or source,
                   rubric=rubric_of(url), published=parse_published(published),
                   subheadings=body.subheadings, paragraphs=body.paragraphs, origin=where)
