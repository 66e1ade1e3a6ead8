"""The derivations of a story drawn as a small graph: one node per article that copies
or is copied, an arrow from each source to the article derived from it.

Inline SVG written by hand: the graphs are a handful of nodes, and a layout engine
(Graphviz) would add a system binary to every install for a circle of labels. The
drawing is static (no script), escaped, and readable without colour: every arrow is
labelled with its kind and overlap.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from markupsafe import Markup, escape

from .models import Article, Story

WIDTH, HEIGHT = 640, 300
# Two nodes side by side need only a strip.
PAIR_HEIGHT = 70
NODE_RADIUS = 9
LABEL_CHARS = 28


def derivation_svg(story: Story, articles: Mapping[str, Article]) -> Markup:
    """The story's derivation graph as inline SVG; empty when it has no derivations."""
    if not story.derivations:
        return Markup("")
    ids = list(dict.fromkeys(a for d in story.derivations for a in (d.source, d.derived)))
    height = PAIR_HEIGHT if len(ids) <= 2 else HEIGHT
    where = dict(zip(ids, _circle(len(ids), height), strict=True))
    parts = [
        f'<svg class="derivations" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-label="{escape(_summary(story, articles))}">',
        f'<defs><marker id="arrow-{escape(story.id)}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"/></marker></defs>',
    ]
    for d in story.derivations:
        (x1, y1), (x2, y2) = where[d.source], where[d.derived]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        # stop the line at the node's rim so that the arrowhead stays visible
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        sx, sy = x1 + ux * NODE_RADIUS, y1 + uy * NODE_RADIUS
        ex, ey = x2 - ux * (NODE_RADIUS + 2), y2 - uy * (NODE_RADIUS + 2)
        label = f"{d.kind} {d.overlap:.0%}"
        parts.append(
            f'<line x1="{sx:.1f}" y1="{sy:.1f}" x2="{ex:.1f}" y2="{ey:.1f}" marker-end="url(#arrow-{escape(story.id)})"/>'
            f'<text class="edge" x="{(sx + ex) / 2:.1f}" y="{(sy + ey) / 2 - 4:.1f}" text-anchor="middle">{escape(label)}</text>'
        )
    for aid in ids:
        x, y = where[aid]
        name = articles[aid].label if aid in articles else aid
        short = name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"
        anchor = "end" if x < WIDTH / 2 - 1 else "start" if x > WIDTH / 2 + 1 else "middle"
        dx = -NODE_RADIUS - 4 if anchor == "end" else NODE_RADIUS + 4 if anchor == "start" else 0
        dy = 4 if anchor != "middle" else (-NODE_RADIUS - 6 if y < height / 2 else NODE_RADIUS + 14)
        parts.append(
            f'<a href="#{escape(aid)}"><circle cx="{x:.1f}" cy="{y:.1f}" r="{NODE_RADIUS}"><title>{escape(name)}</title></circle>'
            f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}">{escape(short)}</text></a>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _circle(count: int, height: float) -> list[tuple[float, float]]:
    """Node positions: two side by side, more around an ellipse starting at the top."""
    if count <= 2:
        return [(WIDTH * 0.3, height / 2), (WIDTH * 0.7, height / 2)][:count]
    rx, ry = WIDTH * 0.28, height * 0.36
    return [
        (WIDTH / 2 + rx * math.sin(2 * math.pi * k / count), height / 2 - ry * math.cos(2 * math.pi * k / count))
        for k in range(count)
    ]


def _summary(story: Story, articles: Mapping[str, Article]) -> str:
    """What the drawing says, in words, for readers who cannot see it."""

    def name(aid: str) -> str:
        return articles[aid].label if aid in articles else aid

    return "; ".join(f"{name(d.derived)} is a {d.kind} of {name(d.source)}" for d in story.derivations)
