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


def share_svg(cells: Sequence, labels: Sequence[str], title: str) -> str:
    """Shares (0-100%) as bars with their 95% intervals as whiskers, one per label; a hidden
    or empty cell says so in place of its bar. ``cells`` have value/low/high/shown."""
    width, height, pad, base = WIDTH, 190, 56, 150
    slot = (width - 2 * pad) / max(1, len(cells))

    def y(share: float) -> float:
        return base - (base - 20) * share

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'class="chart share-chart"><title>{escape(title)}</title>'
        f"<desc>{escape(_share_words(cells, labels))}</desc>",
    ]
    for share in (0.0, 0.5, 1.0):
        parts.append(f'<line class="grid" x1="{pad}" x2="{width - pad}" y1="{y(share):.1f}" '
                     f'y2="{y(share):.1f}"/><text class="axis" x="{pad - 6}" '
                     f'y="{y(share) + 4:.1f}" text-anchor="end">{share:.0%}</text>')  # fmt: skip
    for i, (cell, label) in enumerate(zip(cells, labels, strict=True)):
        mid = pad + slot * (i + 0.5)
        parts.append(f'<text class="axis" x="{mid:.1f}" y="{height - 8}" '
                     f'text-anchor="middle">{escape(label)}</text>')  # fmt: skip
        if not cell.shown:
            parts.append(f'<text class="axis" x="{mid:.1f}" y="{y(0.1):.1f}" '
                         'text-anchor="middle">not shown</text>')  # fmt: skip
            continue
        half = slot * 0.25
        parts.append(f'<rect class="bar" x="{mid - half:.1f}" y="{y(cell.value):.1f}" '
                     f'width="{2 * half:.1f}" height="{base - y(cell.value):.1f}"/>'
                     f'<line class="whisker" x1="{mid:.1f}" x2="{mid:.1f}" '
                     f'y1="{y(cell.low):.1f}" y2="{y(cell.high):.1f}"/>')  # fmt: skip
    parts.append("</svg>")
    return "".join(parts)


def _share_words(cells, labels) -> str:
    words = []
    for cell, label in zip(cells, labels, strict=True):
        if cell.shown:
            words.append(f"{label}: {cell.value:.0%} (95% interval {cell.low:.0%} to "
                         f"{cell.high:.0%}, {cell.n} people)")  # fmt: skip
        else:
            words.append(f"{label}: not shown (too few people)")
    return "; ".join(words)
