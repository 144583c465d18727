"""Calendar logic for recognised date expressions: years and anchors.

Input: the `Expr`s of one document in text order (from `grammar`),
each tagged with its sentence index and whether that sentence speaks of the
future. Output: `Resolved` values, ISO 8601 strings with a precision.

Conventions (also in the README, section "dates"):
- value: "2024-06-23" (day), "2024-06" (month), "2024" (year), an ISO 8601
  interval "2024-05-01/2024-05-05" or "2023/2024" (period). A decade is the
  period "1990/1999". A week is the period Monday/Sunday.
- A year that cannot be inferred is written "XXXX" (ISO 8601-2 / EDTF
  "unspecified digits"): "XXXX-06-23", with extra {"year_known": false}.
- An inferred year says how: extra {"year_inferred": "weekday" | "sentence" |
  "anchor" | "document"}.
- Relative expressions carry extra {"relative": true, "anchor": "2024-06-24"}
  (the date they were counted from); without an anchor their value is null
  and precision "unknown".

Year inference for a date written without a year, first rule that applies.
The wall clock never decides a year: without a publication date and without
years in the text, the year stays unknown.
1. weekday beside the date ("в воскресенье, 23 июня"): the year in which that
   day falls on that weekday, among the years the article supports: with an
   anchor, one that puts the date within half a year of it; without, the
   latest year the text names outside future clauses or a neighbour of it
   (a year named in the same sentence first);
2. an explicit year in the same sentence: the nearest one before the date
   ("в 2019 году, 5 мая"), else one just after it (within 60 characters);
3. the anchor (publication date) or, without one, the text's own present
   (its "сегодня, 24 июня 2017", else its latest weekday-confirmed date): the
   occurrence nearest it in the direction of the clause's tense: past tense
   -> a month not after it, a day at most 7 days after it, future (future verbs, "будет",
   "пройдет", "планируется", "предстоящий" without a past verb) -> not more
   than 7 days before it, no finite verb or an infinitive after "договорились",
   "намерен", "предложил"… -> nearest either way ("траур 24–26 июня");
   "прошлого года", "с.г." count from it;
4. no anchor or present: the year of a full date (day or month with year)
   up to 2 sentences before, if that year is the latest year the text names
   or the one before (a historical aside lends nothing);
5. otherwise unknown ("XXXX-06-23", {"year_known": false}).

The anchor is the publication date; without one, a "сегодня, 24 июня" /
"вчера, 23 июня" pair in the text fixes it (anchor = date − shift).
"накануне" after a date of the same sentence is the eve of that date.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from .grammar import Expr, Part

# Words that put a clause in the future whatever the tense of its verb.
FUTURE_CUE = re.compile(
    r"(?i)(?<![а-яё])(?:будет|будут|буд[её]м|пройд[её]т|пройдут|состоится|состоятся|начн[её]тся|начнутся|"
    r"продлится|продлятся|завершится|завершатся|планиру\w*|намерен\w*|"
    r"ожидается|ожидаются|станет|откроется|откроются|стартует|собирается|собираются)(?![а-яё])"
)
# Participles and adjectives of plans: future unless a past verb governs the
# clause ("предстоящих в сентябре выборов" vs "отменила намеченные на 6–7 марта").
PLANNED_CUE = re.compile(r"(?i)(?<![а-яё])(?:запланирован\w*|намечен\w*|предстоящ\w*)(?![а-яё])")

SENTENCE_YEAR_REACH = 60  # a year written after the date must be this close (chars) to lend it
NEAR_FUTURE_DAYS = 7  # a past-tense day may lie this far after the anchor, a future one this far before
WEEKDAY_REACH_DAYS = 183  # with an anchor, a weekday may move the date at most this far from it
NEARBY_SENTENCES = 2  # an undated text's yearless date borrows the year of a full date this close before


@dataclass
class Resolved:
    start: int
    stop: int
    text: str
    value: str | None
    precision: str
    extra: dict = field(default_factory=dict)


def speaks_of_future(sentence: str) -> bool:
    """A cheap cue (future-tense verbs, 'пройдет', 'планируется'…) for year/weekday choice."""
    return bool(FUTURE_CUE.search(sentence))


def speaks_of_plans(sentence: str) -> bool:
    """'предстоящий', 'запланированный', 'намеченный': future unless a past verb says otherwise."""
    return bool(PLANNED_CUE.search(sentence))


def parse_anchor(value) -> date | None:
    """A publication date (date, datetime or ISO string) -> date, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value if type(value) is date else value.date()
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


# ---------------------------------------------------------------- calendar helpers


def _valid(year: int, month: int, day: int | None) -> bool:
    return day is None or day <= calendar.monthrange(year, month)[1]


def _iso(part: Part, year: int | None) -> str:
    """A Part with a year (or None -> "XXXX") as ISO 8601 at its own precision."""
    head = f"{year:04d}" if year is not None else "XXXX"
    if part.month is None:
        return head
    if part.day is None:
        return f"{head}-{part.month:02d}"
    return f"{head}-{part.month:02d}-{part.day:02d}"


def _precision(part: Part) -> str:
    return "day" if part.day else "month" if part.month else "year"


def _add_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _weekday_years(part: Part, years) -> list[int]:
    """The years among `years` in which day/month falls on part.weekday."""
    return [y for y in years if _valid(y, part.month, part.day)
            and date(y, part.month, part.day).weekday() == part.weekday]


def _span(part: Part, year: int, stop: Part | None = None) -> tuple[date, date] | None:
    """The days a Part (or a range part..stop) covers in `year`; None if invalid there."""
    if not _valid(year, part.month, part.day):
        return None
    first = date(year, part.month, part.day or 1)
    end_part = stop or part
    end_year = year + (1 if stop is not None and _wraps(part, stop) else 0)
    if not _valid(end_year, end_part.month, end_part.day):
        return None
    last_day = end_part.day or calendar.monthrange(end_year, end_part.month)[1]
    return first, date(end_year, end_part.month, last_day)


def _anchor_year(part: Part, anchor: date, tense: str | None, stop: Part | None = None) -> int:
    """The year that puts the date nearest the anchor, in the direction of the tense.

    past: a month not after the anchor, a day at most a week after it (news
    announce the coming days: "о проведении 18 марта … последовал отказ");
    future: not more than a week before it ("запланированный на 7 марта"
    съезд in an issue of 11 March); no tense: the nearest either way ("траур
    24–26 июня", "25 мая вступает в силу"). A month or a range
    is as near as its nearest day.
    """
    best = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        span = _span(part, year, stop)
        if span is None:
            continue
        first, last = span
        if tense == "past" and first > anchor + timedelta(days=NEAR_FUTURE_DAYS if part.day else 0):
            continue
        if tense == "future" and last < anchor - timedelta(days=NEAR_FUTURE_DAYS):
            continue
        distance = 0 if first <= anchor <= last else min(abs((first - anchor).days), abs((last - anchor).days))
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else anchor.year


# ---------------------------------------------------------------- absolute expressions

DATED_KINDS = {"date", "numeric", "month", "year", "decade", "list", "range"}


def _explicit_year(expr: Expr) -> int | None:
    return next((p.year for p in expr.parts if p.year is not None), None)


def _complete_range(expr: Expr) -> None:
    """'с 1 по 5 мая 2024': the start borrows month and year from the end."""
    start, stop = expr.parts
    if start.month is None and start.day is not None:
        start.month = stop.month
    if start.year is None and stop.year is not None:
        start.year = stop.year - (1 if _wraps(start, stop) else 0)
    if stop.year is None and start.year is not None:
        stop.year = start.year + (1 if _wraps(start, stop) else 0)


def _wraps(start: Part, stop: Part) -> bool:
    """'с 28 декабря по 3 января': the end is in the next year."""
    return (start.month or 0, start.day or 0) > (stop.month or 0, stop.day or 0)


class YearInference:
    """Decides missing years for the dated expressions of one document.

    `latest`: the latest year the text names about its past or present
    (see `latest_year`): without an anchor, the years a weekday may choose
    and a nearby date may lend are this one and its neighbours.
    """

    def __init__(self, exprs: list[Expr], anchor: date | None, latest: int | None = None):
        self.exprs = exprs
        self.anchor = anchor
        self.latest = latest
        self.known: dict[int, int] = {}  # index in exprs -> year (explicit, weekday, sentence)
        self.how: dict[int, str] = {}
        self.present: date | None = None  # an undated text's own "now", if the text fixes it

    def run(self) -> None:
        dated = [i for i, e in enumerate(self.exprs) if e.kind in DATED_KINDS]
        for i in dated:
            if self.exprs[i].kind == "range":
                _complete_range(self.exprs[i])
            year = _explicit_year(self.exprs[i])
            if year is not None:
                self.known[i] = year
        for i in dated:
            if i not in self.known and "year_modifier" not in self.exprs[i].rel:
                self._local(i)
        self.present = self.anchor or self._present()
        for i in dated:
            if i in self.known or i in self.how and self.how[i] != "unknown":
                continue
            if "year_modifier" in self.exprs[i].rel:  # "в феврале прошлого года"
                self._relative_year(i)
            else:
                self._global(i)

    def _relative_year(self, i: int) -> None:
        if self.present is None:
            self.how[i] = "unknown"
        else:
            self.known[i] = self.present.year + self.exprs[i].rel["year_modifier"]
            self.how[i] = "anchor" if self.anchor else "document"

    def _local(self, i: int) -> None:
        """Rules 1–2: a weekday beside the date, a year in the same sentence."""
        expr = self.exprs[i]
        key = expr.parts[0]
        if key.weekday is not None and key.day and key.month:
            year = self._weekday_year(expr)
            if year is not None:
                self.known[i], self.how[i] = year, "weekday"
                return
        explicit = [j for j in self.known if self.exprs[j].sent == expr.sent and j not in self.how
                    and self.exprs[j].kind != "decade"]
        before = [j for j in explicit if j < i]
        after = [j for j in explicit if j > i and self.exprs[j].start - expr.stop <= SENTENCE_YEAR_REACH]
        source = max(before) if before else (min(after) if after else None)
        if source is not None:
            self.known[i], self.how[i] = self.known[source], "sentence"

    def _weekday_year(self, expr: Expr) -> int | None:
        """The year the weekday fixes, among the years the text supports.

        With an anchor: a year that puts the date within half a year of the
        anchor. Without: a year the text names (the one named nearest the
        date), else the one neighbour of the latest year it names that fits
        ("в первой половине 2018 года" beside "в понедельник, 18 декабря":
        2017). A weekday never picks a year by itself: no supported year, no year.
        """
        part = expr.parts[0]
        if self.anchor is not None:
            years = [y for y in _weekday_years(part, range(self.anchor.year - 1, self.anchor.year + 2))
                     if abs((date(y, part.month, part.day) - self.anchor).days) <= WEEKDAY_REACH_DAYS]
            return years[0] if years else None
        if self.latest is None:
            return None
        years = _weekday_years(part, (self.latest - 1, self.latest, self.latest + 1))
        here = [y for y in years if any(self.exprs[j].sent == expr.sent for j in self.known if self.known[j] == y)]
        return min(here or years, key=lambda y: (abs(y - self.latest), -y), default=None)

    def _days(self):
        """(expr, its day) for every single day whose year is known."""
        for i, expr in enumerate(self.exprs):
            part = expr.parts[0] if expr.parts else None
            year = self.known.get(i)
            if expr.kind == "date" and year is not None and part.day and _valid(year, part.month, part.day):
                yield expr, date(year, part.month, part.day)

    def text_anchor(self) -> date | None:
        """'сегодня, 24 июня' with a known year fixes the anchor of a dateless article."""
        return next((day - timedelta(days=expr.rel["shift"]) for expr, day in self._days() if "shift" in expr.rel),
                    None)

    def _present(self) -> date | None:
        """An undated text's "now": its text anchor, else its latest date a weekday confirms.

        News name the weekday of the days they report ("во вторник, 26
        декабря"), so the latest such day is close to the time of writing.
        """
        fixed = [day for expr, day in self._days() if expr.parts[0].weekday == day.weekday()]
        return self.text_anchor() or (max(fixed) if fixed else None)

    def _global(self, i: int) -> None:
        """Rules 3–5: the anchor (or the text's own present), else a dated sentence nearby."""
        expr = self.exprs[i]
        stop = expr.parts[1] if expr.kind == "range" else None
        if self.present is not None:
            self.how[i] = "anchor" if self.anchor else "document"
            self.known[i] = _anchor_year(expr.parts[0], self.present, expr.tense, stop)
            return
        near = [j for j in self.known if j < i and self.how.get(j) is None and self.exprs[j].parts[0].month
                and expr.sent - NEARBY_SENTENCES <= self.exprs[j].sent
                and self.latest is not None and self.latest - 1 <= self.known[j] <= self.latest]
        source = max(near) if near else None
        if source is not None:
            self.known[i], self.how[i] = self.known[source], "document"
        else:
            self.how[i] = "unknown"

    def year(self, i: int) -> int | None:
        return self.known.get(i)


def _fill_years(expr: Expr, year: int | None) -> None:
    """Give every Part without a year the expression's year (range-aware)."""
    if expr.kind == "range":
        start, stop = expr.parts
        if start.year is None and stop.year is None and year is not None:
            start.year = year
        _complete_range(expr)
        return
    for part in expr.parts:
        if part.year is None:
            part.year = year


def _dated(expr: Expr, year: int | None, how: str | None) -> list[Resolved]:
    """Resolved values of one dated expression (one per list item)."""
    if expr.kind == "range":
        _complete_range(expr)
    _fill_years(expr, year)
    extra = {}
    if how == "unknown" or (year is None and _explicit_year(expr) is None):
        extra["year_known"] = False
    elif how:
        extra["year_inferred"] = how
    if any(p.year is not None and p.month and not _valid(p.year, p.month, p.day) for p in expr.parts):
        return []
    if expr.kind == "range":
        start, stop = expr.parts
        value = f"{_iso(start, start.year)}/{_iso(stop, stop.year)}"
        return [Resolved(expr.start, expr.stop, expr.text, value, "period", extra)]
    if expr.kind == "decade":
        part = expr.parts[0]
        return [Resolved(expr.start, expr.stop, expr.text, f"{part.year}/{part.year + 9}", "period", {})]
    out = []
    for part in expr.parts:
        mine = dict(extra)
        if part.weekday is not None and part.year is not None and part.day and part.month \
                and date(part.year, part.month, part.day).weekday() != part.weekday:
            mine["weekday_mismatch"] = True
        out.append(Resolved(part.start, part.stop, "", _iso(part, part.year), _precision(part), mine))
    return out


# ---------------------------------------------------------------- relative expressions


def _weekday_date(anchor: date, weekday: int, modifier: int | None, future: bool) -> date:
    """'в воскресенье' / 'в прошлый вторник' / 'в следующую среду' from the anchor."""
    back = (anchor.weekday() - weekday) % 7  # 0..6 days back
    ahead = (weekday - anchor.weekday()) % 7  # 0..6 days ahead
    if modifier is not None and modifier < 0:
        return anchor - timedelta(days=back or 7)
    if modifier is not None and modifier > 0:
        return anchor + timedelta(days=ahead or 7)
    if modifier == 0 or future:
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=back)


def _weekend(anchor: date, modifier: int | None, future: bool) -> tuple[date, date]:
    past = (modifier is not None and modifier < 0) or (modifier is None and not future)
    if past:
        sunday = anchor - timedelta(days=(anchor.weekday() - 6) % 7)
        if sunday == anchor and modifier is not None:
            sunday -= timedelta(days=7)
    else:
        sunday = anchor + timedelta(days=(6 - anchor.weekday()) % 7 or 7)
    return sunday - timedelta(days=1), sunday


def _unit_value(anchor: date, unit: str, amount: int) -> tuple[str, str] | None:
    """The calendar unit `amount` units from the anchor's: value, precision."""
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=amount)
        return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}", "period"
    if unit == "month":
        year, month = _add_months(anchor, amount)
        return f"{year:04d}-{month:02d}", "month"
    if unit == "year":
        return f"{anchor.year + amount:04d}", "year"
    return None


def _relative_value(expr: Expr, anchor: date) -> tuple[str, str] | None:
    rel = expr.rel
    if expr.kind == "shift":
        return (anchor + timedelta(days=rel["shift"])).isoformat(), "day"
    if expr.kind == "unit":
        return _unit_value(anchor, rel["unit"], rel["modifier"])
    if expr.kind == "weekday":
        return _weekday_date(anchor, rel["weekday"], rel.get("modifier"), expr.future).isoformat(), "day"
    if expr.kind == "weekend":
        saturday, sunday = _weekend(anchor, rel.get("modifier"), expr.future)
        return f"{saturday.isoformat()}/{sunday.isoformat()}", "period"
    if expr.kind == "ago":
        amount = rel.get("count") or 1
        amount *= rel["direction"]
        if rel["unit"] in ("day", "week"):
            days = amount * (7 if rel["unit"] == "week" else 1)
            return (anchor + timedelta(days=days)).isoformat(), "day"
        return _unit_value(anchor, rel["unit"], amount)
    return None


def _relative(expr: Expr, anchor: date | None) -> list[Resolved]:
    extra = {"relative": True}
    if "part_of_day" in expr.rel:
        extra["part_of_day"] = expr.rel["part_of_day"]
    if expr.kind == "unit" and expr.rel.get("unit") == "day":
        return []  # "в этот день" points back to a date in the text, not to the anchor
    result = _relative_value(expr, anchor) if anchor is not None else None
    value, precision = result if result else (None, "unknown")
    if result:
        extra["anchor"] = anchor.isoformat()
    return [Resolved(expr.start, expr.stop, expr.text, value, precision, extra)]


# ---------------------------------------------------------------- the document


# "ЧМ-2018", "Олимпиады-2014", "РЭН-2017": a named event's year is year evidence.
EVENT_YEAR = re.compile(r"(?<![\w-])[А-ЯЁA-Z][\wА-Яа-яЁё]*-((?:19|20)\d\d)(?![\d\w])")


def latest_year(exprs: list[Expr], text: str) -> int | None:
    """The latest year an undated text names outside future clauses (else of a named event).

    News tell of their present and recent past, so this year or the one
    after it is most likely the time of writing; "к 2056 году" (a future
    clause) says nothing of it.
    """
    years = [part.year for expr in exprs if expr.kind in DATED_KINDS and not expr.future
             for part in expr.parts if part.year is not None]
    if not years:
        years = [int(match.group(1)) for match in EVENT_YEAR.finditer(text)]
    return max(years, default=None)


def resolve(exprs: list[Expr], text: str, anchor: date | None, today: date | None = None) -> list[Resolved]:
    """Resolve a document's expressions (text order) into ISO values.

    `text` is the string the offsets point into; `anchor` the publication
    date or None. `today` is accepted for compatibility and ignored: the
    wall clock never decides a year.
    """
    inference = YearInference(exprs, anchor, latest_year(exprs, text) if anchor is None else None)
    inference.run()
    anchor_for_relative = anchor if anchor is not None else inference.text_anchor()
    out: list[Resolved] = []
    last_day: dict[int, date] = {}  # sentence -> its latest resolved day
    for i, expr in enumerate(exprs):
        if expr.kind in DATED_KINDS:
            resolved = _dated(expr, inference.year(i), inference.how.get(i))
            for item in resolved:
                if item.precision == "day" and not item.value.startswith("X"):
                    last_day[expr.sent] = date.fromisoformat(item.value)
        elif expr.rel.get("word") == "накануне" and expr.sent in last_day:  # one word, not a list
            # "вышел в прокат 16 марта, накануне …": the eve of that date
            resolved = _relative(expr, last_day[expr.sent])
        elif anchor_for_relative is None and expr.kind == "unit" and expr.rel.get("unit") == "year":
            resolved = _relative(expr, inference.present)  # "в прошлом году": the year is enough
        else:
            resolved = _relative(expr, anchor_for_relative)
        for item in resolved:
            item.text = text[item.start:item.stop]
        out.extend(resolved)
    return out
