"""The week in brief: the last seven days beside the seven before, in a few plain sentences.

Average pain is compared only when both weeks have at least MIN_PAIN_DAYS days with pain
logged; a change under 1 point is "about the same" (one 0-10 rating carries about a point of
noise, and IMMPACT puts the smallest change that matters at 10-20%, about a point: Dworkin et
al., J Pain 2008;9:105-121), 1 to 2 points is "a little", and 2 points or more is "clearly"
(Farrar et al., Pain 2001;94:149-158). Missed days are counted, never scolded; the words
suit the person and their clinician alike.

Pure: no Django, no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from statistics import mean

from pacewise.core.day_summary import DaySummary

WEEK = 7
MIN_PAIN_DAYS = 3  # days with pain in each week before the weeks are compared
SMALL_CHANGE = 1.0  # pain points: below this, "about the same"
CLEAR_CHANGE = 2.0  # pain points: from here, "clearly"


@dataclass(frozen=True)
class WeekBrief:
    start: date
    end: date
    logged_days: int
    pain: float | None  # mean of the days with pain logged
    pain_before: float | None  # the same for the seven days before
    comparable: bool  # both weeks have MIN_PAIN_DAYS days with pain
    flare_days: int
    minutes: float
    planned: float | None  # the plan's minutes over the week, when a plan exists
    sleep: float | None  # mean hours on the nights logged
    sentences: tuple[str, ...]


def week_brief(
    days: Sequence[DaySummary], end: date, planned: Mapping[date, float] | None = None
) -> WeekBrief:
    """The seven days ending on `end` (today), against the seven before."""
    start = end - timedelta(days=WEEK - 1)
    this = [d for d in days if start <= d.date <= end]
    before = [d for d in days if start - timedelta(days=WEEK) <= d.date < start]
    pain, pain_before = _mean_pain(this), _mean_pain(before)
    comparable = min(_pain_days(this), _pain_days(before)) >= MIN_PAIN_DAYS
    minutes = sum(d.minutes for d in this)
    plan = _planned(planned or {}, start, end)
    nights = [d.sleep_hours for d in this if d.sleep_hours is not None]
    sleep = mean(nights) if nights else None
    flares = sum(d.flare for d in this)
    logged = sum(d.checkins > 0 or bool(d.sessions) for d in this)
    brief = WeekBrief(
        start, end, logged, pain, pain_before, comparable, flares, minutes, plan, sleep, ()
    )
    return replace(brief, sentences=_sentences(brief))


def _sentences(b: WeekBrief) -> tuple[str, ...]:
    out = [f"Logged on {b.logged_days} of the last 7 days."]
    if b.pain is not None:
        if b.comparable and b.pain_before is not None:
            words = _change_words(b.pain, b.pain_before)
            out.append(
                f"Average pain: {b.pain:.1f}, {words} the week before ({b.pain_before:.1f})."
            )
        else:
            out.append(
                f"Average pain: {b.pain:.1f} (too few days logged in one of the two weeks to "
                "compare them)."
            )
    if b.flare_days:
        out.append(f"Flare days: {b.flare_days}.")
    if b.minutes or b.planned:
        plan_words = f", against a plan of {round(b.planned)}" if b.planned else ""
        out.append(f"Movement: {round(b.minutes)} minutes{plan_words}.")
    if b.sleep is not None:
        out.append(f"Sleep: {b.sleep:.1f} hours a night on the nights logged.")
    return tuple(out)


def _change_words(pain: float, before: float) -> str:
    change = pain - before
    if abs(change) < SMALL_CHANGE:
        return "about the same as"
    size = "clearly" if abs(change) >= CLEAR_CHANGE else "a little"
    return f"{size} {'higher' if change > 0 else 'lower'} than"


def _pain_days(days: Sequence[DaySummary]) -> int:
    return sum(d.avg_pain is not None for d in days)


def _mean_pain(days: Sequence[DaySummary]) -> float | None:
    values = [d.avg_pain for d in days if d.avg_pain is not None]
    return mean(values) if values else None


def _planned(planned: Mapping[date, float], start: date, end: date) -> float | None:
    values = [v for d, v in planned.items() if start <= d <= end]
    return sum(values) if values else None

