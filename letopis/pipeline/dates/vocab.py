"""Word lists for the dates grammar: month, weekday and relative-date forms.

The lists live in `letopis/data/dates/`, written out (not generated with
pymorphy3 at import) so the grammar loads instantly and the matching needs
no morphology: every form a date phrase actually takes in news text is
listed there. A table file has one value a line, then its forms
("3 март марта марте марту мартом").
"""
from __future__ import annotations

from ... import data


def _forms(name: str, value=int) -> dict:
    """A table file -> {form: value} (lower case)."""
    return {form: value(row[0]) for row in data.rows(f"dates/{name}.txt") for form in row[1:]}


MONTHS = _forms("months")
MONTH_ABBRS = _forms("month_abbrs")  # only right after a day number ("23 июн.")
WEEKDAYS = _forms("weekdays")  # Python's weekday(): Monday = 0
SHIFTS = _forms("shifts")  # days relative to the anchor (publication date)
PARTS_OF_DAY = _forms("parts_of_day", str)
MODIFIERS = _forms("modifiers")  # -2 before last, -1 last, 0 this, +1 next
UNITS = _forms("units", str)
YEAR_WORDS = set(data.words("dates/year_words.txt"))  # "2024 года", "в 2023–2024 годах"
COUNT_WORDS = _forms("count_words")
SINGLE_UNITS = set(data.words("dates/single_units.txt"))  # "год назад"; "лет назад" needs a number
