"""Does the program work for a clinic's people? Figures at 1, 3 and 6 months, with intervals.

For each person who shares with the clinic, counted from the day their record began, at each
questionnaire occasion after the start (core.instruments.schedule.OCCASIONS) they have reached:
- **answered**: a scored questionnaire at that occasion, among people whose window for it
  has closed (core.instruments.schedule.STAYS_OPEN);
- **better by the MCID**: among those who answered it and the baseline, the change from the
  baseline is better by at least the instrument's minimal important change (core.instruments);
- **still logging**: any diary entry in the LOGGING_WINDOW_DAYS up to the milestone;
- **flare days per month**: flare days per 30 logged days in the 30 days up to the milestone,
  among people who logged at least MIN_LOGGED_DAYS of them (a day nobody logged is not a day
  without a flare);
- **movement**: minutes of movement per logged day in the MOVEMENT_WINDOW_DAYS up to the
  milestone, as a ratio of the same in the first MOVEMENT_WINDOW_DAYS (median).

Shares carry Wilson 95% intervals, means a t interval, the median a distribution-free
interval from order statistics. A cell about fewer than MIN_CELL people — in its group or in
its count — is hidden, so no figure points at a person. Pure: no Django, no I/O, no clock.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import mean, median, stdev

from scipy import stats

from pacewise.core.instruments.schedule import OCCASIONS, STAYS_OPEN

MIN_CELL = 5  # small-cell suppression (docs/evidence/triage.md, "Program outcomes")
LOGGING_WINDOW_DAYS = 14
FLARE_WINDOW_DAYS = 30
MIN_LOGGED_DAYS = 8  # about two days a week
MOVEMENT_WINDOW_DAYS = 14
MIN_MOVEMENT_DAYS = 4
MILESTONES = tuple((key, label, weeks * 7) for key, label, weeks in OCCASIONS if weeks)


@dataclass(frozen=True)
class PersonOutcome:
    """What one person's record gives, read by the shell."""

    start: date
    today: date
    answered: frozenset[tuple[str, str]] = frozenset()  # (instrument id, occasion)
    better: frozenset[tuple[str, str]] = frozenset()  # answered, and better by the MCID
    compared: frozenset[tuple[str, str]] = frozenset()  # answered, with a baseline to compare
    logged: frozenset[date] = frozenset()  # days with any diary entry
    flare: frozenset[date] = frozenset()
    minutes: dict[date, float] = field(default_factory=dict)  # movement per logged day


@dataclass(frozen=True)
class Cell:
    """One figure: a share (count of n), a mean or a median, with its 95% interval."""

    n: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    count: int | None = None  # for shares
    hidden: bool = False

    @property
    def shown(self) -> bool:
        return not self.hidden and self.value is not None


@dataclass(frozen=True)
class Row:
    measure: str  # "answered:peg", "better:peg", "logging", "flare_days", "movement"
    title: str
    unit: str  # "share", "per month", "ratio"
    cells: tuple[Cell, ...]  # one per milestone, in MILESTONES order


def reached(person: PersonOutcome, days: int) -> bool:
    return person.today >= person.start + timedelta(days=days)


def closed(person: PersonOutcome, days: int) -> bool:
    """The milestone's questionnaire window has closed: answering was possible throughout."""
    return person.today > person.start + timedelta(days=days) + STAYS_OPEN


def share(count: int, n: int) -> Cell:
    """count of n with a Wilson 95% interval; hidden when n or a non-zero count is under
    MIN_CELL."""
    if n < MIN_CELL or 0 < count < MIN_CELL:
        return Cell(n, hidden=True)
    low, high = stats.binomtest(count, n).proportion_ci(0.95, method="wilson")
    return Cell(n, count / n, float(low), float(high), count=count)


def mean_cell(values: Sequence[float]) -> Cell:
    n = len(values)
    if n < MIN_CELL:
        return Cell(n, hidden=True)
    centre = mean(values)
    half = float(stats.t.ppf(0.975, n - 1)) * stdev(values) / math.sqrt(n)
    return Cell(n, centre, max(0.0, centre - half), centre + half)


def median_cell(values: Sequence[float]) -> Cell:
    """The median with a distribution-free 95% interval from order statistics (at least 95%
    coverage; for fewer than 6 values the interval is the whole range)."""
    n = len(values)
    if n < MIN_CELL:
        return Cell(n, hidden=True)
    ordered = sorted(values)
    j = max(int(stats.binom.ppf(0.025, n, 0.5)) - 1, 0)  # 0-based lower order statistic
    k = min(n - 1 - j, n - 1)
    return Cell(n, median(ordered), ordered[j], ordered[k])


def _window(person: PersonOutcome, end: date, days: int) -> list[date]:
    first = end - timedelta(days=days - 1)
    return [d for d in person.logged if first <= d <= end]


def still_logging(person: PersonOutcome, days: int) -> bool:
    end = person.start + timedelta(days=days)
    return bool(_window(person, end, LOGGING_WINDOW_DAYS))


def flare_rate(person: PersonOutcome, days: int) -> float | None:
    """Flare days per 30 logged days in the 30 days up to the milestone, or None."""
    logged = _window(person, person.start + timedelta(days=days), FLARE_WINDOW_DAYS)
    if len(logged) < MIN_LOGGED_DAYS:
        return None
    return sum(d in person.flare for d in logged) / len(logged) * FLARE_WINDOW_DAYS


def movement_ratio(person: PersonOutcome, days: int) -> float | None:
    """Movement per logged day near the milestone over the first two weeks', or None."""
    first = _window(person, person.start + timedelta(MOVEMENT_WINDOW_DAYS - 1),
                    MOVEMENT_WINDOW_DAYS)  # fmt: skip
    late = _window(person, person.start + timedelta(days=days), MOVEMENT_WINDOW_DAYS)
    if len(first) < MIN_MOVEMENT_DAYS or len(late) < MIN_MOVEMENT_DAYS:
        return None
    before = mean(person.minutes.get(d, 0.0) for d in first)
    if before <= 0:
        return None
    return mean(person.minutes.get(d, 0.0) for d in late) / before


def outcomes(people: Sequence[PersonOutcome], instruments: Sequence[tuple[str, str]]) -> list[Row]:
    """Every row of the clinic's table; `instruments` are (id, name) pairs with an MCID."""
    at = [[p for p in people if reached(p, days)] for _, _, days in MILESTONES]
    asked = [[p for p in people if closed(p, days)] for _, _, days in MILESTONES]
    occasions = [key for key, _, _ in MILESTONES]
    rows = []
    for inst, name in instruments:
        rows.append(Row(f"answered:{inst}", f"Answered the {name}", "share", tuple(
            share(sum((inst, occ) in p.answered for p in group), len(group))
            for occ, group in zip(occasions, asked, strict=True)
        )))  # fmt: skip
        rows.append(Row(f"better:{inst}", f"{name} better by a meaningful change", "share",
                        tuple(_better(group, inst, occ)
                              for occ, group in zip(occasions, at, strict=True))))  # fmt: skip
    windows = [days for _, _, days in MILESTONES]
    rows.append(Row("logging", "Still logging (an entry in the last 2 weeks)", "share", tuple(
        share(sum(still_logging(p, d) for p in group), len(group))
        for d, group in zip(windows, at, strict=True)
    )))  # fmt: skip
    rows.append(Row("flare_days", "Flare days per month", "per month", tuple(
        mean_cell(_known(flare_rate(p, d) for p in group))
        for d, group in zip(windows, at, strict=True)
    )))  # fmt: skip
    rows.append(Row("movement", "Movement per day, compared with the first 2 weeks", "ratio",
                    tuple(median_cell(_known(movement_ratio(p, d) for p in group))
                          for d, group in zip(windows, at, strict=True))))  # fmt: skip
    return rows


def _better(group: Sequence[PersonOutcome], inst: str, occasion: str) -> Cell:
    compared = [p for p in group if (inst, occasion) in p.compared]
    return share(sum((inst, occasion) in p.better for p in compared), len(compared))


def _known(values) -> list[float]:
    return [v for v in values if v is not None]
