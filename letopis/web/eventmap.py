"""The events map: each city events happened in, as a point on an offline SVG map.

Equirectangular projection of the data's own extent (at least 12 degrees
wide) with a graticule every few degrees: nothing is fetched (no tiles, no
CDN). A point's area grows with its number of events and its colour is its
most frequent event type; events whose places GeoNames does not know
(regions, villages) are counted beside the map, not pinned.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict

from markupsafe import Markup, escape

from .geo import locate
from .present import label

WIDTH, HEIGHT, PAD = 900, 480, 24
COLORS = {"attack": "#e03131", "incident": "#f08c00", "mourning": "#495057", "military": "#862e9c",
          "protest": "#1971c2", "statement": "#2f9e44", "summit": "#0c8599", "visit": "#0c8599"}


def map_points(events: list[dict]) -> tuple[list[dict], int]:
    """([{"name", "lat", "lon", "count", "types"}], events with no known place)."""
    counts: Counter = Counter()
    types: dict[str, Counter] = defaultdict(Counter)
    where: dict[str, tuple[float, float]] = {}
    unplaced = 0
    for event in events:
        located = [(name, locate(name)) for name in event.get("places") or []]
        located = [(name, found) for name, found in located if found]
        if not located:
            unplaced += 1
            continue
        for name, (lat, lon, _) in located:
            counts[name] += 1
            types[name][event.get("type")] += 1
            where[name] = (lat, lon)
    points = [{"name": n, "lat": where[n][0], "lon": where[n][1], "count": c, "types": dict(types[n])}
              for n, c in counts.most_common()]
    return points, unplaced


def events_map(points: list[dict]) -> Markup:
    """Inline SVG of the points (see module docstring)."""
    if not points:
        return Markup('<p class="empty">Нет событий в городах с известными координатами.</p>')
    lats, lons = [p["lat"] for p in points], [p["lon"] for p in points]
    mid_lon, mid_lat = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    span = max(12.0, (max(lons) - min(lons)) * 1.2, (max(lats) - min(lats)) * 1.2 * WIDTH / HEIGHT)
    span_lat = span * HEIGHT / WIDTH
    west, north = mid_lon - span / 2, mid_lat + span_lat / 2

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return (PAD + (lon - west) / span * (WIDTH - 2 * PAD), PAD + (north - lat) / span_lat * (HEIGHT - 2 * PAD))

    step = 5 if span <= 40 else 10 if span <= 90 else 30
    parts = []
    for lon in range(int(math.floor(west / step) * step), int(west + span) + step, step):
        x, _ = xy(0, lon)
        if PAD <= x <= WIDTH - PAD:
            parts.append(f'<line class="grid" x1="{x:.1f}" y1="{PAD}" x2="{x:.1f}" y2="{HEIGHT - PAD}"/>'
                         f'<text class="grid-label" x="{x:.1f}" y="{HEIGHT - 8}">{lon}°</text>')
    for lat in range(int(math.floor((north - span_lat) / step) * step), int(north) + step, step):
        _, y = xy(lat, 0)
        if PAD <= y <= HEIGHT - PAD:
            parts.append(f'<line class="grid" x1="{PAD}" y1="{y:.1f}" x2="{WIDTH - PAD}" y2="{y:.1f}"/>'
                         f'<text class="grid-label lat" x="{PAD + 2}" y="{y - 2:.1f}">{lat}°</text>')
    biggest = max(p["count"] for p in points)
    for point in sorted(points, key=lambda p: -p["count"]):
        x, y = xy(point["lat"], point["lon"])
        kind = max(point["types"], key=point["types"].get)
        radius = 4 + 14 * math.sqrt(point["count"] / biggest)
        tip = f'{point["name"]}: ' + ", ".join(f"{label(t)} {n}" for t, n in point["types"].items())
        parts.append(f'<a href="/events?place={escape(point["name"])}"><g class="place" data-place="{escape(point["name"])}">'
                     f'<title>{escape(tip)}</title><circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" '
                     f'fill="{COLORS.get(kind, "#868e96")}"/><text x="{x:.1f}" y="{y - radius - 3:.1f}">'
                     f'{escape(point["name"])}</text></g></a>')
    return Markup(f'<svg class="map" role="img" aria-label="Карта событий" viewBox="0 0 {WIDTH} {HEIGHT}" '
                  f'width="{WIDTH}" height="{HEIGHT}" xmlns="http://www.w3.org/2000/svg">'
                  f'<rect class="sea" x="0" y="0" width="{WIDTH}" height="{HEIGHT}"/>{"".join(parts)}</svg>')
