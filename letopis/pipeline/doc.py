"""`Doc`: the working record each pipeline stage fills, as in natasha.

The pipeline reads `title + "\\n" + text` as one string so the headline is
analysed with the body; `to_card` maps Doc offsets to the card's
(field, start, stop) and `from_card` maps them back: the one place where
the two offset systems meet.
"""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field

from ..article import Article
from ..card import Entity, DateMention
from ..records import Evidence


@dataclass
class Token:
    start: int
    stop: int
    text: str
    pos: str | None = None
    feats: dict | None = None
    lemma: str | None = None


@dataclass
class Sentence:
    start: int
    stop: int
    text: str
    tokens: list[Token] = dc_field(default_factory=list)


@dataclass
class NerSpan:
    """A typed name mention found by NER, before grouping into entities."""

    start: int
    stop: int
    type: str
    text: str
    normal: str | None = None
    tokens: list[Token] = dc_field(default_factory=list)


@dataclass
class Doc:
    article: Article
    text: str = ""
    body_offset: int = 0  # where article.text begins inside `text`
    sents: list[Sentence] = dc_field(default_factory=list)
    tokens: list[Token] = dc_field(default_factory=list)
    spans: list[NerSpan] = dc_field(default_factory=list)
    entities: list[Entity] = dc_field(default_factory=list)
    positions: list[dict] = dc_field(default_factory=list)  # see positions.py
    span_entity: dict[int, str] = dc_field(default_factory=dict)  # index in spans -> entity id
    facts: list = dc_field(default_factory=list)  # records.Occupation, records.Meeting
    events: list = dc_field(default_factory=list)  # records.Event subclasses
    dates: list[DateMention] = dc_field(default_factory=list)
    word_ids: list[int] = dc_field(default_factory=list)  # slovnet ids of tokens (segment.py), reused by NER
    shape_ids: list[int] = dc_field(default_factory=list)

    @classmethod
    def from_article(cls, article: Article) -> "Doc":
        if article.title:
            return cls(article, article.title + "\n" + article.text, len(article.title) + 1)
        return cls(article, article.text, 0)

    def to_card(self, start: int, stop: int) -> tuple[str, int, int]:
        """Doc offsets -> ("text"|"title", start, stop) in the article's fields."""
        if start >= self.body_offset:
            return "text", start - self.body_offset, stop - self.body_offset
        return "title", start, stop

    def from_card(self, field: str, start: int, stop: int) -> tuple[int, int]:
        """Card offsets of `field` ("text"|"title") -> Doc offsets."""
        if field == "title":
            return start, stop
        return start + self.body_offset, stop + self.body_offset

    def evidence(self, start: int, stop: int) -> Evidence:
        """The card's evidence for a Doc range (facts and events cite it)."""
        field, card_start, card_stop = self.to_card(start, stop)
        return Evidence(card_start, card_stop, field)
