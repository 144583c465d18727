"""Clean article bodies: normalize lines, drop boilerplate, find subheadings.

Every reader ends here, so a scraped text file, an HTML page and a JSON
record get the same cleaning. Boilerplate is removed by data, not by code
matched to one site: the patterns live in `letopis/data/readers/boilerplate.txt`
(one named regex a line) and a few heuristics below catch what a regex
cannot describe (a bare link, a row of share buttons, a widget label left at
the end of the page). Before that, paragraphs a scraper cut at every link
are glued back (`fragments.py`); after it, blocks told by their neighbours
go (teasers of other articles, embedded posts, a video player's title:
`embeds.py`, markers in `letopis/data/readers/embeds.txt`).
`python -m letopis.readers FILE` prints which rule removed each line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import data
from .embeds import context_rules
from .fragments import Line, join_fragments
from .shapes import URL_ONLY, is_code

RULES_FILE = "readers/boilerplate.txt"  # in letopis/data/
MAX_RULE_LINE = 300  # longer paragraphs are article text even if they start like promo
MAX_SUBHEADING_CHARS = 90
MAX_SUBHEADING_WORDS = 12
MAX_LABEL_WORDS = 5
LONG_LINE = 60  # characters: a paragraph of prose is longer, a verse or a heading shorter
MIN_VERSE_RUN = 5  # consecutive short lines: a poem (a short news item has four at most)
MAX_SHARE_BAR = 120
MIN_PROSE_WORDS = 5  # "В рамках посещения столицы он расскажет о программе." is the shortest news paragraph met

# Invisible characters that break tokenization go; odd spaces become plain spaces.
INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
ODD_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
RUNS_OF_SPACES = re.compile(r" {2,}")
TERMINAL = tuple(".!?…:;,»\"”)")
PROSE_END = tuple(".!?…»\"”)")
SENTENCE_END = tuple(".!?…")
SOCIAL = data.words("readers/share_words.txt")
SENTENCE_BREAK = re.compile(r"[.!?…]\s")
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
    """Drop invisible characters and collapse odd spaces, so offsets index clean text.

    Most text needs neither: a search (fast, no copy) decides before a rewrite.
    """
    if INVISIBLE.search(line):
        line = INVISIBLE.sub("", line)
    line = ODD_SPACES.sub(" ", line)
    if "  " in line:
        line = RUNS_OF_SPACES.sub(" ", line)
    return line.strip()


def split_lines(lines) -> list[str]:
    """Normalized non-empty lines; normalizing the joined block costs one scan, not one per line."""
    block = normalize_line(lines if isinstance(lines, str) else "\n".join(lines))
    return [line.strip() for line in block.splitlines() if line.strip()]


def read_lines(lines) -> list[Line]:
    """Raw body -> normalized lines, with paragraphs cut at links glued back (`fragments.py`).

    Spaces are made plain over the whole block first (one scan); the padding
    of each line survives that, so the joining can read it.
    """
    block = lines if isinstance(lines, str) else "\n".join(lines)
    if INVISIBLE.search(block):
        block = INVISIBLE.sub("", block)
    block = ODD_SPACES.sub(" ", block)
    joined = join_fragments(block.splitlines())
    for line in joined:
        text = line.text.strip()
        line.text = RUNS_OF_SPACES.sub(" ", text) if "  " in text else text
    return joined


@lru_cache(maxsize=1)
def load_rules() -> tuple[re.Pattern, dict[str, str]]:
    """The rules file as one alternation of named groups (one regex call per line),
    and the rule name of each group."""
    parts, names = [], {}
    for number, line in enumerate(data.lines(RULES_FILE)):
        name, _, pattern = line.partition(": ")
        re.compile(pattern)  # a bad rule fails here, alone, not inside the big pattern
        names[f"r{number}"] = name
        parts.append(f"(?P<r{number}>{pattern})")
    return re.compile("|".join(parts), re.I), names


def rules_file_match(line: str) -> str | None:
    """The name of the `boilerplate.txt` pattern that matches the start of this line."""
    pattern, names = load_rules()
    match = pattern.match(line)
    return names[match.lastgroup] if match else None


def bare_url(line: str) -> str | None:
    """A line that is only a link is navigation, not text."""
    return "bare-url" if line.startswith(("http", "www.")) and URL_ONLY.match(line) else None


def share_bar(line: str) -> str | None:
    """A row of social network names ("ВКонтакте Telegram Одноклассники") is a share widget."""
    if len(line) > MAX_SHARE_BAR or line.split(None, 1)[0].lower().strip(":,") not in SOCIAL:
        return None
    words = re.findall(r"[\w+-]+", line.lower())
    return "share-bar" if words and all(w in SOCIAL for w in words) else None


def breadcrumb(line: str) -> str | None:
    """`Главная / В мире / Азия`: a navigation trail, not text."""
    if len(line) > MAX_SHARE_BAR or not any(sep in line for sep in (" / ", " > ", " › ", " » ", " | ")):
        return None
    return "breadcrumb" if BREADCRUMB.match(line) else None


def script_code(line: str) -> str | None:
    """Embedded JavaScript or CSS a scraper kept (video players, quiz widgets).

    Code always has `;`, `{`, `}` or a `//` comment: that cheap test skips prose.
    """
    if is_code(line):
        return "script-code"
    return None


RULES = [rules_file_match, bare_url, share_bar, breadcrumb]
ANY_LENGTH_RULES = [script_code]


def boilerplate_rule(line: str) -> str | None:
    """The name of the first rule that calls this line boilerplate, else None."""
    for rule in ANY_LENGTH_RULES:
        name = rule(line)
        if name:
            return name
    if len(line) > MAX_RULE_LINE:
        return None  # long paragraphs are article text even if they start like promo
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


def is_prose(line: str) -> bool:
    """A sentence of running text, as a menu, a label or a headline never is."""
    return line.endswith(PROSE_END) and len(line.split()) >= MIN_PROSE_WORDS


def heading_shaped(line: str) -> bool:
    """A heading the format marks (HTML <h2>) that is one: short, not a sentence (a standfirst is)."""
    return (len(line.split()) <= MAX_SUBHEADING_WORDS and len(line) <= MAX_SUBHEADING_CHARS
            and not line.rstrip("»\"”").endswith((".", "…")))  # "Что дальше?" is a heading


def is_body_line(line: str) -> bool:
    """A paragraph of text: ends like a sentence."""
    return line.endswith(TERMINAL) and len(line.split()) > 3


def starts_sentence(line: str) -> bool:
    """Upper case, a digit, a quote or a dash: how sentences and headings start."""
    return line[0].isupper() or line[0].isdigit() or line[0] in "«\"„–—-"


def is_subheading(line: str, following: str | None) -> bool:
    """A short line without final punctuation, starting upper-case, followed by body text.

    A line broken mid-sentence (poetry, a bad scrape) looks similar; it ends
    on a comma or dash, holds a sentence break, or the next line goes on in
    lower case, so those are refused.
    """
    if following is None or not is_body_line(following) or not starts_sentence(following):
        return False
    if len(line) > MAX_SUBHEADING_CHARS or len(line.split()) > MAX_SUBHEADING_WORDS:
        return False
    if not (line[-1].isalnum() or line[-1] in "»\"”") or SENTENCE_BREAK.search(line):
        return False
    return starts_sentence(line) and line[0] not in "–—-"


def short_runs(lines: list[str]) -> list[int]:
    """For each line, the length of the run of consecutive short lines it stands in (0 if long)."""
    runs, start = [0] * len(lines), 0
    for index in range(len(lines) + 1):
        if index == len(lines) or len(lines[index]) >= LONG_LINE:
            for inside in range(start, index):
                runs[inside] = index - start
            start = index + 1
    return runs


def find_subheadings(lines: list[str]) -> list[str]:
    """Subheadings among body lines (the last line never is one).

    A short line inside a long run of short lines is a verse of a poem, not a
    heading over a paragraph: NG prints poems one verse a line
    ("Поет она не песни Красной Пресни." / "Дает под водку и сухие вина" /
    "Про ту же Мурку и про Енту и раввина." ...).
    """
    runs = short_runs(lines)
    return [line for index, (line, following) in enumerate(zip(lines, lines[1:]))
            if is_subheading(line, following) and runs[index] < MIN_VERSE_RUN]


def judged(lines) -> list[tuple[str, str]]:
    """(rule name or "", line) for each line of a raw body: line rules, then rules that read
    a line's neighbours (teasers, embedded posts, player titles: `embeds.py`)."""
    read = read_lines(lines)
    reasons = [boilerplate_rule(line.text) or "" for line in read]
    reasons = context_rules(read, reasons)
    return list(zip(reasons, (line.text for line in read)))


def clean_lines(lines, subheadings: list[str] | None = None) -> Body:
    """Raw body (lines, or one string) -> a `Body`. Pass `subheadings` when the format marks them (HTML)."""
    kept = [line for reason, line in judged(lines) if not reason]
    kept = drop_trailing_labels(kept)
    if subheadings is None:
        subheadings = find_subheadings(kept)
    else:
        # a heading above the first paragraph is the title's subtitle (a standfirst), not a section's
        first = next((i for i, line in enumerate(kept) if is_prose(line)), len(kept))
        sections = set(kept[first:])
        subheadings = [s for s in map(normalize_line, subheadings) if s in sections and heading_shaped(s)]
    return Body(kept, subheadings)


def explain(lines) -> list[tuple[str, str]]:
    """(rule name or "", line) for each non-empty line: why a line was removed."""
    return judged(lines)
