"""Clean article bodies: normalize lines, drop boilerplate, find subheadings.

Every reader ends here, so a scraped text file, an HTML page and a JSON
record get the same cleaning. Boilerplate is removed by data, not by code
matched to one site: the patterns live in `letopis/data/boilerplate.txt`
(one named regex a line) and a few heuristics below catch what a regex
cannot describe (a bare link, a row of share buttons, a widget label left at
the end of the page). `python -m letopis.readers.clean FILE` prints which
rule removed each line.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "boilerplate.txt"
MAX_RULE_LINE = 300  # longer paragraphs are article text even if they start like promo
MAX_SUBHEADING_CHARS = 90
MAX_SUBHEADING_WORDS = 12
MAX_LABEL_WORDS = 5

# Invisible characters that break tokenization; odd spaces become plain spaces.
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
TERMINAL = tuple(".!?…:;,»\"”)")
SOCIAL = {"вконтакте", "вк", "vk", "telegram", "телеграм", "одноклассники", "ok", "whatsapp", "viber",
          "facebook", "twitter", "x", "дзен", "youtube", "email", "e-mail", "max", "rutube", "tiktok", "скопировать",
          "ссылку", "ссылка", "поделиться", "share"}
URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
BREADCRUMB = re.compile(r"^[^.!?]{1,40}(?:\s[/>›»|]\s[^.!?]{1,40}){2,}$")


@dataclass
class Body:
    """A cleaned body: paragraphs in order (subheadings included) and the subheadings."""

    paragraphs: list[str] = field(default_factory=list)
    subheadings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


def normalize_line(line: str) -> str:
    """Drop invisible characters and collapse odd spaces, so offsets index clean text."""
    return SPACES.sub(" ", line.translate(INVISIBLE)).strip()


@lru_cache(maxsize=1)
def load_rules() -> re.Pattern:
    """The rules file as one alternation of named groups: one regex call per line."""
    text = RULES_FILE.read_text(encoding="utf-8")
    parts = []
    for number, line in enumerate(text.splitlines()):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, pattern = line.partition(": ")
        re.compile(pattern)  # a bad rule fails here, alone, not inside the big pattern
        group = re.sub(r"\W", "_", name)
        parts.append(f"(?P<r{number}_{group}>{pattern})")
    return re.compile("|".join(parts), re.I)


def rule_name(group: str) -> str:
    """`r12_read_also` -> `read_also`: the rule name of a matched group."""
    return group.split("_", 1)[1]


def rules_file_match(line: str) -> str | None:
    """A pattern of `boilerplate.txt` matches the start of this short line."""
    if len(line) > MAX_RULE_LINE:
        return None
    match = load_rules().match(line)
    return rule_name(match.lastgroup) if match else None


def bare_url(line: str) -> str | None:
    """A line that is only a link is navigation, not text."""
    return "bare-url" if URL_ONLY.match(line) else None


def share_bar(line: str) -> str | None:
    """A row of social network names ("ВКонтакте Telegram Одноклассники") is a share widget."""
    words = re.findall(r"[\w+-]+", line.lower())
    return "share-bar" if len(words) >= 2 and all(w in SOCIAL for w in words) else None


def breadcrumb(line: str) -> str | None:
    """`Главная / В мире / Азия`: a navigation trail, not text."""
    return "breadcrumb" if BREADCRUMB.match(line) else None


RULES = [rules_file_match, bare_url, share_bar, breadcrumb]


def boilerplate_rule(line: str) -> str | None:
    """The name of the first rule that calls this line boilerplate, else None."""
    for rule in RULES:
        name = rule(line)
        if name:
            return name
    return None


def is_label(line: str) -> bool:
    """A short unpunctuated fragment: a button or widget label when nothing follows it."""
    return len(line.split()) <= MAX_LABEL_WORDS and not line.endswith(TERMINAL)


def drop_trailing_labels(lines: list[str]) -> list[str]:
    """An article never ends on a label ("Подписаться", "Показать еще"): drop such tails."""
    end = len(lines)
    while end > 1 and is_label(lines[end - 1]):
        end -= 1
    return lines[:end]


def is_body_line(line: str) -> bool:
    """A paragraph of text: ends like a sentence."""
    return line.endswith(TERMINAL) and len(line.split()) > 3


def is_subheading(line: str, following: str | None) -> bool:
    """A short line without final punctuation, starting upper-case, followed by body text."""
    if following is None or not is_body_line(following):
        return False
    if len(line) > MAX_SUBHEADING_CHARS or len(line.split()) > MAX_SUBHEADING_WORDS:
        return False
    return not line.endswith(TERMINAL) and (line[0].isupper() or line[0].isdigit() or line[0] in "«\"")


def find_subheadings(lines: list[str]) -> list[str]:
    """Subheadings among body lines (the last line never is one)."""
    return [line for line, following in zip(lines, lines[1:]) if is_subheading(line, following)]


def clean_lines(lines, subheadings: list[str] | None = None) -> Body:
    """Raw body lines -> a `Body`. Pass `subheadings` when the format marks them (HTML)."""
    kept = [line for line in map(normalize_line, lines) if line and not boilerplate_rule(line)]
    kept = drop_trailing_labels(kept)
    if subheadings is None:
        subheadings = find_subheadings(kept)
    else:
        subheadings = [s for s in map(normalize_line, subheadings) if s in kept]
    return Body(kept, subheadings)


def explain(lines) -> list[tuple[str, str]]:
    """(rule name or "", line) for each non-empty line: why a line was removed."""
    out = []
    for line in map(normalize_line, lines):
        if line:
            out.append((boilerplate_rule(line) or "", line))
    return out


if __name__ == "__main__":  # debug: which rule removes which line
    for name, line in explain(open(sys.argv[1], encoding="utf-8").read().splitlines()):
        print(f"{name or '-':>16} | {line[:100]}")
