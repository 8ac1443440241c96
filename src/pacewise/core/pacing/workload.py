"""Load guards: the 7-day vs 28-day spike guard, the 48-hour energy envelope, boom-bust.

The spike guard keeps the 7-day load within ~1.3x the 28-day average (Gabbett 2016). The ratio
is a heuristic only (Impellizzeri 2020), so here it can lower today's dose but never raise it
and never drives progression. Loads are averages over *logged* days, so missing diary days do
not look like rest days.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from pacewise.core import thresholds as t
from pacewise.core.diary import Diary, Usual, is_high
from pacewise.core.facts import PlanActivity


class SpikeCap(NamedTuple):
    amount: float
    at_average: bool  # True when the cap is the 28-day daily average (its floor)


def spike_cap(diary: Diary, key: str, today: date) -> SpikeCap | None:
    """Most that can be done today without the 7-day load passing 1.3x the 28-day average.

    The cap never goes below the 28-day daily average itself: a day at or under the average
    cannot push the acute:chronic ratio further up (it pulls a raised 7-day mean back towards
    the 28-day one), so it is never a spike. The guard stops today adding to a surge; it does
    not ask for the surge to be paid back in a single day.
    """
    window = diary.logged(today - timedelta(days=28), today - timedelta(days=1))
    if len(window) < t.SPIKE_MIN_LOGGED_DAYS:
        return None
    daily = sum(r.amount(key) for r in window) / len(window)
    if daily <= 0:
        return None
    recent = [r for r in window if r.date >= today - timedelta(days=6)]
    allowed = t.SPIKE_RATIO * daily * (len(recent) + 1) - sum(r.amount(key) for r in recent)
    if allowed <= daily:
        return SpikeCap(daily, True)
    return SpikeCap(allowed, False)


def envelope_cap(diary: Diary, key: str, today: date, quota: float) -> float | None:
    """Fatigue-dominant: keep the last 48 h plus today inside three days' quota.

    Overdoing it shows up a day or two later (NICE NG206), so what was done yesterday and the
    day before is paid back today rather than stacked on.
    """
    done = sum(diary.amount(today - timedelta(days=k), key) for k in (1, 2))
    if done <= 2 * quota:
        return None
    return max(0.0, 3 * quota - done)


def boom_bust_message(
    diary: Diary,
    activity: PlanActivity,
    today: date,
    quota_on: dict[date, float],
    usual: Usual,
    flare_days: frozenset[date],
) -> str | None:
    """A gentle note when a day well above plan was followed by a harder day or two."""
    for back in range(t.BOOM_LOOKBACK_DAYS, 0, -1):
        day = today - timedelta(days=back)
        quota = quota_on.get(day)
        done = diary.amount(day, activity.key)
        if (
            quota
            and done > t.BOOM_RATIO * quota
            and _crash_after(diary, activity.key, day, quota, usual, flare_days)
        ):
            return (
                f"On {day:%A} you did {done:.0f} {_unit(activity)}, about "
                f"{done / quota:.1f} times your plan, and the next day or two were harder. "
                "That happens to almost everyone. Keeping close to the plan on good days "
                "can make the rough days fewer."
            )
    return None


def _unit(activity: PlanActivity) -> str:
    label = activity.label[:1].lower() + activity.label[1:]
    return f"{'reps' if activity.unit == 'reps' else 'minutes'} of {label}"


def _crash_after(
    diary: Diary,
    key: str,
    day: date,
    quota: float,
    usual: Usual,
    flare_days: frozenset[date],
) -> bool:
    for k in range(1, t.BOOM_CRASH_DAYS + 1):
        after = day + timedelta(days=k)
        record = diary.get(after)
        if after in flare_days:
            return True
        if record is None:
            continue
        if is_high(record.pain, usual) or record.amount(key) < t.CRASH_FRACTION * quota:
            return True
    return False
