"""Monitoring figures a clinic is asked for (remote monitoring programs): per person, the days
with diary data in each 30-day period since monitoring began, and the care team's management
time per calendar month, with the part spent in live conversation.

For example, US remote therapeutic monitoring counts days of data per 30 days (2-15, or 16 or
more) and management time in 20-minute blocks. Pacewise reports the figures only; it claims
nothing about eligibility or billing (docs/evidence/triage.md, "Monitoring figures").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

PERIOD_DAYS = 30


@dataclass(frozen=True)
class Period:
    first: date
    last: date  # inclusive; the current period ends today
    days_with_data: int


@dataclass(frozen=True)
class Minutes:
    total: int
    live: int  # of which in a live conversation (a call or a visit)


def periods(data_days: Iterable[date], began: date, today: date) -> list[Period]:
    """30-day periods from ``began`` to ``today``, each with its number of days with data."""
    days = set(data_days)
    out = []
    first = began
    while first <= today:
        last = min(first + timedelta(days=PERIOD_DAYS - 1), today)
        count = sum(1 for d in days if first <= d <= last)
        out.append(Period(first, last, count))
        first += timedelta(days=PERIOD_DAYS)
    return out


def month_minutes(entries: Iterable[tuple[date, int, bool]], year: int, month: int) -> Minutes:
    """Minutes logged in one calendar month: (day, minutes, live) entries."""
    inside = [(m, live) for d, m, live in entries if (d.year, d.month) == (year, month)]
    return Minutes(sum(m for m, _ in inside), sum(m for m, live in inside if live))
