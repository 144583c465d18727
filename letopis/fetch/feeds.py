"""RSS and Atom feeds -> `Entry`s (link, title, date, summary), through feedparser.

feedparser reads RSS 0.9x/1.0/2.0 and Atom 0.3/1.0, resolves relative links
against the feed's address and recovers what it can from broken XML. A feed
whose XML is broken but which still yields entries is used, and the damage is
reported (`Feed.problem`); one that yields nothing is a `FetchError`.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import feedparser

from .client import Response
from .errors import FetchError


# What feedparser flags that is not damage: a wrong declared charset or media type.
BENIGN = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


@dataclass
class Entry:
    """An article a feed or sitemap announces; title/published/summary fill what its page lacks."""

    url: str
    title: str | None = None
    published: str | None = None  # ISO 8601, UTC
    summary: str | None = None


@dataclass
class Feed:
    entries: list[Entry] = field(default_factory=list)
    problem: str | None = None  # broken XML that feedparser still recovered entries from


def iso_time(parsed: time.struct_time | None) -> str | None:
    """feedparser's UTC struct_time -> `2024-06-24T10:15+00:00`."""
    if not parsed:
        return None
    try:
        return time.strftime("%Y-%m-%dT%H:%M+00:00", parsed)
    except (TypeError, ValueError):
        return None


def plain_text(html: str | None) -> str | None:
    """A summary's text without markup (feedparser has already sanitized it)."""
    if not html or not html.strip():
        return None
    if "<" not in html:
        return html.strip()
    import lxml.html
    try:
        return lxml.html.fromstring(html).text_content().strip() or None
    except Exception:  # lxml refuses some fragments; the summary is only a fallback
        return None


def parse_feed(response: Response) -> Feed:
    """The entries of a fetched feed, in feed order, each link once."""
    parsed = feedparser.parse(response.body, response_headers={
        "content-location": response.final_url,
        "content-type": response.content_type + (f"; charset={response.charset}" if response.charset else "")})
    entries, seen = [], set()
    for item in parsed.entries:
        link = (item.get("link") or "").strip()
        if not link or link in seen:
            continue
        seen.add(link)
        entries.append(Entry(link, (item.get("title") or "").strip() or None,
                             iso_time(item.get("published_parsed") or item.get("updated_parsed")),
                             plain_text(item.get("summary"))))
    broken = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(broken, BENIGN):
        broken = None
    if not entries:
        if broken is not None:
            raise FetchError(response.url, f"not a readable feed: broken XML ({broken})")
        if not parsed.get("version"):
            raise FetchError(response.url, "not an RSS or Atom feed")
    problem = f"broken XML ({broken}); {len(entries)} entries recovered" if broken is not None else None
    return Feed(entries, problem)
