"""What `letopis watch` follows: a SOURCES.toml, or a plain file of feed URLs.

    interval = 600                 # seconds between two polls of a source (default for all)

    [[source]]
    name = "ТАСС"                  # optional: shown in logs and on the Sources page
    feed = "https://tass.ru/rss/v2.xml"
    interval = 300                 # optional: this source's own interval

    [[source]]
    sitemap = "https://ria.ru/sitemap_article_index.xml"

A file that is not TOML is read as one feed URL per line (`#` comments).
Every problem is one `SourcesError` line naming the file (and the source).
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..errors import LetopisError
from .safety import check_url
from .errors import FetchError

KINDS = ("feed", "sitemap", "page")
DEFAULT_INTERVAL = 600.0
MIN_INTERVAL = 0.0  # the CLI refuses less than a second unless asked; tests poll fast


class SourcesError(LetopisError):
    """A sources file that cannot be used: `FILE: problem`."""


@dataclass(frozen=True)
class Source:
    """One followed source: its kind (feed, sitemap or page), URL, display name and interval."""

    kind: str
    url: str
    name: str | None = None
    interval: float = DEFAULT_INTERVAL

    @property
    def label(self) -> str:
        return self.name or self.url


def parse_source(path: str, number: int, entry, default_interval: float) -> Source:
    where = f"{path}: source {number}"
    if not isinstance(entry, dict):
        raise SourcesError(f"{where}: not a table")
    kinds = [k for k in KINDS if k in entry]
    if len(kinds) != 1:
        raise SourcesError(f"{where}: give exactly one of feed = \"URL\", sitemap = \"URL\" or page = \"URL\"")
    unknown = sorted(set(entry) - set(KINDS) - {"name", "interval"})
    if unknown:
        raise SourcesError(f"{where}: unknown key {unknown[0]!r} (known: name, interval, {', '.join(KINDS)})")
    url = entry[kinds[0]]
    interval = entry.get("interval", default_interval)
    if not isinstance(url, str):
        raise SourcesError(f"{where}: {kinds[0]} must be a URL string")
    if isinstance(interval, bool) or not isinstance(interval, (int, float)) or interval < MIN_INTERVAL:
        raise SourcesError(f"{where}: interval must be a number of seconds >= 0")
    name = entry.get("name")
    if name is not None and not isinstance(name, str):
        raise SourcesError(f"{where}: name must be a string")
    try:
        check_url(url.strip())
    except FetchError as exc:
        raise SourcesError(f"{where}: {exc}") from None
    return Source(kinds[0], url.strip(), name, float(interval))


def load_sources(path: str | Path) -> list[Source]:
    """The sources of a TOML file or of a list of feed URLs."""
    path = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        if path.endswith(".toml"):
            raise SourcesError(f"{path}: not valid TOML: {exc}") from None
        return url_list(path, text)
    default = data.get("interval", DEFAULT_INTERVAL)
    if isinstance(default, bool) or not isinstance(default, (int, float)) or default < MIN_INTERVAL:
        raise SourcesError(f"{path}: interval must be a number of seconds >= 0")
    entries = data.get("source", [])
    if not isinstance(entries, list) or not entries:
        raise SourcesError(f"{path}: no sources (add [[source]] tables with feed = \"URL\" or sitemap = \"URL\")")
    sources = [parse_source(path, n, entry, float(default)) for n, entry in enumerate(entries, 1)]
    return list(dict.fromkeys(sources))


def url_list(path: str, text: str) -> list[Source]:
    """One feed URL per line."""
    sources = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            sources.append(Source("feed", check_url(line)))
        except FetchError as exc:
            raise SourcesError(f"{path}:{number}: {exc.problem}: {line[:200]}") from None
    if not sources:
        raise SourcesError(f"{path}: no feed URLs in it")
    return list(dict.fromkeys(sources))
