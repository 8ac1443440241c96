"""Flares: accept a declared flare at face value, and detect one from the diary.

A pain-defined flare is pain at least 2 points above usual on 2+ days in a row (Costa et al.
2019/2021; DESIGN §5). In a flare the plan deloads to about half of the pre-flare quota while
keeping gentle movement (NICE NG59), then returns to it in stages over 1-2 weeks (Suri 2012;
the stages are configurable conventions in ``thresholds``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, Protocol

from pacewise.core import thresholds as t
from pacewise.core.diary import ONE_DAY, Diary, Usual, is_high

FlarePhase = Literal["none", "flare", "returning"]
_LOOKBACK_DAYS = 35  # longer than any settle + return window


@dataclass(frozen=True)
class FlareCalendar:
    """Flare days and "high pain" days in the history, found in one forward pass."""

    flare_days: frozenset[date]
    high_days: frozenset[date]
    # flare days known only from the day after (the first of two high days in a row)
    hindsight: frozenset[date] = frozenset()

    def as_of(self, day: date) -> FlareCalendar:
        """The calendar as it stood on ``day``, with the diary up to the day before: a first
        high day is not yet a flare day until the next day has been seen too."""
        unseen = frozenset(d for d in self.hindsight if d + ONE_DAY >= day)
        if not unseen:
            return self
        return FlareCalendar(self.flare_days - unseen, self.high_days, self.hindsight - unseen)

    def before(self, day: date) -> FlareCalendar:
        """The calendar ``find_flares`` gives for the diary before ``day``: the pass runs
        forward in the same 7-day blocks and each block's usual looks back, so it is this one
        as of ``day`` with the later days left out."""
        seen = self.as_of(day)
        return FlareCalendar(
            frozenset(d for d in seen.flare_days if d < day),
            frozenset(d for d in seen.high_days if d < day),
            frozenset(d for d in seen.hindsight if d < day),
        )


@dataclass(frozen=True)
class FlareStatus:
    phase: FlarePhase
    factor: float = 1.0
    detected_today: bool = False
    stage: int = 0
    stages: int = 0


def find_flares(diary: Diary) -> FlareCalendar:
    """Mark declared flare days and runs of 2+ days at usual + 2, week by week.

    Usual pain is recomputed once per 7-day block from the 28 days before it, leaving out flare
    days already found, so a flare does not raise the "usual" it is measured against.
    """
    flare: set[date] = set()
    high: set[date] = set()
    hindsight: set[date] = set()
    if diary.first is None:
        return FlareCalendar(frozenset(), frozenset())
    block_start = diary.first
    while block_start < diary.today:
        usual = diary.usual(block_start, flare)
        for offset in range(7):
            _mark_day(diary, block_start + timedelta(days=offset), usual, flare, high, hindsight)
        block_start += timedelta(days=7)
    return FlareCalendar(frozenset(flare), frozenset(high), frozenset(hindsight))


def _mark_day(
    diary: Diary, day: date, usual: Usual, flare: set[date], high: set[date], hindsight: set[date]
) -> None:
    record = diary.get(day)
    if record is None:
        return
    if record.flare:
        flare.add(day)
    if is_high(record.pain, usual):
        high.add(day)
        if day - ONE_DAY in high:
            if day - ONE_DAY not in flare:
                hindsight.add(day - ONE_DAY)
            flare.update((day, day - ONE_DAY))


def settle_days(fatigue_dominant: bool) -> int:
    return t.FLARE_SETTLE_DAYS_FATIGUE if fatigue_dominant else t.FLARE_SETTLE_DAYS


def stage_days(fatigue_dominant: bool) -> int:
    return t.RETURN_STAGE_DAYS_FATIGUE if fatigue_dominant else t.RETURN_STAGE_DAYS


def recovery_days(fatigue_dominant: bool) -> int:
    """Days from the last flare day until the staged return is complete."""
    return settle_days(fatigue_dominant) + len(t.RETURN_STAGES) * stage_days(fatigue_dominant)


@dataclass(frozen=True)
class Today:
    """What is known about today before the plan is made."""

    day: date
    pain: float | None
    declared_flare: bool
    has_data: bool
    usual: Usual


def flare_status(diary: Diary, calendar: FlareCalendar, today: Today, fatigue: bool) -> FlareStatus:
    """Today's place in the flare protocol: none, flare (deload) or returning (stage k)."""
    detected = is_high(today.pain, today.usual) and (today.day - ONE_DAY) in calendar.high_days
    if today.declared_flare or detected:
        return FlareStatus("flare", t.FLARE_DELOAD, detected_today=detected)
    last = _last_flare_day(calendar, today.day)
    if last is None:
        return FlareStatus("none")
    settled_on = _settled_on(diary, calendar, last, today, settle_days(fatigue))
    if settled_on is None:
        return FlareStatus("flare", t.FLARE_DELOAD)
    stage = (today.day - settled_on).days // stage_days(fatigue)
    if stage >= len(t.RETURN_STAGES):
        return FlareStatus("none")
    return FlareStatus(
        "returning", t.RETURN_STAGES[stage], stage=stage, stages=len(t.RETURN_STAGES)
    )


def _last_flare_day(calendar: FlareCalendar, today: date) -> date | None:
    for back in range(1, _LOOKBACK_DAYS + 1):
        day = today - timedelta(days=back)
        if day in calendar.flare_days:
            return day
    return None


def _settled_on(
    diary: Diary, calendar: FlareCalendar, last: date, today: Today, needed: int
) -> date | None:
    """The day the flare counted as settled: the ``needed``-th calm day with data after it.

    A calm day is one outside the flare whose pain, when rated, is below usual + 2: a day
    still 2+ points up is not "settled", declared or not (Costa 2019). With no data at all for
    a long gap after the flare, time is taken to have settled it.
    """
    calm = 0
    day = last + ONE_DAY
    while day <= today.day:
        has_data = today.has_data if day == today.day else diary.get(day) is not None
        pain = today.pain if day == today.day else diary.pain(day)
        if has_data and day not in calendar.flare_days and not is_high(pain, today.usual):
            calm += 1
            if calm >= needed:
                return day
        day += ONE_DAY
    if (today.day - last).days > t.LONG_GAP_DAYS:
        return last + timedelta(days=t.LONG_GAP_DAYS)
    return None


class _Declared(Protocol):
    @property
    def date(self) -> date: ...
    @property
    def flare(self) -> bool: ...


def declared_runs(days: Iterable[_Declared]) -> list[tuple[date, date]]:
    """Declared flare days as runs of consecutive dates, (first, last) each, in date order: a
    day between two flare days without a flare said (or not logged) ends one run, so nothing
    claims a flare on a day nobody said so (a diary record or a day summary alike)."""
    runs: list[tuple[date, date]] = []
    for day in sorted(d.date for d in days if d.flare):
        if runs and (day - runs[-1][1]).days == 1:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs
