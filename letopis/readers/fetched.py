"""Pages fetched from the web: the HTML reader, with the fetched address as the article's URL.

A saved page's URL is what the page says (its canonical link); a fetched
page's is the address it was read from, after redirects: a canonical link
that points at the site's home page (common) would otherwise make every
article of a site the same URL. Title and date the page lacks are taken from
what announced it (a feed entry, a news sitemap), and when the page has no
readable text but the feed gave a summary, the summary is the article.
"""
from __future__ import annotations

import dataclasses

from ..article import Article
from ..errors import ReaderError
from .build import build_article
from .html import read_html
from .meta import date_from_url, parse_published, rubric_of, source_of


def read_fetched(html: str, url: str, title: str | None = None, published: str | None = None,
                 summary: str | None = None) -> Article:
    """A decoded page fetched from `url` -> `Article` (feed `title`/`published`/`summary` fill gaps)."""
    try:
        article = read_html(html, origin=url)
    except ReaderError as exc:
        if not summary or exc.problem != "no article text":
            raise
        article = build_article(url, title or "", summary.splitlines(), url=url, published=published)
    return dataclasses.replace(
        article, url=url, source=source_of(url) or article.source, rubric=rubric_of(url),
        title=article.title or (title or "").strip(),
        published=article.published or parse_published(published) or date_from_url(url),
        origin=url, id=None)  # id None: recomputed from the URL
