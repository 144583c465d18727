"""Yargy grammar of Russian date expressions, and its reading into `Expr`s.

Recognition only: what the text literally says (day, month, year, weekday,
"прошлой неделе"…), with offsets; calendar arithmetic (anchoring, year
inference) lives in `resolve`. The grammar is a list of small named
rules; each top-level rule is one *kind* of expression (kinds are lower case, atoms upper case):

  date     "23 июня", "23 июн. 2024 г.", "в воскресенье, 23 июня", "31 августа, в четверг",
           "сегодня, 24 июня", "12 февраля с.г."
  numeric  "23.06.2024", "23.06.24", "2024-06-23"
  month    "июнь 2024", "в июне" (a bare month must be lower case: "Марта" is a name)
  year     "в 2023 году", "2024 г.", "в 2024-м"
  decade   "в 1990-х годах", "90-е годы"
  list     "24, 25 и 26 июня", "в 2019 и 2020 годах", "в мае и июне"
  range    "с 1 по 5 мая", "1–5 мая", "с 1 мая по 5 июня", "в 2023–2024 годах", "с мая по июль"
  shift    "вчера", "сегодня утром", "накануне вечером"
  unit     "на прошлой неделе", "в прошлом месяце", "в этом году"
  weekday  "в воскресенье", "в прошлый вторник", "в ночь на субботу"
  weekend  "в минувшие выходные", "на выходных"
  ago      "два дня назад", "неделю назад", "через месяц"

The parser uses yargy's plain `Tokenizer` (no morphology: every form is in
`vocab`), and is built once at import. Yargy is slow on long text, so
`find_expressions` runs it only on sentences a fast regex (`TRIGGER`) flags.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field

from yargy import Parser, and_, or_, rule
from yargy.parser import Chart
from yargy.rule.bnf import is_rule
from yargy.predicates import custom, eq, gte, in_, in_caseless, is_lower, lte, type as token_type
from yargy.tokenizer import Tokenizer
from yargy.tree.constructors import Leaf

from ... import data
from . import vocab as V

# Function words by role ("in": в во, "from": с со от…), see data/dates/grammar_words.txt.
W = {row[0]: set(row[1:]) for row in data.rows("dates/grammar_words.txt")}

# ---------------------------------------------------------------- pre-filter

# A sentence is parsed only if it holds one of these: a month or weekday stem,
# a relative keyword, a 4-digit number or a dd.mm. numeric date.
TRIGGER = re.compile(
    r"(?i)(?<![а-яё])(?:янв|фев|мар[тея]|апр|ма[йяею]|июн|июл|авг|сен|окт|ноя|дек|"
    r"понедельн|вторник|сред[уаые]\b|четверг|пятниц|суббот|воскресен|"
    r"сегодня|вчера|позавчера|завтра|послезавтра|накануне|недел|месяц|год|лет\b|выходн|назад|через)"
    r"|\d{4}|\d{1,2}\.\d{2}\."
)

# Times ("10:15") and decimals ("12,5") are masked before parsing, with the
# same length, so "в 10:15, 23 июня" cannot read "15, 23 июня" as a list.
MASK = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b|\b\d+,\d+\b")


def mask(text: str) -> str:
    """Blank out times and decimals, keeping offsets."""
    return MASK.sub(lambda m: "#" * len(m.group()), text)


# ---------------------------------------------------------------- atoms


def _int_between(low: int, high: int, digits: tuple[int, ...] | None = None):
    """An INT token in [low, high], optionally with a given number of digits."""
    checks = [token_type("INT"), gte(low), lte(high)]
    if digits:
        checks.append(custom(lambda value: len(value) in digits))
    return and_(*checks)


DASH = in_({"-", "–", "—"})
PREP_IN = in_caseless(W["in"])
COMMA = eq(",")

DAY = rule(_int_between(1, 31, (1, 2)), rule(eq("-"), in_caseless(W["day_suffix"])).optional()).named("DAY")
MONTH = rule(in_caseless(set(V.MONTHS))).named("MONTH")
MONTH_LOWER = rule(and_(in_caseless(set(V.MONTHS)), is_lower())).named("MONTH")
MONTH_ABBR = rule(in_caseless(set(V.MONTH_ABBRS)), eq(".").optional()).named("MONTH")
MONTH_IN_DATE = or_(MONTH, MONTH_ABBR)
MONTH_NUM = rule(_int_between(1, 12, (2,))).named("MONTH_NUM")
YEAR = rule(_int_between(1000, 2100, (4,))).named("YEAR")
YEAR2 = rule(_int_between(0, 99, (2,))).named("YEAR2")
YEAR_WORD = or_(rule(in_caseless(W["year_abbr"]), eq(".").optional()), rule(in_caseless(V.YEAR_WORDS)))
YEAR_SUFFIX = rule(DASH, in_caseless(W["year_suffix"]))
YEAR_PHRASE = rule(YEAR, YEAR_SUFFIX.optional(), YEAR_WORD.optional())
YEAR_OF = in_caseless(W["year_of"])  # "в феврале прошлого года"
WEEKDAY = rule(in_caseless(set(V.WEEKDAYS))).named("WEEKDAY")
THIS_YEAR = rule(eq("с"), eq("."), eq("г"), eq(".")).named("THIS_YEAR")  # "12 февраля с.г." (сего года)
SHIFT = rule(in_caseless(set(V.SHIFTS))).named("SHIFT")
PART = rule(in_caseless(set(V.PARTS_OF_DAY))).named("PART")
MOD = rule(in_caseless(set(V.MODIFIERS))).named("MOD")
UNIT = rule(in_caseless(set(V.UNITS))).named("UNIT")
COUNT = or_(rule(_int_between(1, 99)), rule(in_caseless(set(V.COUNT_WORDS)))).named("COUNT")

# ---------------------------------------------------------------- kinds

WEEKDAY_BEFORE = rule(PREP_IN.optional(), WEEKDAY, COMMA.optional())
WEEKDAY_AFTER = or_(rule(eq("("), WEEKDAY, eq(")")), rule(COMMA, PREP_IN, WEEKDAY))  # "31 августа, в четверг"
SHIFT_BEFORE = rule(SHIFT, PART.optional(), COMMA.optional())

DATE = rule(
    or_(WEEKDAY_BEFORE, SHIFT_BEFORE).optional(),
    DAY, MONTH_IN_DATE, or_(YEAR_PHRASE, rule(MOD, YEAR_OF), THIS_YEAR).optional(),
    WEEKDAY_AFTER.optional(),
).named("date")

NUMERIC = or_(
    rule(DAY, eq("."), MONTH_NUM, eq("."), or_(YEAR, YEAR2), YEAR_WORD.optional()),
    rule(YEAR, eq("-"), MONTH_NUM, eq("-"), DAY),
).named("numeric")

MONTH_DATE = or_(
    rule(PREP_IN.optional(), MONTH, YEAR_PHRASE),
    rule(PREP_IN.optional(), MONTH_LOWER),
    rule(PREP_IN.optional(), MONTH, MOD, YEAR_OF),
    rule(PREP_IN.optional(), MONTH, THIS_YEAR),
).named("month")

YEAR_DATE = or_(
    rule(PREP_IN.optional(), YEAR, YEAR_SUFFIX.optional(), YEAR_WORD),
    rule(PREP_IN, YEAR, YEAR_SUFFIX),
).named("year")

DECADE = rule(
    PREP_IN.optional(),
    or_(rule(_int_between(1000, 2090, (4,))), rule(_int_between(0, 90, (2,)))).named("DECADE"),
    DASH, in_caseless(W["decade_suffix"]), YEAR_WORD.optional(),
).named("decade")

LIST_SEP = or_(rule(COMMA), rule(in_caseless(W["or"])), rule(COMMA, in_caseless(W["and_also"])))
LIST = or_(
    rule(DAY, rule(LIST_SEP, DAY).repeatable(), MONTH_IN_DATE, YEAR_PHRASE.optional()),
    rule(PREP_IN.optional(), YEAR, rule(LIST_SEP, YEAR).repeatable(), YEAR_WORD),
    rule(PREP_IN.optional(), MONTH_LOWER, rule(LIST_SEP, MONTH).repeatable(), YEAR_PHRASE.optional()),
).named("list")

RANGE_FROM = in_caseless(W["from"])
RANGE_TO = in_caseless(W["to"])
DAY_FROM = rule(DAY, MONTH_IN_DATE.optional(), YEAR_PHRASE.optional()).named("FROM")
DAY_TO = rule(DAY, MONTH_IN_DATE, YEAR_PHRASE.optional()).named("TO")
MONTH_FROM = rule(MONTH, YEAR_PHRASE.optional()).named("FROM")
MONTH_TO = rule(MONTH, YEAR_PHRASE.optional()).named("TO")
RANGE = or_(
    rule(RANGE_FROM, DAY_FROM, RANGE_TO, DAY_TO),
    rule(DAY_FROM, DASH, DAY_TO),
    rule(RANGE_FROM, MONTH_FROM, RANGE_TO, MONTH_TO),
    rule(PREP_IN.optional(), MONTH_FROM, DASH, MONTH_TO),
    rule(or_(PREP_IN, RANGE_FROM).optional(), rule(YEAR).named("FROM"), or_(DASH, RANGE_TO),
         rule(YEAR).named("TO"), YEAR_SUFFIX.optional(), YEAR_WORD),
    rule(RANGE_FROM, rule(YEAR).named("FROM"), RANGE_TO, rule(YEAR).named("TO")),
).named("range")

SHIFT_DATE = rule(SHIFT, PART.optional()).named("shift")

UNIT_DATE = rule(in_caseless(W["in_on"]), MOD, UNIT).named("unit")

WEEKDAY_DATE = or_(
    rule(PREP_IN, MOD.optional(), WEEKDAY, PART.optional()),
    rule(PREP_IN, in_caseless(W["night"]), in_caseless(W["on"]), WEEKDAY),
    rule(PREP_IN, in_caseless(W["night"]), in_caseless(W["since"]), rule(in_caseless(set(V.WEEKDAYS))),
         in_caseless(W["on"]), WEEKDAY),
).named("weekday")

WEEKEND_DATE = rule(
    in_caseless(W["in_on"]), MOD.optional(), rule(in_caseless(W["weekend_in"] | W["weekend_on"])).named("WEEKEND"),
).named("weekend")

AGO_DATE = or_(
    rule(COUNT.optional(), UNIT, rule(in_caseless(W["ago"])).named("DIRECTION")),
    rule(rule(in_caseless(W["after"])).named("DIRECTION"), COUNT.optional(), UNIT),
).named("ago")

KINDS = [DATE, NUMERIC, MONTH_DATE, YEAR_DATE, DECADE, LIST, RANGE,
         SHIFT_DATE, UNIT_DATE, WEEKDAY_DATE, WEEKEND_DATE, AGO_DATE]



class AnchoredParser(Parser):
    """yargy's Earley parser, run from one token at a time: longest match there.

    Stock `Parser.findall` predicts every rule at every token and then
    normalizes every tree; on this grammar that cost ~1.5 ms per token. Here
    `find_expressions` first cuts small windows around date words (see
    `windows`); inside a window a parse starts only at a token that can begin
    a date (checked on the first two tokens, see `START`), predicting only
    the kinds that can begin with that token; the longest complete match wins
    and parsing goes on after it. The chart loop is yargy's own
    (`Parser.chart`) with prediction restricted to the first column.
    """

    def __init__(self, groups: dict[str, list], start: dict[str, tuple[str, set[str] | None]], **kwargs):
        super().__init__(or_(*KINDS), **kwargs)
        context_free = {name: Parser(or_(*kinds), tokenizer=self.tokenizer).rule for name, kinds in groups.items()}
        self.groups = context_free
        self.start = start

    def start_rule(self, tokens: list, index: int):
        """The grammar to predict at tokens[index], or None if no date begins there.

        `start` maps a first word (or "INT") to (group of kinds, words
        allowed second); "4DIGIT" stands for a year-like number and a None
        set for anything.
        """
        token = tokens[index]
        key = "INT" if token.type == "INT" else token.value.lower()
        if key not in self.start:
            return None
        group, follow = self.start[key]
        if follow is not None:
            if index + 1 >= len(tokens):
                return None
            after = tokens[index + 1]
            if after.type == "INT":
                allowed = "INT" in follow or ("4DIGIT" in follow and len(after.value) == 4)
            else:
                allowed = after.value.lower() in follow
            if not allowed:
                return None
        return self.groups[group]

    def longest_at(self, tokens: list, start_rule):
        """(tree root node, number of tokens) of the longest match at tokens[0]."""
        chart = Chart(tokens)
        best = None
        for column, next_column in chart:
            if column.first and next_column is not None:
                self.predict(column, next_column, start_rule)
            if not column.states and not column.first:
                break
            for state in column:
                if state.completed:
                    self.complete(column, state)
                    if state.rule is start_rule and state.start_column.first:
                        best = (state.node, column.index)
                else:
                    next_term = state.next_term
                    if is_rule(next_term):
                        self.predict(column, next_column, next_term)
                    elif next_column:
                        self.scan(next_column, next_term, state)
        return best

    def find(self, text: str):
        """All longest, non-overlapping matches in `text`, left to right."""
        tokens = list(self.tokenizer(text))
        index = 0
        while index < len(tokens):
            start_rule = self.start_rule(tokens, index)
            found = self.longest_at(tokens[index:], start_rule) if start_rule is not None else None
            if found:
                node, size = found
                yield node, tokens[index:index + size]
                index += size
            else:
                index += 1


# Which kinds can begin with which kind of first token.
GROUPS = {
    "number": [DATE, NUMERIC, YEAR_DATE, DECADE, LIST, RANGE, AGO_DATE],
    "in": [DATE, MONTH_DATE, YEAR_DATE, DECADE, LIST, RANGE, UNIT_DATE, WEEKDAY_DATE, WEEKEND_DATE],
    "on": [UNIT_DATE, WEEKEND_DATE],
    "from": [RANGE],
    "month": [MONTH_DATE, LIST, RANGE],
    "weekday": [DATE],
    "shift": [DATE, SHIFT_DATE],
    "ago": [AGO_DATE],
}


def _start() -> dict[str, tuple[str, set[str] | None]]:
    """First word -> (its group in GROUPS, words allowed second), read off the rules above."""
    months = set(V.MONTHS)
    after_number = (months | set(V.MONTH_ABBRS) | {"-", "–", "—"} | V.YEAR_WORDS | set(V.UNITS)
                    | {".", ","} | W["or"] | W["to"] | W["year_abbr"])
    start: dict[str, tuple[str, set[str] | None]] = {"INT": ("number", after_number)}
    for word in W["in"]:
        start[word] = ("in", months | set(V.WEEKDAYS) | set(V.MODIFIERS) | W["night"] | W["weekend_in"] | {"4DIGIT"})
    for word in W["on"]:
        start[word] = ("on", set(V.MODIFIERS) | W["weekend_on"])
    for word in W["from"]:
        start[word] = ("from", months | {"INT"})
    start.update({word: ("ago", W["ago"]) for word in V.UNITS})
    start.update({word: ("ago", set(V.UNITS)) for word in V.COUNT_WORDS})
    start.update({word: ("ago", None) for word in W["after"]})
    start.update({word: ("month", None) for word in months})
    start.update({word: ("weekday", None) for word in V.WEEKDAYS})
    start.update({word: ("shift", None) for word in V.SHIFTS})
    return start


PARSER = AnchoredParser(GROUPS, _start(), tokenizer=Tokenizer())

# ---------------------------------------------------------------- windows

# Words that may stand next to a date word inside one date expression: a
# window grows from each TRIGGER hit over these (and numbers) only.
_GLUE = {",", ".", "(", ")", "-", "–", "—"}.union(*(words for name, words in W.items() if name != "year_of"))
GLUE = (_GLUE | set(V.MONTHS) | set(V.MONTH_ABBRS) | set(V.WEEKDAYS) | set(V.SHIFTS) | set(V.PARTS_OF_DAY)
        | set(V.MODIFIERS) | set(V.UNITS) | V.YEAR_WORDS | set(V.COUNT_WORDS))
WORD = re.compile(r"\w+|[^\w\s]")


REACH = 80  # characters looked at on each side of a hit


def _grow_left(text: str, start: int) -> int:
    """Move `start` left over the GLUE words and numbers just before it."""
    words = list(WORD.finditer(text, max(0, start - REACH), start))
    for word in reversed(words):
        value = word.group().lower()
        if not (value in GLUE or value.isdigit()) or text[word.end():start].strip():
            break
        start = word.start()
    return start


def _grow_right(text: str, stop: int) -> int:
    """Move `stop` right over the GLUE words and numbers just after it."""
    for word in WORD.finditer(text, stop, min(len(text), stop + REACH)):
        value = word.group().lower()
        if not (value in GLUE or value.isdigit()) or text[stop:word.start()].strip():
            break
        stop = word.end()
    return stop


def windows(text: str) -> list[tuple[int, int]]:
    """Character spans around TRIGGER hits, grown over GLUE words and numbers."""
    spans: list[list[int]] = []
    for hit in TRIGGER.finditer(text):
        if spans and hit.start() < spans[-1][1]:
            continue
        word = WORD.match(text, hit.start())
        start = _grow_left(text, hit.start())
        stop = _grow_right(text, word.end() if word else hit.end())
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], stop)
        else:
            spans.append([start, stop])
    return [(start, stop) for start, stop in spans]


# ---------------------------------------------------------------- reading

ATOMS = {"DAY", "MONTH", "MONTH_NUM", "YEAR", "YEAR2", "WEEKDAY", "SHIFT", "PART", "MOD", "THIS_YEAR",
         "UNIT", "COUNT", "DIRECTION", "WEEKEND", "DECADE"}
RANGE_ENDS = {"FROM", "TO"}


@dataclass
class Part:
    """One calendar point as written: any field may be missing."""

    start: int
    stop: int
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None


@dataclass
class Expr:
    """One recognised expression, offsets into the parsed string.

    `parts`: one Part (DATE, NUMERIC, MONTH, YEAR, DECADE), one per item
    (LIST) or [from, to] (RANGE). `rel`: the relative reading (shift, unit,
    modifier, weekday, count, direction, part of day) for relative kinds.
    """

    kind: str
    start: int
    stop: int
    text: str
    parts: list[Part] = field(default_factory=list)
    rel: dict = field(default_factory=dict)
    sent: int = 0  # index of its sentence (set by the caller)
    future: bool = False  # its clause speaks of the future (set by the caller)
    tense: str | None = None  # "future", "past" or None: its clause's tense (set by the caller)


@dataclass
class Atom:
    name: str
    value: str
    start: int
    stop: int
    group: str | None


def _atoms(node, group=None) -> list[Atom]:
    """The named leaves of a yargy tree in order, with their FROM/TO group."""
    if isinstance(node, Leaf):
        return []
    name = getattr(node.rule, "name", None)
    if name in RANGE_ENDS:
        group = name
    if name in ATOMS:
        leaves = [leaf.token for leaf in _leaves(node)]
        return [Atom(name, leaves[0].value.lower(), leaves[0].span.start, leaves[-1].span.stop, group)]
    return [atom for child in node.children for atom in _atoms(child, group)]


def _leaves(node):
    if isinstance(node, Leaf):
        yield node
        return
    for child in node.children:
        yield from _leaves(child)


def _year2(value: str) -> int:
    """Two-digit year: 00–49 -> 2000s, 50–99 -> 1900s (news rarely cite 1949)."""
    number = int(value)
    return 2000 + number if number < 50 else 1900 + number


def _fill(part: Part, atom: Atom) -> None:
    """Copy one atom's meaning into a Part."""
    if atom.name == "DAY":
        part.day = int(re.match(r"\d+", atom.value).group())
    elif atom.name == "MONTH":
        part.month = V.MONTHS.get(atom.value) or V.MONTH_ABBRS.get(atom.value)
    elif atom.name == "MONTH_NUM":
        part.month = int(atom.value)
    elif atom.name == "YEAR":
        part.year = int(atom.value)
    elif atom.name == "YEAR2":
        part.year = _year2(atom.value)
    elif atom.name == "WEEKDAY":
        part.weekday = V.WEEKDAYS[atom.value]


def _part(atoms: list[Atom], start: int, stop: int) -> Part:
    part = Part(start, stop)
    for atom in atoms:
        _fill(part, atom)
    return part


def _read_single(expr: Expr, atoms: list[Atom]) -> Expr:
    expr.parts = [_part(atoms, expr.start, expr.stop)]
    shift = next((a for a in atoms if a.name == "SHIFT"), None)
    if shift:  # "сегодня, 24 июня": the date also fixes the anchor
        expr.rel = {"shift": V.SHIFTS[shift.value]}
    modifier = next((a for a in atoms if a.name == "MOD"), None)
    if modifier:  # "в феврале прошлого года": the year is relative to the anchor
        expr.rel = {"year_modifier": V.MODIFIERS[modifier.value]}
    if any(a.name == "THIS_YEAR" for a in atoms):  # "12 февраля с.г.": this year
        expr.rel = {"year_modifier": 0}
    return expr


def _read_list(expr: Expr, atoms: list[Atom]) -> Expr:
    """One Part per repeated atom; the shared atoms (month, year) go to all."""
    names = [a.name for a in atoms]
    item = next(n for n in ("DAY", "MONTH", "YEAR") if names.count(n) > 1)
    items = [a for a in atoms if a.name == item]
    shared = [a for a in atoms if a.name != item]
    for index, atom in enumerate(items):
        start = expr.start if index == 0 else atom.start
        stop = expr.stop if index == len(items) - 1 else atom.stop
        expr.parts.append(_part(shared + [atom], start, stop))
    return expr


def _read_range(expr: Expr, atoms: list[Atom]) -> Expr:
    ends = []
    for group in ("FROM", "TO"):
        mine = [a for a in atoms if a.group == group]
        ends.append(_part(mine, mine[0].start, mine[-1].stop))
    # "в 2023–2024 годах": a YEAR word after TO belongs to both ends already.
    expr.parts = ends
    return expr


def _read_decade(expr: Expr, atoms: list[Atom]) -> Expr | None:
    value = int(atoms[0].value)
    year = value if value >= 1000 else 1900 + value
    if year % 10:
        return None
    expr.parts = [Part(expr.start, expr.stop, year=year)]
    return expr


def _read_relative(expr: Expr, atoms: list[Atom]) -> Expr | None:
    rel: dict = {}
    for atom in atoms:
        if atom.name == "SHIFT":
            rel["shift"] = V.SHIFTS[atom.value]
            rel["word"] = atom.value
        elif atom.name == "PART":
            rel["part_of_day"] = V.PARTS_OF_DAY[atom.value]
        elif atom.name == "MOD":
            rel["modifier"] = V.MODIFIERS[atom.value]
        elif atom.name == "UNIT":
            rel["unit"] = V.UNITS[atom.value]
            rel["unit_word"] = atom.value
        elif atom.name == "WEEKDAY":
            rel["weekday"] = V.WEEKDAYS[atom.value]
        elif atom.name == "COUNT":
            rel["count"] = int(atom.value) if atom.value.isdigit() else V.COUNT_WORDS[atom.value]
        elif atom.name == "DIRECTION":
            rel["direction"] = -1 if atom.value in W["ago"] else 1
    expr.rel = rel
    if expr.kind == "ago" and "count" not in rel and rel["unit_word"] not in V.SINGLE_UNITS:
        return None  # "(пару / много) лет назад": the number is missing or vague
    return expr


READERS = {
    "date": _read_single, "numeric": _read_single, "month": _read_single, "year": _read_single,
    "decade": _read_decade, "list": _read_list, "range": _read_range,
    "shift": _read_relative, "unit": _read_relative, "weekday": _read_relative,
    "weekend": _read_relative, "ago": _read_relative,
}


def _contiguous(tokens) -> bool:
    """Numeric dates must be written without spaces ("23.06.2024")."""
    return all(a.span.stop == b.span.start for a, b in zip(tokens, tokens[1:]) if b.type != "RU")


def _kind_node(node):
    """The first node below the root named after a kind (the root is or_)."""
    while getattr(node.rule, "name", None) not in READERS:
        node = node.children[0]
    return node


def _read(node, tokens, text: str, offset: int) -> Expr | None:
    """A matched tree (over `text`) -> Expr with offsets shifted by `offset`."""
    root = _kind_node(node)
    kind = root.rule.name
    if kind == "numeric" and not _contiguous(tokens):
        return None
    start, stop = tokens[0].span.start, tokens[-1].span.stop
    expr = Expr(kind, start + offset, stop + offset, text[start:stop])
    atoms = _atoms(root)
    for atom in atoms:
        atom.start += offset
        atom.stop += offset
    return READERS[kind](expr, atoms)


@lru_cache(maxsize=8192)
def _parse_window(window: str) -> tuple:
    """Matches in one window; cached, as the same phrases recur across articles."""
    return tuple(PARSER.find(window))


def find_expressions(text: str, offset: int = 0) -> list[Expr]:
    """All date expressions in `text` (offsets + `offset`), unresolved.

    Works on any length: only the small windows around date words are parsed.
    """
    if not TRIGGER.search(text):
        return []
    masked = mask(text)
    found = []
    for start, stop in windows(masked):
        for node, tokens in _parse_window(masked[start:stop]):
            expr = _read(node, tokens, text[start:stop], offset + start)
            if expr is not None:
                found.append(expr)
    return found
