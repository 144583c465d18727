"""Charts drawn on the server as inline SVG: no JavaScript, no network.

An entity's mentions over time become bars on a real time axis: a bar
stands where its day (or month, or year, when the span is long) falls, so
2004 and 2015 are eleven years apart on the page, not neighbours. Mentions
in undated articles get their own "без даты" bar beyond the axis, so the
count is never silently lost.
"""
from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from markupsafe import Markup, escape

from .. import data

WIDTH, HEIGHT = 640, 180
PAD_LEFT, PAD_RIGHT, PAD_BOTTOM, PAD_TOP = 36, 12, 34, 12
UNDATED_SLOT = 56  # px kept right of the axis for the undated bar
MAX_TICKS = 8
UNDATED = "без даты"
MAX_BAR = 60  # px: one or two buckets stay slim bars instead of filling the width
# Axis labels: the first three letters of each month's name in the dates stage's word list.
MONTHS = {int(row[0]): row[1][:3] for row in data.rows("dates/months.txt")}


def parse_day(value: str | None) -> date | None:
    """`YYYY-MM-DD...` (or a shorter ISO prefix) -> a date; None for anything else."""
    if not value:
        return None
    parts = str(value)[:10].split("-")
    try:
        year, month, day = (int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
        return date(year, month, day)
    except (ValueError, IndexError):
        return None


def unit_for(first: date, last: date) -> str:
    """The bar width the span allows: days up to ~3 months, months up to 5 years, then years."""
    span = (last - first).days
    return "day" if span <= 92 else "month" if span <= 5 * 366 else "year"


def start_of(day: date, unit: str) -> date:
    return day if unit == "day" else day.replace(day=1) if unit == "month" else day.replace(month=1, day=1)


def next_start(day: date, unit: str) -> date:
    """The start of the bucket after the one starting at `day`."""
    if unit == "day":
        return day + timedelta(days=1)
    if unit == "month":
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return date(day.year + 1, 1, 1)


def bucket(points: list[dict]) -> tuple[str, list[tuple[date, int]], int]:
    """(unit, [(bucket start, count)] in time order, undated count)."""
    dated = [(parse_day(p.get("date")), p["count"]) for p in points if p.get("date")]
    dated = [(d, c) for d, c in dated if d is not None]
    undated = sum(p["count"] for p in points if not p.get("date"))
    if not dated:
        return "day", [], undated
    unit = unit_for(min(d for d, _ in dated), max(d for d, _ in dated))
    counts: Counter = Counter()
    for day, count in dated:
        counts[start_of(day, unit)] += count
    return unit, sorted(counts.items()), undated


def label(day: date, unit: str) -> str:
    """A bucket as people read it: "23 июня 2024" (as every date of the pages: present.ru_date),
    "июн 2024", "2024"."""
    if unit == "day":
        from .present import ru_date
        return ru_date(day.isoformat())
    if unit == "month":
        return f"{MONTHS.get(day.month, day.month)} {day.year}"
    return str(day.year)


class Axis:
    """Maps dates to x between the first bucket's start and the last bucket's end."""

    def __init__(self, first: date, end: date, left: float, right: float):
        self.first, self.days = first, max(1, (end - first).days)
        self.left, self.width = left, right - left

    def x(self, day: date) -> float:
        return self.left + self.width * (day - self.first).days / self.days


def ticks(first: date, end: date, unit: str) -> list[tuple[date, str]]:
    """Tick dates (year starts, month starts or days), thinned to at most MAX_TICKS."""
    tick_unit = "year" if (end - first).days > 2 * 366 else "month" if (end - first).days > 62 else "day"
    found, day = [], next_start(start_of(first, tick_unit), tick_unit) if start_of(first, tick_unit) < first else first
    while day < end and len(found) < 400:  # `end` is the last bucket's exclusive bound
        found.append(day)
        day = next_start(day, tick_unit)
    step = max(1, -(-len(found) // MAX_TICKS))
    if tick_unit == "day" and found and found[0].year == found[-1].year:
        # "15 марта" under each tick (the year once, on the first): full dates would overlap
        return [(d, label(d, "day") if i == 0 else label(d, "day").rsplit(" ", 1)[0])
                for i, d in enumerate(found[::step])]
    return [(d, label(d, tick_unit)) for d in found[::step]]


def bar(x: float, w: float, count: int, peak: int, title: str, css: str = "bar") -> str:
    """One bar with its count on top and a hover title."""
    plot_h = HEIGHT - PAD_BOTTOM - PAD_TOP
    h = max(1.0, plot_h * count / peak)
    y = HEIGHT - PAD_BOTTOM - h
    return (
        f'<g class="{css}"><title>{escape(title)}: {count}</title>'
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}"/>'
        f'<text class="count" x="{x + w / 2:.1f}" y="{y - 2:.1f}">{count}</text></g>'
    )


def mentions_chart(points: list[dict], title: str = "Упоминания по датам",
                   empty: str = "Нет упоминаний с датой.") -> Markup:
    """Inline SVG bar chart of `[{"date", "count"}]` on a time axis; the `empty` note when no data."""
    unit, bars, undated = bucket(points)
    if not bars and not undated:
        return Markup(f'<p class="empty chart-empty">{escape(empty)}</p>')
    peak = max([count for _, count in bars] + [undated]) or 1
    right = WIDTH - PAD_RIGHT - (UNDATED_SLOT if undated else 0)
    base = HEIGHT - PAD_BOTTOM
    parts = []
    if bars:
        first, end = bars[0][0], next_start(bars[-1][0], unit)
        axis = Axis(first, end, PAD_LEFT, right)
        for start, count in bars:
            x0, x1 = axis.x(start), axis.x(next_start(start, unit))
            w = min(MAX_BAR, max(2.0, (x1 - x0) * 0.8))
            parts.append(bar(x0 + (x1 - x0 - w) / 2, w, count, peak, label(start, unit)))
        for day, text in ticks(first, end, unit):
            x = axis.x(day)
            parts.append(f'<line class="tick" x1="{x:.1f}" y1="{base}" x2="{x:.1f}" y2="{base + 4}"/>'
                         f'<text class="label" x="{x:.1f}" y="{base + 16}">{escape(text)}</text>')
        parts.append(f'<line class="axis" x1="{PAD_LEFT}" y1="{base}" x2="{right:.1f}" y2="{base}"/>')
    if undated:
        x = right + 16
        parts.append(bar(x, UNDATED_SLOT - 24, undated, peak, UNDATED, css="bar undated"))
        parts.append(f'<text class="label" x="{x + (UNDATED_SLOT - 24) / 2:.1f}" y="{base + 16}">{UNDATED}</text>')
    return Markup(
        f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" xmlns="http://www.w3.org/2000/svg">'
        f'<title>{escape(title)}</title>'
        f'<text class="label" x="4" y="{PAD_TOP + 8}">{peak}</text>'
        f'{"".join(parts)}</svg>'
    )


def story_timeline(story: dict, title: str = "Хронология истории") -> Markup:
    """A story's articles on a time axis (a tick each) and the casualty figures its events
    reported, as they moved from article to article (погибли 15 -> 20 -> 22)."""
    days = [(parse_day(a.get("published")), a) for a in story.get("articles") or []]
    days = [(d, a) for d, a in days if d is not None]
    if not days:
        return Markup('<p class="empty chart-empty">У статей истории нет дат.</p>')
    first, last = days[0][0], days[-1][0]
    end = last + timedelta(days=1)
    if (end - first).days < 3:  # a story of one or two days still gets a readable axis
        first, end = first - timedelta(days=1), end + timedelta(days=1)
    axis = Axis(first, end, PAD_LEFT, WIDTH - PAD_RIGHT)
    base = HEIGHT - PAD_BOTTOM
    figures = {"killed": [], "injured": []}
    for event in story.get("events") or []:
        day = parse_day(event.get("published"))
        for key in figures:
            if day is not None and isinstance(event.get(key), int):
                figures[key].append((day, event[key]))
    peak = max([v for series in figures.values() for _, v in series] + [1])
    plot_h = HEIGHT - PAD_BOTTOM - PAD_TOP - 10
    parts = [f'<line class="axis" x1="{PAD_LEFT}" y1="{base}" x2="{WIDTH - PAD_RIGHT}" y2="{base}"/>']
    for day, article in days:
        x = axis.x(day) + axis.width / max(1, (end - first).days) / 2
        parts.append(f'<a href="/articles/{escape(article["id"])}"><g class="article-tick"><title>'
                     f'{escape(label(day, "day"))}: {escape(article.get("title") or "")}</title>'
                     f'<line x1="{x:.1f}" y1="{base}" x2="{x:.1f}" y2="{base - 8}"/></g></a>')
    for key, css, name in (("killed", "killed", "погибли"), ("injured", "injured", "пострадали")):
        series = sorted(figures[key], key=lambda item: item[0])
        if not series:
            continue
        points = [(axis.x(d) + axis.width / max(1, (end - first).days) / 2, base - plot_h * v / peak) for d, v in series]
        parts.append(f'<polyline class="{css}" points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in points)}"/>')
        for (x, y), (day, value) in zip(points, series):
            parts.append(f'<g class="figure {css}"><title>{name} {value} ({escape(label(day, "day"))})</title>'
                         f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5"/>'
                         f'<text class="count" x="{x:.1f}" y="{y - 6:.1f}">{value}</text></g>')
    for day, text in ticks(first, end, "day"):
        parts.append(f'<text class="label" x="{axis.x(day):.1f}" y="{base + 16}">{escape(text)}</text>')
    return Markup(
        f'<svg class="chart timeline" role="img" aria-label="{escape(title)}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
        f'{"".join(parts)}</svg>')
