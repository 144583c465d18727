"""Rules that read a line's neighbours: teasers, embedded posts, a video player's title.

A line rule (`clean.py`, `boilerplate.txt`) sees one line; these blocks are
told by their shape around a marker line, kept in
`letopis/data/readers/embeds.txt`:

- a teaser of other articles: an opener ("Также по теме") and the block lines
  after it, a headline and a lead cut with "..." (stand-alone blocks in the
  scraper's layout, see `fragments.py`, or headline-shaped lines);
- an embedded post (tweet, Instagram): its signature ("— Name (@handle) date",
  "Публикация от Name (@handle)"), the date line below it and the post's text
  above it, back to the article's last paragraph of Russian prose;
- a video player: the title line right after the player's code.

Each rule only adds reasons: a line another rule removed keeps its reason.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import data
from .fragments import Line
from .shapes import CYRILLIC_WORD, OTHER_WORD, is_code, is_headline

MARKERS_FILE = "readers/embeds.txt"
MAX_TEASER_LINES = 3  # a teaser's headline, its cut lead, and a credit at most
MAX_POST_LINES = 12  # lines of one embedded post's text (a tweet with line breaks)
CUT_LEAD = ("...", "…")
PROSE_END = tuple(".!?…:;»\"”)")
LINK_RULES = {"bare-url", "embed-post"}  # `boilerplate.txt` rules that remove a post's links
TAG = re.compile(r"(?:^|\s)[#@]\w")


@lru_cache(maxsize=1)
def markers() -> dict[str, re.Pattern]:
    """kind -> one pattern (the alternation of that kind's lines in `embeds.txt`)."""
    kinds: dict[str, list[str]] = {}
    for line in data.lines(MARKERS_FILE):
        kind, _, pattern = line.partition(": ")
        re.compile(pattern)  # a bad line fails alone
        kinds.setdefault(kind, []).append(f"(?:{pattern})")
    return {kind: re.compile("|".join(parts), re.I) for kind, parts in kinds.items()}


def is_marker(kind: str, text: str) -> bool:
    pattern = markers().get(kind)
    return bool(pattern and pattern.match(text))


def is_russian_prose(text: str) -> bool:
    """An article's paragraph: mostly Cyrillic words, ending like a sentence."""
    cyrillic = len(CYRILLIC_WORD.findall(text))
    other = len(OTHER_WORD.findall(text))
    return text.endswith(PROSE_END) and cyrillic >= 2 and cyrillic >= other


def teasers(lines: list[Line], reasons: list[str]) -> None:
    """An opener line and the teaser lines after it."""
    for index, line in enumerate(lines):
        if not is_marker("teaser", line.text):
            continue
        reasons[index] = reasons[index] or "teaser"
        for offset, nxt in enumerate(lines[index + 1:index + 1 + MAX_TEASER_LINES]):
            text = nxt.text
            teaser_line = nxt.block or (is_headline(text) if offset == 0 else text.endswith(CUT_LEAD))
            if not teaser_line or is_marker("teaser", text):
                break
            reasons[index + 1 + offset] = reasons[index + 1 + offset] or "teaser"
            if text.endswith(CUT_LEAD):
                break  # the cut lead ends the teaser


def post_like(text: str) -> bool:
    """A line of a post's text beyond its last one: foreign words, tags, handles or no words."""
    cyrillic = len(CYRILLIC_WORD.findall(text))
    if not cyrillic or cyrillic < len(OTHER_WORD.findall(text)):
        return True
    return bool(TAG.search(text)) and not is_russian_prose(text)


def posts(lines: list[Line], reasons: list[str]) -> None:
    """A post's signature, its date line, and its text above it.

    The line right above the signature is the post's text. When only links
    stand between (a post of a picture alone), a line of Russian prose above
    them is the article's own paragraph; so is a line ending with ":" that
    introduces the post. Further up, lines go with the post while they look
    like one (`post_like`).
    """
    for index, line in enumerate(lines):
        if not is_marker("signature", line.text):
            continue
        reasons[index] = reasons[index] or "embed-signature"
        if index + 1 < len(lines) and is_marker("post-date", lines[index + 1].text):
            reasons[index + 1] = reasons[index + 1] or "embed-signature"
        first, links = True, False
        for back in range(index - 1, max(index - 1 - MAX_POST_LINES, -1), -1):
            text = lines[back].text
            if is_marker("signature", text) or is_marker("post-date", text):
                break  # the post before this one
            if reasons[back]:
                links = links or reasons[back] in LINK_RULES
                continue
            if first:
                prose = is_russian_prose(text)
                if prose and (text.endswith(":") or links):
                    break
            elif not post_like(text):
                break
            reasons[back] = "embed-text"
            first = False


def player_titles(lines: list[Line], reasons: list[str]) -> None:
    """The headline-shaped line right after a video player's code is the video's title."""
    for index in range(1, len(lines)):
        if reasons[index] or not is_code(lines[index - 1].text):
            continue
        if is_headline(lines[index].text):
            reasons[index] = "player-title"


def context_rules(lines: list[Line], reasons: list[str]) -> list[str]:
    """Reasons with the blocks above added (a new list)."""
    reasons = list(reasons)
    for rule in (teasers, posts, player_titles):
        rule(lines, reasons)
    return reasons
