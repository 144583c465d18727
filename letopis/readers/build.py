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
from .meta import date_from_url, parse_published, repair_url, rubric_of, source_of, url_parts, url_problem

# Share of Cyrillic among words below which a text is not Russian. English or
# code is ~0%; RT articles quoting many English tweets in rt_ng.jsonl.gz go down
# to about 30%, so the floor sits below them.
MIN_CYRILLIC_SHARE = 0.2
LANGUAGE_SAMPLE = 2000  # characters checked: enough to tell, cheap on long texts
CYRILLIC_WORD = re.compile(r"[а-яё]+", re.I)
OTHER_WORD = re.compile(r"[^\W\d_а-яё]+", re.I)


def cyrillic_share(sample: str) -> float:
    """Share of Cyrillic words among the words of a text.

    Words, not letters: a few hundred matches instead of thousands, so the
    check costs little on a corpus, and it tells Russian from English as well.
    """
    cyrillic = len(CYRILLIC_WORD.findall(sample))
    total = cyrillic + len(OTHER_WORD.findall(sample))
    return cyrillic / total if total else 0.0


def check_russian(origin: str, title: str, text: str, line: int | None) -> None:
    """Refuse text that is not Russian: the models and rules only read Russian."""
    share = cyrillic_share(title + "\n" + text[:LANGUAGE_SAMPLE])
    if share < MIN_CYRILLIC_SHARE and len(text) > LANGUAGE_SAMPLE:
        share = cyrillic_share(title + "\n" + text)  # an English quote may open a Russian article
    if share < MIN_CYRILLIC_SHARE:
        raise ReaderError(origin, f"not Russian text ({share:.0%} of words are Cyrillic)", line)


def build_article(origin: str, title: str, lines, *, url: str | None = None, published=None,
                  source: str | None = None, subheadings: list[str] | None = None,
                  line: int | None = None) -> Article:
    """Raw pieces of one article -> a clean, checked `Article`."""
    body = clean_lines(lines, subheadings)
    title = normalize_line(title or "")
    if not body.paragraphs:
        raise ReaderError(origin, "no article text", line)
    check_russian(origin, title, body.text, line)
    url = repair_url(url.strip()) if isinstance(url, str) and url.strip() else None
    if url and url_parts(url) is None:
        raise ReaderError(origin, f"not a valid URL: {url[:200]!r} ({url_problem(url)})", line)
    where = f"{origin}:{line}" if line is not None else origin
    return Article(title=title, text=body.text, url=url, source=source_of(url) or source,
                   rubric=rubric_of(url), published=parse_published(published) or date_from_url(url),
                   subheadings=body.subheadings, paragraphs=body.paragraphs, origin=where)
