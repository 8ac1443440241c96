"""Baseline: learn what the person tolerates now, then start the plan below it.

Graded activity begins with a few days of logging at the usual level and sets the first quota
below what the person tolerates (Lindström et al. 1992; Veenhof et al. 2006): about 80% here,
65% for fatigue-dominant conditions (NICE NG206).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from pacewise.core import thresholds as t
from pacewise.core.diary import ONE_DAY, Diary, Usual
from pacewise.core.facts import DayRecord, PlanActivity, Profile
from pacewise.core.pacing.tolerance import learn


@dataclass(frozen=True)
class Baseline:
    """The baseline window and the starting quota (amount a day) per activity."""

    start: date
    end: date  # first day of the plan proper (exclusive end of the baseline)
    logged_days: dict[str, int]
    tolerated: dict[str, float | None]
    quotas: dict[str, float]

    def complete_on(self, day: date) -> bool:
        return day >= self.end


def start_fraction(profile: Profile) -> float:
    return t.START_FRACTION_FATIGUE if profile.fatigue_dominant else t.START_FRACTION


def find_baseline(profile: Profile, diary: Diary) -> Baseline:
    """The baseline runs from the first diary day until every activity has 5 logged days
    (and a full week has passed), or for 14 days at most."""
    start = diary.first or diary.today
    end = _baseline_end(profile, diary, start)
    records = diary.logged(start, min(end, diary.today) - ONE_DAY)
    usual = _baseline_usual(records)
    # Only mornings inside the baseline window are looked at, so a finished baseline never
    # changes afterwards (a flare after it cannot rewrite the starting quota).
    window = Diary(records, min(end, diary.today))
    logged: dict[str, int] = {}
    tolerated: dict[str, float | None] = {}
    quotas: dict[str, float] = {}
    for activity in profile.activities:
        days = [r for r in records if r.did(activity.key)]
        logged[activity.key] = len(days)
        tolerated[activity.key] = _tolerated_amount(
            activity.key, days, window, usual, profile.fatigue_dominant, activity.starting_amount
        )
        quotas[activity.key] = starting_quota(profile, activity, tolerated[activity.key])
    return Baseline(start, end, logged, tolerated, quotas)


def _baseline_end(profile: Profile, diary: Diary, start: date) -> date:
    counts = {a.key: 0 for a in profile.activities}
    latest = start + timedelta(days=t.BASELINE_MAX_DAYS)
    day = start
    while day < latest and day < diary.today:
        record = diary.get(day)
        if record is not None:
            for key in counts:
                counts[key] += record.did(key)
        day += ONE_DAY
        enough = all(c >= t.BASELINE_MIN_DAYS for c in counts.values())
        if enough and (day - start).days >= t.BASELINE_MIN_CALENDAR_DAYS:
            return day
    return latest


def _baseline_usual(records: list[DayRecord]) -> Usual:
    pains = [r.pain for r in records if r.pain is not None and not r.flare]
    return Usual(pain=float(median(pains)) if pains else None)


def _tolerated_amount(
    key: str,
    days: list[DayRecord],
    diary: Diary,
    usual: Usual,
    fatigue: bool = False,
    reported: float | None = None,
) -> float | None:
    """What the person has shown (or, before their symptoms say otherwise, reported) they tolerate
    (``core.pacing.tolerance``: the upper quartile of the baseline days that went well, so a "boom"
    paid for afterwards never sets the plan and a light day never lowers it). With no day that went
    well and nothing reported, the median of the days outside flares is used (cautious); flare days
    never set a plan."""
    shown = learn(key, days, diary, usual, fatigue, reported)
    if shown.good_days or shown.from_report:
        return shown.settled
    calm = [r.amount(key) for r in days if not r.flare]
    return float(median(calm)) if calm else None


def starting_quota(profile: Profile, activity: PlanActivity, tolerated: float | None) -> float:
    """First quota: a fraction of the tolerated amount, or of the onboarding estimate."""
    fraction = start_fraction(profile)
    if tolerated is not None and tolerated > 0:
        amount = tolerated * fraction
    elif activity.starting_amount:
        amount = activity.starting_amount * fraction
    else:
        amount = t.UNKNOWN_START_BOUTS * activity.min_bout
    return round(max(activity.min_bout, amount), 2)
