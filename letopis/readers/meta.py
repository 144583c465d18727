"""Article metadata from strings: source and rubric from a URL, ISO publication dates.

Rubric: the section path of the URL, i.e. its path segments without the
article's own slug (the last segment) and without date or number segments:
`https://www.nur.kz/politics/universe/2123160-tokaev.../` -> `politics/universe`,
`http://www.ng.ru/ng_politics/2017-04-18/11_6976_apple.html` -> `ng_politics`.
The first segment is the top-level section; the full path keeps the finer one.

Published: `YYYY-MM-DD` when only the day is known, `YYYY-MM-DDTHH:MM` (with
the UTC offset when the input gives one) when the time is known too, else
None. A date without a year is None: guessing it is the dates stage's job.
With no date given, a date in the URL's path (`/2017-04-18/`, `/2017/04/18/`,
as ng.ru and many CMSs write them) is taken: it is the publication day.

A URL holding a second absolute URL is repaired to the last one (`repair_url`):
scrapers glue a site prefix to an already absolute link
(`https://russian.rt.comhttps://russian.rt.com/article/...`), and AMP proxies
and archives wrap the article's own URL (`https://amp.ng.ru/?p=http://www.ng.ru/...`);
the inner URL is the article's address, with its source, rubric and date.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timezone
from urllib.parse import urlparse

from .. import data

# A month as a date line writes it, nominative or genitive ("23 июня 2024"), from the dates stage's table.
MONTH_FORMS = {form: int(row[0]) for row in data.rows("dates/months.txt") for form in row[1:3]}
MONTH_WORD = "(" + "|".join(sorted(MONTH_FORMS, key=len, reverse=True)) + ")"
WORD_DATE = re.compile(r"(\d{1,2})\s+" + MONTH_WORD + r"\s+(\d{4})", re.I)
DOT_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
TIME = re.compile(r"\b([01]?\d|2[0-3])[:.]([0-5]\d)\b(?!\.\d{4})")
SECTION = re.compile(r"^[a-z][a-z_-]*[a-z]$", re.I)
INNER_SCHEME = re.compile(r"(?<=.)https?://", re.I)  # a scheme that does not start the URL
URL_DATE = re.compile(r"/((?:19|20)\d\d)([-/])(\d\d)\2(\d\d)(?=/|$|[-_.])")


def repair_url(url: str) -> str:
    """The last absolute URL inside a URL that holds several (see the module docstring)."""
    inner = None
    for inner in INNER_SCHEME.finditer(url):
        pass
    return url[inner.start():] if inner else url


def url_parts(url: str | None):
    """`urlparse` of a URL, or None for no URL or one that cannot be parsed ("http://[::1")."""
    if not url:
        return None
    try:
        parts = urlparse(url)
        parts.hostname  # raises on a malformed host too
    except ValueError:
        return None
    return parts


def url_problem(url: str) -> str:
    """Why `urlparse` refuses a URL ("Invalid IPv6 URL"), for the reader's error line."""
    try:
        urlparse(url).hostname
    except ValueError as exc:
        return str(exc)
    return "cannot be parsed"


def source_of(url: str | None) -> str | None:
    """The site's domain without `www.`: `https://www.nur.kz/...` -> `nur.kz`."""
    parts = url_parts(url)
    host = parts.hostname if parts else None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def rubric_of(url: str | None) -> str | None:
    """The section path of an article URL (see the module docstring), or None."""
    parts = url_parts(url)
    if not parts:
        return None
    segments = [s for s in parts.path.split("/") if s]
    sections = [s for s in segments[:-1] if SECTION.match(s)]
    return "/".join(sections) or None


def month_number(word: str) -> int:
    """`июня` -> 6 (genitive or nominative month names)."""
    word = word.lower()
    return MONTH_FORMS[word.lower()]


def iso(day: date, hour: int | None = None, minute: int | None = None) -> str:
    """A day, or a day and a time, as ISO 8601."""
    if hour is None:
        return day.isoformat()
    return datetime(day.year, day.month, day.day, hour, minute).isoformat(timespec="minutes")


def parse_iso(value: str) -> str | None:
    """`2024-06-24`, `2024-06-24T10:15:00+05:00`, `...Z` -> ISO kept at minute precision."""
    try:
        parsed = datetime.fromisoformat(value.replace(" ", "T", 1))
    except ValueError:
        return None
    if len(value) == 10:
        return parsed.date().isoformat()
    return parsed.isoformat(timespec="minutes")


def parse_russian(value: str) -> str | None:
    """`24 июня 2024, 10:15`, `понедельник, 24.06.2024`, `10:15 24.06.2024` -> ISO."""
    match = WORD_DATE.search(value)
    if match:
        parts = int(match[3]), month_number(match[2]), int(match[1])
    else:
        match = DOT_DATE.search(value)
        if not match:
            return None
        parts = int(match[3]), int(match[2]), int(match[1])
    try:
        day = date(*parts)
    except ValueError:
        return None
    time = TIME.search(value[:match.start()] + " " + value[match.end():])
    return iso(day, int(time[1]), int(time[2])) if time else iso(day)


def parse_epoch(value: float) -> str | None:
    """Unix time (seconds, or milliseconds when huge) -> UTC ISO."""
    if value > 1e11:
        value /= 1000
    try:
        return datetime.fromtimestamp(value, tz=timezone.utc).isoformat(timespec="minutes")
    except (OverflowError, OSError, ValueError):
        return None


def parse_published(value) -> str | None:
    """Any publication date we meet (ISO, Russian, dotted, Unix time) -> ISO or None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return parse_epoch(value)
    value = str(value).strip()
    if ISO_DATE.match(value):
        return parse_iso(value)
    return parse_russian(value)


def date_from_url(url: str | None) -> str | None:
    """`http://www.ng.ru/politics/2017-04-18/1_slug.html` -> `2017-04-18` (a valid day only)."""
    parts = url_parts(url)
    match = URL_DATE.search(parts.path) if parts else None
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[3]), int(match[4])).isoformat()
    except ValueError:
        return None
