"""Charts drawn on the server as inline SVG: no JavaScript, no network.

An entity's mentions over time become a bar chart. Days are grouped into
months when there are too many to draw one bar each; mentions in undated
articles get their own "без даты" bar so the count is never silently lost.
"""
from __future__ import annotations

from collections import Counter

from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 180
PAD_LEFT, PAD_BOTTOM, PAD_TOP = 36, 34, 12
MAX_BARS = 60
MAX_SLOT = 70  # px per bar: a few bars stay slim instead of filling the width
UNDATED = "без даты"


def bucket(points: list[dict]) -> list[tuple[str, int]]:
    """(label, count) bars in date order; by month when days exceed MAX_BARS."""
    dated = [(p["date"], p["count"]) for p in points if p.get("date")]
    undated = sum(p["count"] for p in points if not p.get("date"))
    days = {d[:10] for d, _ in dated}
    size = 10 if len(days) <= MAX_BARS else 7
    counts = Counter()
    for day, count in dated:
        counts[day[:size]] += count
    bars = sorted(counts.items())
    if undated:
        bars.append((UNDATED, undated))
    return bars


def bar(i: int, label: str, count: int, peak: int, slot: float) -> str:
    """One bar with its count on top and a hover title."""
    plot_h = HEIGHT - PAD_BOTTOM - PAD_TOP
    h = max(1.0, plot_h * count / peak)
    x = PAD_LEFT + i * slot + slot * 0.15
    y = HEIGHT - PAD_BOTTOM - h
    w = slot * 0.7
    text = escape(label)
    return (
        f'<g class="bar"><title>{text}: {count}</title>'
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}"/>'
        f'<text class="count" x="{x + w / 2:.1f}" y="{y - 2:.1f}">{count}</text></g>'
    )


def axis_labels(bars: list[tuple[str, int]], slot: float) -> str:
    """Date labels under the bars, thinned so they do not overlap."""
    step = max(1, int(len(bars) / (WIDTH / 80)) + 1) if len(bars) > WIDTH / 80 else 1
    out = []
    for i, (label, _) in enumerate(bars):
        if i % step == 0 or i == len(bars) - 1:
            x = PAD_LEFT + i * slot + slot / 2
            out.append(f'<text class="label" x="{x:.1f}" y="{HEIGHT - PAD_BOTTOM + 16}">{escape(label)}</text>')
    return "".join(out)


def mentions_chart(points: list[dict], title: str = "Упоминания по датам") -> Markup:
    """Inline SVG bar chart of `[{"date", "count"}]`; an empty note when no data."""
    bars = bucket(points)
    if not bars:
        return Markup('<p class="empty chart-empty">Нет упоминаний с датой.</p>')
    peak = max(count for _, count in bars) or 1
    slot = min(MAX_SLOT, (WIDTH - PAD_LEFT - 8) / len(bars))
    body = "".join(bar(i, label, count, peak, slot) for i, (label, count) in enumerate(bars))
    base = HEIGHT - PAD_BOTTOM
    return Markup(
        f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" xmlns="http://www.w3.org/2000/svg">'
        f'<title>{escape(title)}</title>'
        f'<line class="axis" x1="{PAD_LEFT}" y1="{base}" x2="{WIDTH - 4}" y2="{base}"/>'
        f'<text class="label" x="4" y="{PAD_TOP + 8}">{peak}</text>'
        f'{body}{axis_labels(bars, slot)}</svg>'
    )
