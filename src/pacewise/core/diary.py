"""The diary as the engine reads it: days indexed by date, gaps left as gaps.

Only days before ``today`` are history; the engine never looks at the future. When two records
share a date the later one in the sequence wins (a back-filled correction).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from pacewise.core import thresholds as t
from pacewise.core.facts import DayRecord

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Usual:
    """A person's usual pain and fatigue (medians over recent non-flare days); None if unknown.

    ``pain_mean`` is the mean over the same days: a week's *mean* pain is compared with it, so
    that the skew of pain ratings (and their rounding to whole points) does not by itself look
    like an upward trend.
    """

    pain: float | None = None
    fatigue: float | None = None
    pain_mean: float | None = None


class Diary:
    """Read-only view of the history before ``today``."""

    def __init__(self, history: Iterable[DayRecord], today: date) -> None:
        days: dict[date, DayRecord] = {}
        for record in history:
            if record.date < today:
                days[record.date] = record
        self.days = days
        self.dates: list[date] = sorted(days)
        self.today = today

    def get(self, day: date) -> DayRecord | None:
        return self.days.get(day)

    def pain(self, day: date) -> float | None:
        record = self.days.get(day)
        return None if record is None else record.pain

    def amount(self, day: date, activity: str) -> float:
        record = self.days.get(day)
        return 0.0 if record is None else record.amount(activity)

    @property
    def first(self) -> date | None:
        return self.dates[0] if self.dates else None

    @property
    def last(self) -> date | None:
        return self.dates[-1] if self.dates else None

    def logged(self, start: date, end: date) -> list[DayRecord]:
        """Records from ``start`` to ``end`` inclusive, in date order."""
        out = []
        day = start
        while day <= end:
            record = self.days.get(day)
            if record is not None:
                out.append(record)
            day += ONE_DAY
        return out

    def usual(self, before: date, flare_days: set[date] | frozenset[date]) -> Usual:
        """Median pain and fatigue over the ``USUAL_WINDOW_DAYS`` before ``before``."""
        records = self.logged(before - timedelta(days=t.USUAL_WINDOW_DAYS), before - ONE_DAY)
        calm = [r for r in records if not r.flare and r.date not in flare_days]
        pains = [r.pain for r in calm]
        return Usual(
            pain=_median_or_none(pains),
            fatigue=_median_or_none([r.fatigue for r in calm]),
            pain_mean=_mean_or_none(pains),
        )


def _median_or_none(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    if len(known) < t.USUAL_MIN_VALUES:
        return None
    return float(median(known))


def _mean_or_none(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    if len(known) < t.USUAL_MIN_VALUES:
        return None
    return sum(known) / len(known)


def pain_limit(usual_pain: float | None) -> float:
    """Acceptable pain during activity: 5/10, or usual + 2 when usual is already high."""
    if usual_pain is None:
        return t.PAIN_DURING_LIMIT
    return max(t.PAIN_DURING_LIMIT, usual_pain + t.HIGH_USUAL_MARGIN)


def is_high(pain: float | None, usual: Usual) -> bool:
    """Pain at or above usual + 2 (the pain-defined flare margin)."""
    if pain is None or usual.pain is None:
        return False
    return pain >= usual.pain + t.FLARE_PAIN_MARGIN
