"""Server-side SVG charts of the diary: the same picture with or without JavaScript.

Pain and tiredness are lines on 0-10; movement minutes are bars; flare days are shaded.
Each chart has a title and a description, and the page shows the same figures as a table.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from html import escape

from pacewise.core.charts import Stroke, gap_line
from pacewise.core.day_summary import DaySummary

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 36, 12, 12, 28


def _x(index: int, days: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + span * (index + 0.5) / days


def _y(value: float, top: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / top)


def _line(points: list[tuple[float, float] | None], css: str) -> str:
    return gap_line(points, Stroke(css=css, dot=3))


def timeline_svg(summaries: Sequence[DaySummary], start: date, end: date, title: str) -> str:
    days = (end - start).days + 1
    by_date = {s.date: s for s in summaries}
    most = max([s.minutes for s in summaries] + [30.0])
    band = (WIDTH - LEFT - RIGHT) / days
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="chart-title chart-desc" class="chart timeline-chart">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(describe(summaries, start, end))}</desc>',
    ]
    for i in range(days):
        summary = by_date.get(start + timedelta(days=i))
        if summary and summary.flare:
            x = LEFT + band * i
            parts.append(
                f'<rect class="flare" x="{x:.1f}" y="{TOP}" width="{band:.1f}" '
                f'height="{HEIGHT - TOP - BOTTOM}"/>'
            )
        if summary and summary.minutes:
            h = (HEIGHT - TOP - BOTTOM) * summary.minutes / most
            x = _x(i, days) - band * 0.3
            parts.append(
                f'<rect class="minutes" x="{x:.1f}" y="{HEIGHT - BOTTOM - h:.1f}" '
                f'width="{band * 0.6:.1f}" height="{h:.1f}"/>'
            )
    for value in (0, 5, 10):
        y = _y(value, 10)
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}"/>')
        parts.append(
            f'<text class="axis" x="{LEFT - 6}" y="{y + 4}" text-anchor="end">{value}</text>'
        )
    for attr, css in (("avg_pain", "pain"), ("fatigue", "fatigue")):
        points = []
        for i in range(days):
            summary = by_date.get(start + timedelta(days=i))
            value = getattr(summary, attr) if summary else None
            points.append(None if value is None else (_x(i, days), _y(float(value), 10)))
        parts.append(_line(points, css))
    for week, i in enumerate(range(0, days, 7)):
        day = start + timedelta(days=i)
        every_other = " alt" if week % 2 else ""  # hidden on a phone, where labels would touch
        parts.append(
            f'<text class="axis{every_other}" x="{_x(i, days):.1f}" y="{HEIGHT - 8}" '
            f"text-anchor=\"middle\">{day.day} {day.strftime('%b')}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def describe(summaries: Sequence[DaySummary], start: date, end: date) -> str:
    """A one-paragraph text alternative with the figures that matter."""
    pains = [s.avg_pain for s in summaries if s.avg_pain is not None]
    flares = sum(1 for s in summaries if s.flare)
    minutes = sum(s.minutes for s in summaries)
    span = f"From {start.day} {start:%b} to {end.day} {end:%b}"
    if not summaries:
        return f"{span}: no entries yet."
    pain = f"average pain {sum(pains) / len(pains):.1f} out of 10" if pains else "no pain scores"
    return (
        f"{span}: {len(summaries)} days with entries, {pain}, "
        f"{minutes:.0f} minutes of movement, {flares} flare {'day' if flares == 1 else 'days'}."
    )
