"""The scraped-text format (see `examples/000_bd1d954d026d96b9.txt`).

    Title line
    Опубликовано: 24 июня 2024, 10:15      (or 24.06.2024, or nothing)
    body paragraphs, one a line; subheadings are short lines without a final stop
    promo lines ("Подпишитесь на Telegram!", "Подписаться"...)
    Оригинал статьи: https://site/rubric/.../slug/

The title is the first non-empty line that is not metadata. Metadata lines are recognised
anywhere (scrapers put them first or last) and removed from the body.
"""
from __future__ import annotations

import re

from ..article import Article
from .build import build_article

PUBLISHED = re.compile(r"^\s*(?:Опубликовано|Дата публикации|Дата|Published)\s*:\s*(.*?)\s*$", re.I)
SOURCE_URL = re.compile(r"^\s*(?:Оригинал статьи|Источник|Ссылка на (?:статью|источник)|URL|Source)\s*:\s*"
                        r"(https?://\S+)\s*$", re.I)


def split_metadata(lines: list[str]) -> tuple[list[str], str | None, str | None]:
    """Body lines without metadata lines; the first publication date and source URL found."""
    body, published, url = [], None, None
    for line in lines:
        date_match, url_match = PUBLISHED.match(line), SOURCE_URL.match(line)
        if date_match and published is None:
            published = date_match[1]
        elif url_match and url is None:
            url = url_match[1]
        elif not (date_match or url_match):
            body.append(line)
    return body, published, url


def read_text(text: str, origin: str = "<string>") -> Article:
    """A scraped text file (already decoded) -> `Article`."""
    lines = [line for line in text.splitlines() if line.strip()]
    body, published, url = split_metadata(lines)
    title = body.pop(0) if body else ""
    return build_article(origin, title, body, url=url, published=published)
