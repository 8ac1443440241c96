"""A small server-side SVG of one questionnaire's scores over time (page and PDF alike)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

WIDTH, HEIGHT, PAD = 480, 160, 32


def score_svg(points: Sequence[tuple[date, float]], low: float, high: float, title: str) -> str:
    if not points:
        return ""
    first, last = points[0][0], points[-1][0]
    span = max(1, (last - first).days)

    def x(day: date) -> float:
        return PAD + (WIDTH - 2 * PAD) * ((day - first).days / span if len(points) > 1 else 0.5)

    def y(value: float) -> float:
        return PAD / 2 + (HEIGHT - 1.5 * PAD) * (1 - (value - low) / ((high - low) or 1))

    coords = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in points)
    desc = "; ".join(f"{d:%d %b %Y}: {v:g}" for d, v in points)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'class="chart score-chart"><title>{escape(title)}</title><desc>{escape(desc)}</desc>',
        f'<line class="grid" x1="{PAD}" x2="{WIDTH - PAD}" y1="{y(low):.1f}" y2="{y(low):.1f}"/>',
        f'<text class="axis" x="{PAD - 6}" y="{y(low) + 4:.1f}" text-anchor="end">{low:g}</text>',
        f'<text class="axis" x="{PAD - 6}" y="{y(high) + 4:.1f}" text-anchor="end">{high:g}</text>',
        f'<polyline class="pain" fill="none" points="{coords}"/>',
    ]
    parts += [f'<circle class="pain" cx="{x(d):.1f}" cy="{y(v):.1f}" r="4"/>' for d, v in points]
    bottom = HEIGHT - 6
    parts.append(f'<text class="axis" x="{PAD}" y="{bottom}">{first:%d %b}</text>')
    parts.append(
        f'<text class="axis" x="{WIDTH - PAD}" y="{bottom}" text-anchor="end">{last:%d %b}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
