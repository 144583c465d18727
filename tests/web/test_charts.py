"""The mentions chart puts bars on a real time axis."""
from __future__ import annotations

import re

from letopis.web.charts import bucket, mentions_chart


def bar_x(svg: str) -> dict[str, float]:
    """Bar title (bucket label) -> x of its rectangle."""
    return {m.group(1): float(m.group(2)) for m in
            re.finditer(r'<title>([^<:]+): \d+</title><rect x="([\d.]+)"', svg)}


def test_years_apart_are_drawn_apart():
    svg = str(mentions_chart([{"date": "2004-03-01", "count": 2}, {"date": "2014-05-02", "count": 1},
                              {"date": "2015-06-02", "count": 5}]))
    xs = bar_x(svg)
    assert set(xs) == {"2004", "2014", "2015"}
    assert xs["2014"] - xs["2004"] > 8 * (xs["2015"] - xs["2014"])  # ten years vs one
    assert ">2010<" in svg  # a year tick between


def test_days_months_and_undated():
    unit, bars, undated = bucket([{"date": "2024-06-23", "count": 2}, {"date": "2024-06-25T10:00", "count": 5},
                                  {"date": None, "count": 3}])
    assert unit == "day" and [c for _, c in bars] == [2, 5] and undated == 3
    svg = str(mentions_chart([{"date": "2024-01-10", "count": 1}, {"date": "2024-09-01", "count": 1}]))
    assert "янв 2024" in svg and "сен 2024" in svg
    assert "без даты" in str(mentions_chart([{"date": None, "count": 4}]))
    assert "Нет упоминаний" in str(mentions_chart([]))


def test_day_labels_are_russian_dates_like_the_rest_of_the_pages():
    from datetime import date

    from letopis.web.charts import label
    assert label(date(2024, 6, 23), "day") == "23 июня 2024"
