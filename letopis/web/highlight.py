"""Article text as pieces to draw: plain runs, entity mentions and dates.

The card gives mention offsets (`start`, `stop`, exclusive) into
`article.text` (or `article.title` for `"field": "title"`). We cut the text
at those offsets into pieces; the template escapes every piece, so no part
of an article ever reaches the page as markup. Overlapping or out-of-range
mentions are skipped rather than trusted.
"""
from __future__ import annotations

import html

from markupsafe import Markup, escape


def entity_index(card: dict) -> dict:
    """Card entity id -> the entity, for facts and events that name ids."""
    return {ent["id"]: ent for ent in card.get("entities", [])}


def mention_spans(card: dict, field: str) -> list[tuple[int, int, dict]]:
    """All (start, stop, {"entity": ...}) mentions and (start, stop, {"date": ...}) dates of one
    field, sorted by position (a mention wins over a date starting at the same place)."""
    spans = []
    for ent in card.get("entities", []):
        for mention in ent.get("mentions", []):
            if mention.get("field", "text") == field:
                spans.append((mention["start"], mention["stop"], {"entity": ent}))
    for found in card.get("dates", []):
        if found.get("field", "text") == field and isinstance(found.get("start"), int) and isinstance(found.get("stop"), int):
            spans.append((found["start"], found["stop"], {"date": found}))
    return sorted(spans, key=lambda span: (span[0], -span[1], "date" in span[2]))


def segments(text: str, spans: list[tuple[int, int, dict]]) -> list[dict]:
    """Cut `text` into [{"text", "entity" | None, "date" | None}] pieces at the spans."""
    pieces, pos = [], 0
    for start, stop, what in spans:
        if start < pos or stop > len(text) or start >= stop:
            continue  # overlaps the previous span or points outside the text
        if start > pos:
            pieces.append({"text": text[pos:start], "entity": None, "date": None})
        pieces.append({"text": text[start:stop], "entity": what.get("entity"), "date": what.get("date")})
        pos = stop
    if pos < len(text):
        pieces.append({"text": text[pos:], "entity": None, "date": None})
    return pieces


def article_pieces(card: dict) -> dict:
    """Title and body pieces of a card, ready for the article template."""
    article = card.get("article", {})
    return {
        "title": segments(article.get("title") or "", mention_spans(card, "title")),
        "text": segments(article.get("text") or "", mention_spans(card, "text")),
    }


def safe_snippet(snippet: str | None) -> Markup:
    """A search snippet with only its <mark> tags kept as markup.

    The store promises escaped text around <mark>; we do not rely on it:
    each run between marks is unescaped and escaped again, so already
    escaped text stays as is and anything raw is neutralised.
    """
    out = []
    for i, run in enumerate((snippet or "").split("<mark>")):
        inside, _, after = run.partition("</mark>") if i else ("", "", run)
        if i:
            out.append(Markup("<mark>") + escape(html.unescape(inside)) + Markup("</mark>"))
        out.append(escape(html.unescape(after)))
    return Markup("").join(out)
