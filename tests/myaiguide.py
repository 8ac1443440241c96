"""A real chronic-pain diary (MyAIGuide, participant 1, MIT licence) as a wide Pacewise CSV.

The source is two files kept by one person for years: knee pain most days (pain.csv, 0-10
style scale) and sport sessions (sport.csv). Both leave the year, month and day blank when
they repeat the row above; a month is left blank and moves on when the day number falls.
Sport columns are blank outside the months the sport log covers (unknown, not "none").
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "shared/fixtures/myaiguide-chronic-pain"


def _rows(path: Path, skip: int):
    with path.open(newline="", encoding="utf-8", errors="replace") as stream:
        rows = list(csv.reader(stream))[skip:]
    year = month = None
    previous = 0
    for row in rows:
        if len(row) < 6:
            continue
        day = int(row[2]) if row[2].strip() else previous
        year = int(row[0]) if row[0].strip() else year
        if row[1].strip():
            month = int(row[1])
        elif day < previous:
            month = month % 12 + 1
        previous = day
        try:
            yield date(year, month, day), row
        except ValueError:  # a few impossible dates (a 31st in a 30-day month) are skipped
            continue


def _number(cell: str) -> float | None:
    try:
        return float(cell)
    except ValueError:  # blanks and notes such as "taplog"
        return None


def participant1_csv() -> str:
    folder = ROOT / "Participant1"
    if not folder.exists():
        pytest.skip(f"{folder} is absent (../shared/fixtures beside the checkout)")
    knees: dict[date, float] = {}
    for day, row in _rows(folder / "pain.csv", 2):
        level = _number(row[5])
        if row[3].strip() == "Knees" and level is not None:
            knees[day] = max(knees.get(day, 0.0), level)
    sport: dict[date, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for day, row in _rows(folder / "sport.csv", 1):
        minutes = _number(row[5])
        if minutes is not None:
            sport[day][row[3].strip().lower()] += minutes
            sport[day]["minutes"] += minutes
    first, last = min(sport), max(sport)
    lines = ["date,pain,walk,any sport,sport minutes"]
    for day in sorted(knees):
        if first <= day <= last:
            s = sport.get(day, {})
            cells = f"{int('walk' in s)},{int(bool(s))},{s.get('minutes', 0.0):g}"
        else:
            cells = ",,"
        lines.append(f"{day.isoformat()},{knees[day]:g},{cells}")
    return "\n".join(lines) + "\n"
