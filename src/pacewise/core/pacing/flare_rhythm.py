"""Flares that come on a rhythm are expected, not surprises.

Some people's flares recur at a steady interval (a menstrual cycle in endometriosis, a
treatment cycle, a working rota). When the person's own flare history shows one, the plan
holds in the week before the next expected flare instead of stepping up into it, and takes
the step after it (Suri 2012: flares are common and most settle within days; stepping up into
a likely flare only makes the flare week's load harder to hold).

A rhythm is trusted only when it is plain in the diary: at least ``t.RHYTHM_MIN_FLARES``
flare onsets in the last ``t.RHYTHM_WINDOW_DAYS``, whose intervals are between
``t.RHYTHM_MIN_DAYS`` and ``t.RHYTHM_MAX_DAYS`` and all within ``t.RHYTHM_TOLERANCE`` of their
median (all conventions). Anything looser is chance, and the plan goes on as usual.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from pacewise.core import thresholds as t

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Rhythm:
    every: int  # days between flare onsets (median), or the cycle's length
    last: date  # the last onset seen
    next: date  # the next expected onset
    offset: int | None = None  # by the cycle: days from a period's first day to a flare

    def because(self) -> str:
        """Why a flare is expected, in words."""
        if self.offset is None:
            return (
                f"Your flares have come about every {self.every} days (the last began on "
                f"{_day(self.last)})"
            )
        if self.offset == 0:
            when = "on the day your period starts"
        else:
            days = abs(self.offset)
            unit = "day" if days == 1 else "days"
            side = "before" if self.offset < 0 else "after"
            when = f"about {days} {unit} {side} your period starts"
        return f"Your flares have tended to start {when} (your cycle is about {self.every} days)"

    def expected_between(self, first: date, last: date) -> bool:
        """Does the expected onset (give or take ``t.RHYTHM_SLACK_DAYS``) touch [first, last]?"""
        slack = timedelta(days=t.RHYTHM_SLACK_DAYS)
        return self.next - slack <= last and self.next + slack >= first


def _day(d: date) -> str:
    return f"{d:%A} {d.day} {d:%B}"


def onsets(flare_days: Iterable[date]) -> list[date]:
    days = set(flare_days)
    return sorted(d for d in days if d - ONE_DAY not in days)


def find_rhythm(flare_days: Iterable[date], today: date) -> Rhythm | None:
    """The rhythm of the flares up to ``today`` (exclusive), or None when there is none."""
    since = today - timedelta(days=t.RHYTHM_WINDOW_DAYS)
    starts = [d for d in onsets(flare_days) if since <= d < today]
    if len(starts) < t.RHYTHM_MIN_FLARES:
        return None
    gaps = [(b - a).days for a, b in zip(starts, starts[1:], strict=False)]
    every = median(gaps)
    if not t.RHYTHM_MIN_DAYS <= every <= t.RHYTHM_MAX_DAYS:
        return None
    if any(abs(g - every) > t.RHYTHM_TOLERANCE * every for g in gaps):
        return None
    step = timedelta(days=round(every))
    expected = starts[-1] + step
    while expected + timedelta(days=t.RHYTHM_SLACK_DAYS) < today:
        expected += step  # a flare that did not come: the rhythm goes on from the last one
    return Rhythm(round(every), starts[-1], expected)


def find_cycle_rhythm(
    cycle_days: Iterable[date], flare_days: Iterable[date], today: date
) -> Rhythm | None:
    """Flares tied to the menstrual cycle: from days tagged as a period's first day
    (``DayRecord.cycle_start``), the cycle's length (median of 14-56-day gaps between starts)
    and the offset from a start to each flare onset; when at least ``t.RHYTHM_MIN_CYCLE_FLARES``
    onsets in different cycles fall within ``t.RHYTHM_SLACK_DAYS`` of their median offset, the
    next flare is expected that far from the next expected start."""
    since = today - timedelta(days=t.RHYTHM_WINDOW_DAYS)
    tagged = set(cycle_days)
    starts = sorted(d for d in tagged if d - ONE_DAY not in tagged and since <= d < today)
    gaps = [
        (b - a).days
        for a, b in zip(starts, starts[1:], strict=False)
        if t.RHYTHM_MIN_DAYS <= (b - a).days <= t.RHYTHM_MAX_DAYS
    ]
    if not gaps:
        return None
    length = round(median(gaps))
    offsets = {}
    for onset in (d for d in onsets(flare_days) if since <= d < today):
        nearest = min(starts, key=lambda s: abs((onset - s).days))
        offset = (onset - nearest).days
        if abs(offset) <= length // 2:
            offsets[nearest] = (offset, onset)  # one onset per cycle: the latest
    if len(offsets) < t.RHYTHM_MIN_CYCLE_FLARES:
        return None
    middle = round(median(o for o, _ in offsets.values()))
    if any(abs(o - middle) > t.RHYTHM_SLACK_DAYS for o, _ in offsets.values()):
        return None
    expected = starts[-1] + timedelta(days=length + middle)
    while expected + timedelta(days=t.RHYTHM_SLACK_DAYS) < today:
        expected += timedelta(days=length)
    last = max(onset for _, onset in offsets.values())
    return Rhythm(length, last, expected, offset=middle)
