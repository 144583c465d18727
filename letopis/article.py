"""The `Article`: what every reader produces and the pipeline consumes.

A reader turns bytes (a scraped text file, an HTML page, a JSON record) into
one `Article`; nothing downstream knows which format it came from.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field


@dataclass
class Article:
    """A clean news article. `text` is the body the card's offsets point into."""

    title: str
    text: str
    url: str | None = None
    source: str | None = None
    rubric: str | None = None
    published: str | None = None
    subheadings: list[str] = field(default_factory=list)  # also present in `text` as paragraphs
    paragraphs: list[str] = field(default_factory=list)  # "\n".join(paragraphs) == text
    origin: str | None = None  # file path (and line) it was read from
    id: str | None = None

    def __post_init__(self):
        if not self.paragraphs and self.text:
            self.paragraphs = [p for p in self.text.split("\n") if p.strip()]
        if self.id is None:
            self.id = self.content_id()

    def content_id(self) -> str:
        """A stable id: the URL when known, else the content, hashed."""
        key = self.url or (self.title + "\n" + self.text)
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def content_hash(self) -> str:
        """Hash of what the pipeline reads: a changed article gets a new hash."""
        key = "\n".join([self.title, self.published or "", self.text])
        return hashlib.sha1(key.encode("utf-8")).hexdigest()

    def as_json(self) -> dict:
        data = asdict(self)
        data.pop("paragraphs")
        data.pop("origin")
        return {k: data[k] for k in ("id", "title", "url", "source", "published", "rubric", "subheadings", "text")}
