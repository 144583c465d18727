"""A card as a self-contained HTML fragment or page: entities inline, dates marked.

What displaCy does for spaCy: `Card._repr_html_` shows it in Jupyter, and
`letopis analyze --format html` writes it as a page. No server, no scripts,
no network: the style is inline and every piece of article text is escaped
by the template (autoescape on).
"""
from __future__ import annotations

from pathlib import Path

import jinja2

from .highlight import article_pieces
from .present import label, record_line

TEMPLATES = Path(__file__).resolve().parent / "templates"
STYLE = """<style>
.lt-card{font:15px/1.6 system-ui,sans-serif;max-width:820px;margin:1em 0;color:#212529}
.lt-title{font-size:1.3em;margin:.2em 0}.lt-meta{color:#868e96;margin:.2em 0 .8em}
.lt-text{white-space:pre-wrap}.lt-ent{padding:0 .25em;border-radius:.3em;background:#e7f5ff}
.lt-PER{background:#ffe3e3}.lt-ORG{background:#e7f5ff}.lt-LOC{background:#ebfbee}
.lt-tag{font-size:.65em;font-weight:700;margin-left:.3em;color:#495057;vertical-align:middle}
.lt-date{background:#fff3bf;border-bottom:1px dotted #e67700}
</style>"""
TYPE_NAMES = {code: label(code) for code in ("PER", "ORG", "LOC")}


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    env.filters["ru"] = label
    env.globals.update(pieces_of=article_pieces, record_line=record_line, type_names=TYPE_NAMES)
    return env


def cards_html(cards: list[dict], page: bool = False) -> str:
    """Card JSONs as one HTML fragment (for a notebook), or a whole page when `page`."""
    body = STYLE + _environment().get_template("card_standalone.html").render(cards=cards)
    if not page:
        return body
    title = (cards[0].get("article", {}).get("title") if cards else "") or "Letopis"
    return (f'<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>{jinja2.utils.markupsafe.escape(title)}'
            f"</title></head><body>{body}</body></html>\n")
