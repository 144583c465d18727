"""The co-mention graph of an entity page, drawn on the server as inline SVG.

Nodes are the entity and the entities most often mentioned with it; an
edge's width is the number of articles two of them share (the entity's star
plus `co_mention_pairs` between the others). The layout is networkx's
force-directed `spring_layout` with a fixed seed, so a page looks the same
on every load; no JavaScript, nothing fetched.
"""
from __future__ import annotations

import math

import networkx as nx  # imported with the app: a first import inside a request costs ~0.7 s
from markupsafe import Markup, escape

WIDTH, HEIGHT, MARGIN = 640, 420, 70
COLORS = {"PER": "#e03131", "ORG": "#1971c2", "LOC": "#2f9e44"}


def layout(profile: dict) -> tuple[dict, list[tuple[int, int, int]]]:
    """(node id -> (x, y) in pixels, [(a, b, weight)])."""
    graph = nx.Graph()
    center = profile["id"]
    graph.add_node(center)
    for other in profile.get("co_mentioned") or []:
        graph.add_edge(center, other["id"], weight=other["count"])
    for pair in profile.get("co_mention_pairs") or []:
        if graph.has_node(pair["a"]) and graph.has_node(pair["b"]):
            graph.add_edge(pair["a"], pair["b"], weight=pair["count"])
    if graph.number_of_nodes() == 1:
        return {center: (WIDTH / 2, HEIGHT / 2)}, []
    # k spreads the nodes (networkx's default 1/sqrt(n) packs a dense co-mention clique in a ball)
    raw = nx.spring_layout(graph, weight="weight", seed=7, center=(0, 0), k=3 / math.sqrt(graph.number_of_nodes()))
    span_x = max(abs(x) for x, _ in raw.values()) or 1.0
    span_y = max(abs(y) for _, y in raw.values()) or 1.0
    place = {node: (WIDTH / 2 + x / span_x * (WIDTH / 2 - MARGIN), HEIGHT / 2 + y / span_y * (HEIGHT / 2 - 30))
             for node, (x, y) in raw.items()}
    return place, [(a, b, d["weight"]) for a, b, d in graph.edges(data=True)]


def co_mention_graph(profile: dict, url_of) -> Markup:
    """Inline SVG of the co-mention graph; `url_of(entity id)` links each node to its page."""
    others = profile.get("co_mentioned") or []
    if not others:
        return Markup('<p class="empty">Нет упоминаний вместе с другими сущностями.</p>')
    place, edges = layout(profile)
    heaviest = max(w for _, _, w in edges) or 1
    nodes = {profile["id"]: (profile["name"], profile["type"], None), **{
        o["id"]: (o["name"], o["type"], o["count"]) for o in others}}
    parts = []
    for a, b, weight in sorted(edges, key=lambda e: e[2]):
        (x1, y1), (x2, y2) = place[a], place[b]
        parts.append(f'<line class="edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     f'stroke-width="{1 + 5 * weight / heaviest:.1f}"><title>{weight}</title></line>')
    for node, (name, type_, count) in nodes.items():
        x, y = place[node]
        radius = 12 if count is None else 5 + 6 * math.sqrt((count or 1) / heaviest)
        tip = escape(name) + (f": {count}" if count is not None else "")
        parts.append(f'<a href="{escape(url_of(node))}"><g class="node{" center" if count is None else ""}">'
                     f'<title>{tip}</title><circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" '
                     f'fill="{COLORS.get(type_, "#868e96")}"/>'
                     f'<text x="{x:.1f}" y="{y - radius - 3:.1f}">{escape(name)}</text></g></a>')
    return Markup(f'<svg class="graph" role="img" aria-label="Кто упоминается вместе" viewBox="0 0 {WIDTH} {HEIGHT}" '
                  f'width="{WIDTH}" height="{HEIGHT}" xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>')
