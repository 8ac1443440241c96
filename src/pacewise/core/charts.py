"""Pieces every chart draws the same way, on the web pages and in the printed report, so they
cannot drift apart: the 7-day average and the gap-aware line (a day nobody logged is a gap,
never a line drawn across it; a lone known day is a dot). Pure: values in, SVG text out.

A ``Stroke`` says how a line looks: on the web by a CSS class (the page's stylesheet colours
it, dark mode and forced colours included), in print by its own colour, width and dashes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Point = tuple[float, float]


def rolling_mean(
    values: Sequence[float | None], window: int = 7, least: int = 3
) -> list[float | None]:
    """Trailing mean over ``window`` calendar days, only where at least ``least`` of those
    days have a value (an average of one or two days says little)."""
    out: list[float | None] = []
    for i in range(len(values)):
        known = [v for v in values[max(0, i - window + 1) : i + 1] if v is not None]
        out.append(sum(known) / len(known) if len(known) >= least else None)
    return out


def runs(points: Sequence[Point | None]) -> list[list[Point]]:
    """The runs of consecutive known points; ``None`` (a day without a value) ends a run."""
    out: list[list[Point]] = []
    run: list[Point] = []
    for p in [*points, None]:
        if p is not None:
            run.append(p)
        elif run:
            out.append(run)
            run = []
    return out


@dataclass(frozen=True)
class Stroke:
    css: str = ""  # web: the class the stylesheet colours
    colour: str = ""  # print: the colour itself
    width: float = 2.2
    dash: str = ""
    dot: float = 2.5  # the radius of a lone day's dot

    def line_attributes(self) -> str:
        if self.css:
            return f'class="{self.css}" fill="none"'
        dash = f' stroke-dasharray="{self.dash}"' if self.dash else ""
        return f'fill="none" stroke="{self.colour}" stroke-width="{self.width:g}"{dash}'

    def dot_attributes(self) -> str:
        return f'class="{self.css}"' if self.css else f'fill="{self.colour}"'


def gap_line(points: Sequence[Point | None], stroke: Stroke) -> str:
    """One polyline per run of known points (gaps stay gaps); a lone point is a dot."""
    out = []
    for run in runs(points):
        if len(run) == 1:
            x, y = run[0]
            out.append(f'<circle {stroke.dot_attributes()} cx="{x:.1f}" cy="{y:.1f}" '
                       f'r="{stroke.dot:g}"/>')  # fmt: skip
        else:
            coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
            out.append(f'<polyline {stroke.line_attributes()} points="{coords}"/>')
    return "".join(out)
