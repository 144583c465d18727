"""Line shapes shared by the cleaning rules: a bare link, a line of code, a headline.

Kept apart from `clean.py` so that `fragments.py` and `embeds.py`, which
`clean.py` calls, can use them without an import cycle.
"""
from __future__ import annotations

import re

URL_ONLY = re.compile(r"^(?:https?://|www\.|pic\.twitter\.com/)\S+$", re.I)
CODE = re.compile(r"function\s*\(|\bvar\s+\w+\s*=|\b(?:document|window)\.\w|\}\s*\)\s*;|\{[^{}]*:[^{}]*;"
                  r"|\}\s*\)\s*[;(),]|\breturn\s*\{|^//|^[a-z]\w*(?:\.\w+)+\s*=\s*[\"'\w]", re.I)
SENTENCE_END = tuple(".!?…")
CYRILLIC_WORD = re.compile(r"[а-яё]+", re.I)  # words of Russian text; OTHER_WORD: of any other script
OTHER_WORD = re.compile(r"[^\W\d_а-яё]+", re.I)
MAX_HEADLINE_WORDS = 25


def is_url(line: str) -> bool:
    """A line that is only a link."""
    return bool(URL_ONLY.match(line))


def is_code(line: str) -> bool:
    """Embedded JavaScript or CSS; code always has `;`, `{`, `}` or a `//` comment, a cheap test for prose."""
    return (";" in line or "{" in line or "}" in line or line.startswith("//")) and bool(CODE.search(line))


def is_headline(line: str) -> bool:
    """A title's shape: one short unpunctuated line (a teaser's or a video's title)."""
    return not line.endswith(SENTENCE_END) and len(line.split()) <= MAX_HEADLINE_WORDS
