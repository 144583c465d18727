"""Rejoin paragraphs a scraper cut at every link, and tell stand-alone blocks apart.

Some scrapers (the RT records of `rt_ng.jsonl.gz`) write each text node of
the page on its own line, so a paragraph with a link arrives as

    ...заявил глава ведомства \\n Дональд Трамп\\n. По его словам...

The node's own white space survives: text before a link ends with a space,
text after it starts with one or with the punctuation that follows the link.
A line is glued back to the one before when the boundary is mid-sentence:
the previous line does not end a sentence, and the next one goes on (a
lower-case word or continuing punctuation, or the padding shows an inline
node; a link the paragraph ends with is kept on its line). A block the page lays out alone (a caption, a teaser, a photo
credit) arrives padded on both sides and is never glued; `Line.block` keeps
that shape for the rules that recognise such blocks (`embeds.py`).
Text without this padding (a plain text file, HTML blocks) is left as it is,
except for a line that starts with continuing punctuation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .shapes import SENTENCE_END, is_code, is_url

CONTINUING = re.compile(r"^(?:[,;:)»”]|\.(?!\.))")  # what cannot open a paragraph


@dataclass
class Line:
    """One line as the scraper wrote it: its text, and whether it stood padded alone."""

    text: str
    block: bool = False  # padded on both sides: laid out on its own (caption, teaser, credit)


def padded(raw: str) -> tuple[bool, bool]:
    """(starts with white space, ends with white space)."""
    return raw[:1].isspace(), raw[-1:].isspace()


def lead_of(raw: str) -> bool:
    return raw[:1].isspace()


def goes_on(previous: str, raw: str, after: str | None) -> bool:
    """Is `raw` the rest of the sentence `previous` left open (see the module docstring)?"""
    head = raw.lstrip()
    if not head or is_code(head) or is_code(previous.strip()):
        return False
    if CONTINUING.match(head):
        return True
    prev_start, prev_end = padded(previous)
    if is_url(head.rstrip()):
        return prev_end and not prev_start and not lead_of(raw)  # a link at the end of its paragraph
    if previous.rstrip().endswith(SENTENCE_END):
        return False
    lead, trail = padded(raw)
    if prev_start and prev_end:
        return False  # the previous line is a block of its own
    if head[0].islower():
        return prev_end or lead
    if lead and not trail:
        return not prev_end  # text after an inline node: " Стайн." after "подчеркнула"
    if prev_end and not lead:
        # an inline node inside a sentence: the text after it goes on padded or with punctuation
        nxt = after or ""
        return (not raw.rstrip().endswith(SENTENCE_END) and bool(nxt)
                and (nxt[:1].isspace() and not nxt[-1:].isspace() or bool(CONTINUING.match(nxt.lstrip()))))
    return False


def join_fragments(raw_lines: list[str]) -> list[Line]:
    """Raw lines (white space kept) -> lines with cut sentences glued back."""
    raw_lines = [line for line in raw_lines if line.strip()]
    joined: list[Line] = []
    current = None
    for index, raw in enumerate(raw_lines):
        after = raw_lines[index + 1] if index + 1 < len(raw_lines) else None
        if current is not None and goes_on(current, raw, after):
            current = current + raw if current[-1:].isspace() or raw[:1].isspace() or CONTINUING.match(raw) \
                else current + " " + raw
        else:
            if current is not None:
                joined.append(Line(current, all(padded(current))))
            current = raw
    if current is not None:
        joined.append(Line(current, all(padded(current))))
    return joined
