"""Trend charts for the insights page: one small SVG per measure, drawn on the server.

Each chart shows the daily values, their 7-day average, and flare days shaded; movement also
shows the plan's daily minutes (replayed from the diary, core/pacing/plan_history.py) or, without a
plan, the usual amount. Every chart has a title and a description, and the page shows a
table of the same figures.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from pacewise.core.charts import Stroke, gap_line, rolling_mean
from pacewise.core.day_summary import DaySummary

WIDTH, HEIGHT = 640, 180
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 10, 24


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    unit: str
    top: float | None  # fixed axis top (None: from the data)


MEASURES = (
    Measure("avg_pain", "Pain", "out of 10", 10),
    Measure("fatigue", "Tiredness", "out of 10", 10),
    Measure("sleep_hours", "Sleep", "hours", 12),
    Measure("minutes", "Movement", "minutes", None),
)


def series(days: Sequence[DaySummary], start: date, end: date, key: str) -> list[float | None]:
    by_date = {d.date: d for d in days}
    out = []
    for i in range((end - start).days + 1):
        d = by_date.get(start + timedelta(days=i))
        value = getattr(d, key) if d else None
        if key == "minutes" and d is not None and not d.sessions:
            value = None
        out.append(None if value is None else float(value))
    return out


_ROUND = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)


def round_top(largest: float) -> float:
    """A round axis top a little above the largest value, so the middle line is round too:
    33 -> 40 (lines at 0, 20, 40), 99 -> 120, 264 -> 300."""
    wanted = largest * 1.05
    unit = 10.0 ** math.floor(math.log10(wanted))
    return next(m * unit for m in _ROUND if m * unit >= wanted)


def _x(i: int, n: int) -> float:
    return LEFT + (WIDTH - LEFT - RIGHT) * (i + 0.5) / n


def _y(v: float, top: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - min(v, top) / top)


def _polyline(values: Sequence[float | None], top: float, css: str) -> str:
    n = len(values)
    return gap_line([None if v is None else (_x(i, n), _y(v, top)) for i, v in enumerate(values)],
                    Stroke(css=css))  # fmt: skip


def trend_svg(
    days: Sequence[DaySummary], start: date, end: date, measure: Measure, chart_id: str,
    usual: float | None = None, planned: Mapping[date, float] | None = None,
) -> str:  # fmt: skip
    values = series(days, start, end, measure.key)
    n = len(values)
    known = [v for v in values if v is not None]
    plan = [(planned or {}).get(start + timedelta(days=i)) for i in range(n)]
    usual = None if any(plan) else usual
    top = measure.top or round_top(max([*known, *(p or 0.0 for p in plan), usual or 0.0, 30.0]))
    flares = {d.date for d in days if d.flare}
    band = (WIDTH - LEFT - RIGHT) / n
    title = f"{measure.label}, {start.day} {start:%b} to {end.day} {end:%b}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" class="chart insights-chart">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(describe(values, measure, flares, usual, plan))}</desc>',
    ]
    for i in range(n):
        if start + timedelta(days=i) in flares:
            parts.append(f'<rect class="flare" x="{LEFT + band * i:.1f}" y="{TOP}" '
                         f'width="{band:.1f}" height="{HEIGHT - TOP - BOTTOM}"/>')  # fmt: skip
    for frac in (0.0, 0.5, 1.0):
        v, y = top * frac, _y(top * frac, top)
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        parts.append(
            f'<text class="axis" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{v:.0f}</text>'
        )
    if measure.key == "minutes":
        for i, v in enumerate(values):
            if v:
                h = (HEIGHT - TOP - BOTTOM) * min(v, top) / top
                x = _x(i, n) - band * 0.3
                parts.append(
                    f'<rect class="minutes" x="{x:.1f}" y="{HEIGHT - BOTTOM - h:.1f}" '
                    f'width="{band * 0.6:.1f}" height="{h:.1f}"/>'
                )
        if any(plan):
            parts.append(_polyline(plan, top, "plan"))
        elif usual:
            y = _y(usual, top)
            parts.append(
                f'<line class="usual" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
            )
    else:
        parts.append(_polyline(values, top, "daily"))
    parts.append(_polyline(rolling_mean(values), top, "average"))
    for week, i in enumerate(range(0, n, 7)):
        day = start + timedelta(days=i)
        every_other = " alt" if week % 2 else ""  # hidden on a phone, where labels would touch
        parts.append(f'<text class="axis{every_other}" x="{_x(i, n):.1f}" y="{HEIGHT - 6}" '
                     f'text-anchor="middle">{day.day} {day:%b}</text>')  # fmt: skip
    parts.append("</svg>")
    return "".join(parts)


def describe(
    values: Sequence[float | None],
    measure: Measure,
    flares: set,
    usual: float | None,
    plan: Sequence[float | None] = (),
) -> str:
    known = [v for v in values if v is not None]
    if not known:
        return f"No {measure.label.lower()} logged in this period yet."
    avg = rolling_mean(values)
    first = next((a for a in avg if a is not None), None)
    last = next((a for a in reversed(avg) if a is not None), None)
    text = (f"{measure.label} was logged on {len(known)} of {len(values)} days, average "
            f"{sum(known) / len(known):.1f} {measure.unit}.")  # fmt: skip
    if first is not None and last is not None:
        text += f" The 7-day average went from {first:.1f} to {last:.1f}."
    with_plan = [(v or 0.0, p) for v, p in zip(values, plan, strict=False) if p]
    if with_plan:
        met = sum(v >= p for v, p in with_plan)
        text += (
            f" The dashed line is the plan's daily minutes, {with_plan[-1][1]:.0f} on the last "
            f"day; on {met} of {len(with_plan)} days with a plan the planned minutes were done."
        )
    elif usual:
        text += f" Your usual active day is about {usual:.0f} minutes."
    text += f" {len(flares)} flare {'day' if len(flares) == 1 else 'days'} shaded."
    return text
