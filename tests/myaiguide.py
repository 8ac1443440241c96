"""A real chronic-pain diary (MyAIGuide, participant 1, MIT licence) as a wide Pacewise CSV.

The source is two files kept by one person for years: knee pain most days (pain.csv, 0-10
style scale) and sport sessions (sport.csv). Both leave the year, month and day blank when
they repeat the row above; a month is left blank and moves on when the day number falls.
Sport columns are blank outside the months the sport log covers (unknown, not "none").
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date, datetime, timedelta
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


# Participant 8 logged the day's pain and ticked "observations" (tired, poor sleep, stress...)
# in the same app; times are stored in UTC a few hours ahead of the person's evening, so an
# entry made before 06:00 belongs to the day before (the pain rows' own day fields agree).
OBSERVATIONS = ("Tired", "Poor sleep", "Worried anxious", "Sadness", "Stress")
LATE_ENTRY_HOURS = 6


def _entry_day(stamp: str) -> date:
    moment = datetime.fromisoformat(stamp)
    return (moment - timedelta(hours=LATE_ENTRY_HOURS)).date()


def _pain_day(row: dict[str, str]) -> date:
    """The day a pain row is about: its own day fields, or (when they are blank or 0, as in
    later rows) the day of the entry."""
    try:
        return date(int(row["startyear"]), int(row["startmonth"]), int(row["startday"]))
    except ValueError:
        return _entry_day(row["date"])


def participant8_csv() -> str:
    folder = ROOT / "Participant8Anonymized"
    if not folder.exists():
        pytest.skip(f"{folder} is absent (../shared/fixtures beside the checkout)")
    knees: dict[date, float] = {}
    happiness: dict[date, float] = {}
    with (folder / "Participant8PainNew.csv").open(newline="", encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            day = _pain_day(row)
            level = float(row["intensity"])
            if row["name"] == "Knee Pain":
                knees[day] = max(knees.get(day, 0.0), level)
            elif row["name"] == "happiness":
                happiness[day] = level
    ticked: dict[date, set[str]] = defaultdict(set)
    with (folder / "Participant8ObservationsNew.csv").open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["name"] in OBSERVATIONS and float(row["intensity"]) >= 1:
                ticked[_entry_day(row["date"])].add(row["name"])
    first, last = min(ticked), max(ticked)
    lines = ["date,pain,happiness," + ",".join(name.lower() for name in OBSERVATIONS)]
    for day in sorted(knees):
        mood = f"{happiness[day]:g}" if day in happiness else ""
        if first <= day <= last:  # unticked = not present, while the person was using them
            tags = ",".join(str(int(name in ticked.get(day, ()))) for name in OBSERVATIONS)
        else:
            tags = "," * (len(OBSERVATIONS) - 1)
        lines.append(f"{day.isoformat()},{knees[day]:g},{mood},{tags}")
    return "\n".join(lines) + "\n"
