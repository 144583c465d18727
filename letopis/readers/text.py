"""The scraped-text format: title line, `Опубликовано:` line, body, `Оригинал статьи: URL`."""
from __future__ import annotations

import re
from urllib.parse import urlparse

from ..article import Article

ORIGINAL = re.compile(r"^Оригинал статьи:\s*(\S+)\s*$")
PUBLISHED = re.compile(r"^Опубликовано:\s*(.*)$")


def read_text(text: str, origin: str | None = None) -> Article:
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    title = lines[0] if lines else ""
    url = None
    body = []
    for line in lines[1:]:
        if ORIGINAL.match(line):
            url = ORIGINAL.match(line).group(1)
        elif PUBLISHED.match(line):
            continue
        else:
            body.append(line)
    source = urlparse(url).hostname if url else None
    if source and source.startswith("www."):
        source = source[4:]
    return Article(title=title, text="\n".join(body), url=url, source=source, origin=origin)
