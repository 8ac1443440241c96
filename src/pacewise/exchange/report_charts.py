"""The visit report's charts: server-side SVG with a title, a description and a caption.

Colours and shapes follow the diary's charts (pacewise.diary.charts): pain is a
solid red line, fatigue a dashed blue one, flare days are shaded. Styling is
written as SVG attributes, not CSS classes, because WeasyPrint draws inline SVG
without the page's stylesheet. Every chart says in words what it shows
(`Chart.description`), which the report prints under it and puts in <desc>.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from pacewise.core.charts import Stroke, gap_line, rolling_mean
from pacewise.core.day_summary import DaySummary

PAIN, FATIGUE, FLARE, BARS, GRID, INK, MUTED = (
    "#a3361f",
    "#1f5f8b",
    "#f6dcc7",
    "#4f8a63",
    "#d5dadd",
    "#1d2327",
    "#5b6770",
)
FONT = 'font-family="DejaVu Sans, sans-serif"'
WIDTH = 720
MAX_PANELS = 4


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    description: str
    svg: str


def day_label(day: date, year: bool = False) -> str:
    return f"{day.day} {day:%b}" + (f" {day:%Y}" if year else "")


def _svg(key: str, title: str, description: str, height: int, body: Iterable[str]) -> Chart:
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{key}-title {key}-desc" class="chart" {FONT}>'
        f'<title id="{key}-title">{escape(title)}</title>'
        f'<desc id="{key}-desc">{escape(description)}</desc>' + "".join(body) + "</svg>"
    )
    return Chart(key, title, description, svg)


def _text(x: float, y: float, label: str, *, size: int = 11, anchor: str = "start", **kw) -> str:
    fill = kw.get("fill", MUTED)
    weight = ' font-weight="bold"' if kw.get("bold") else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{fill}" '
        f'text-anchor="{anchor}"{weight}>{escape(label)}</text>'
    )


def _polyline(points: Sequence[tuple[float, float] | None], colour: str, dash: str = "") -> str:
    return gap_line(points, Stroke(colour=colour, dash=dash))


# ---------------------------------------------------------------- pain and fatigue


def trend_chart(
    days: Sequence[DaySummary], start: date, end: date, flare_days: set[date], description: str
) -> Chart:
    height, left, right, top, bottom = 220, 34, 10, 26, 24
    n = (end - start).days + 1
    span = (WIDTH - left - right) / n
    by_date = {d.date: d for d in days}
    dates = [start + timedelta(days=i) for i in range(n)]

    def x(i: int) -> float:
        return left + span * (i + 0.5)

    def y(v: float) -> float:
        return top + (height - top - bottom) * (1 - v / 10)

    body = []
    for i, run in _runs([d in flare_days for d in dates]):
        body.append(
            f'<rect x="{left + span * i:.1f}" y="{top}" width="{span * run:.1f}" '
            f'height="{height - top - bottom}" fill="{FLARE}"/>'
        )
    for v in (0, 2, 4, 6, 8, 10):
        body.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        body.append(_text(left - 5, y(v) + 4, str(v), anchor="end"))
    for attr, colour, dash in (("avg_pain", PAIN, ""), ("fatigue", FATIGUE, "6 4")):
        daily = [getattr(by_date[d], attr) if d in by_date else None for d in dates]
        for i, v in enumerate(daily):
            if v is not None:
                body.append(
                    f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="1.8" fill="{colour}" '
                    f'fill-opacity="0.35"/>'
                )
        avg = rolling_mean(daily)
        body.append(
            _polyline(
                [None if v is None else (x(i), y(v)) for i, v in enumerate(avg)], colour, dash
            )
        )
    body += _date_ticks(dates, x, height - 7)
    body += _legend(
        [
            ("line", PAIN, "", "Pain, 7-day average"),
            ("line", FATIGUE, "6 4", "Fatigue, 7-day average"),
            ("dot", MUTED, "", "Single days"),
            ("box", FLARE, "", "Flare days"),
        ],
        left,
        14,
    )
    title = "Pain and fatigue (0-10), day by day"
    return _svg("trend", title, description, height, body)


def _runs(flags: Sequence[bool]) -> list[tuple[int, int]]:
    """(start index, length) of each run of True."""
    out, i = [], 0
    while i < len(flags):
        if flags[i]:
            j = i
            while j < len(flags) and flags[j]:
                j += 1
            out.append((i, j - i))
            i = j
        else:
            i += 1
    return out


def _date_ticks(dates: Sequence[date], x, y: float) -> list[str]:
    step = max(7, -(-len(dates) // 8 // 7) * 7)
    year = dates[0].year != dates[-1].year
    return [
        _text(x(i), y, day_label(dates[i], year), anchor="middle")
        for i in range(0, len(dates), step)
    ]


def _legend(entries: Sequence[tuple[str, str, str, str]], x: float, y: float) -> list[str]:
    out = []
    for kind, colour, dash, label in entries:
        if kind == "line":
            extra = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(
                f'<line x1="{x}" x2="{x + 20}" y1="{y - 4}" y2="{y - 4}" stroke="{colour}" '
                f'stroke-width="2.2"{extra}/>'
            )
        elif kind == "dot":
            out.append(
                f'<circle cx="{x + 10}" cy="{y - 4}" r="2.5" fill="{colour}" fill-opacity="0.5"/>'
            )
        else:
            out.append(f'<rect x="{x}" y="{y - 10}" width="20" height="11" fill="{colour}"/>')
        out.append(_text(x + 25, y, label, fill=INK))
        x += 25 + 6.6 * len(label) + 18
    return out


# ---------------------------------------------------------------- weekly capacity


def capacity_chart(
    series: Sequence[tuple[str, str, Sequence[tuple[date, float]]]], description: str
) -> Chart:
    """Small multiples, one panel per activity with its own scale: (activity, unit, weeks)."""
    height, top, bottom, gap = 150, 34, 22, 18
    shown = list(series[:MAX_PANELS])
    width = (WIDTH - gap * (len(shown) - 1)) / max(1, len(shown))
    body = []
    for p, (activity, unit, weeks) in enumerate(shown):
        x0 = p * (width + gap)
        most = max([v for _, v in weeks] + [1.0])
        inner_left, plot_w = x0 + 28, width - 30
        slot = plot_w / max(1, len(weeks))
        body.append(_text(x0, 13, _clip(f"{activity} ({unit} a week)", width), fill=INK, bold=True))
        base = height - bottom
        body.append(
            f'<line x1="{inner_left}" x2="{x0 + width}" y1="{base}" y2="{base}" stroke="{GRID}"/>'
        )
        body.append(_text(inner_left - 4, top + 4, _num(most), anchor="end", size=10))
        body.append(_text(inner_left - 4, base, "0", anchor="end", size=10))
        for i, (_week, value) in enumerate(weeks):
            h = (base - top) * value / most
            bx = inner_left + slot * i + slot * 0.15
            body.append(
                f'<rect x="{bx:.1f}" y="{base - h:.1f}" width="{slot * 0.7:.1f}" '
                f'height="{h:.1f}" fill="{BARS}"/>'
            )
        if weeks:
            body.append(_text(inner_left, height - 6, day_label(weeks[0][0]), size=10))
            if len(weeks) > 1:
                end_label = day_label(weeks[-1][0])
                body.append(_text(x0 + width, height - 6, end_label, size=10, anchor="end"))
    return _svg("capacity", "Weekly activity, by activity", description, height, body)


# ---------------------------------------------------------------- questionnaires


def scores_chart(
    panels: Sequence[tuple[str, float, float, str, Sequence[tuple[date, float]]]],
    description: str,
) -> Chart:
    """Small multiples, one per questionnaire: (name, lowest, highest, better, points)."""
    height, top, bottom, gap = 130, 34, 22, 18
    shown = list(panels[:MAX_PANELS])
    width = (WIDTH - gap * (len(shown) - 1)) / max(1, len(shown))
    body = []
    for p, (name, low, high, better, points) in enumerate(shown):
        x0 = p * (width + gap)
        inner_left, plot_w = x0 + 26, width - 40
        body.append(
            _text(x0, 13, _clip(f"{name} ({better} is better)", width), fill=INK, bold=True)
        )

        def y(v: float, low=low, high=high) -> float:
            return top + (height - top - bottom) * (1 - (v - low) / (high - low or 1))

        for v in (low, high):
            body.append(
                f'<line x1="{inner_left}" x2="{x0 + width}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
                f'stroke="{GRID}"/>'
            )
            body.append(_text(inner_left - 4, y(v) + 4, _num(v), anchor="end", size=10))
        pts = sorted(points)
        if not pts:
            continue
        first, last = pts[0][0], pts[-1][0]
        days = max(1, (last - first).days)

        def x(d: date, first=first, days=days, inner_left=inner_left, plot_w=plot_w) -> float:
            return inner_left + 8 + (plot_w - 16) * (d - first).days / days

        xy = [(x(d), y(v)) for d, v in pts]
        body.append(_polyline(xy, INK) if len(xy) > 1 else "")
        for (px, py), (_, v) in zip(xy, pts, strict=True):
            body.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{INK}"/>')
            body.append(_text(px, py - 6, _num(v), anchor="middle", size=10, fill=INK))
        body.append(_text(inner_left, height - 6, day_label(first), size=10))
        if len(pts) > 1:
            body.append(_text(x0 + width, height - 6, day_label(last), size=10, anchor="end"))
    return _svg("scores", "Questionnaire scores over time", description, height, body)


def _clip(label: str, width: float, char: float = 6.8) -> str:
    room = max(4, int(width / char))
    return label if len(label) <= room else label[: room - 1] + "\u2026"


def _num(x: float) -> str:
    x = round(float(x), 1)
    return str(int(x)) if x.is_integer() else f"{x:.1f}"
