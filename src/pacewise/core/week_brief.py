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
from dataclasses import dataclass
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
    pain = _mean_pain(this)
    pain_before = _mean_pain(before)
    minutes = sum(d.minutes for d in this)
    plan = _planned(planned or {}, start, end)
    nights = [d.sleep_hours for d in this if d.sleep_hours is not None]
    sleep = mean(nights) if nights else None
    flares = sum(d.flare for d in this)
    logged = sum(d.checkins > 0 or bool(d.sessions) for d in this)
    sentences = [f"Logged on {logged} of the last 7 days."]
    if pain is not None:
        sentences.append(_pain_sentence(this, before, pain, pain_before))
    if flares:
        sentences.append(f"Flare days: {flares}.")
    if minutes or plan:
        plan_words = f", against a plan of {round(plan)}" if plan else ""
        sentences.append(f"Movement: {round(minutes)} minutes{plan_words}.")
    if sleep is not None:
        sentences.append(f"Sleep: {sleep:.1f} hours a night on the nights logged.")
    return WeekBrief(
        start, end, logged, pain, pain_before, flares, minutes, plan, sleep, tuple(sentences)
    )


def _mean_pain(days: Sequence[DaySummary]) -> float | None:
    values = [d.avg_pain for d in days if d.avg_pain is not None]
    return mean(values) if values else None


def _planned(planned: Mapping[date, float], start: date, end: date) -> float | None:
    values = [v for d, v in planned.items() if start <= d <= end]
    return sum(values) if values else None


def _pain_sentence(
    this: Sequence[DaySummary],
    before: Sequence[DaySummary],
    pain: float,
    pain_before: float | None,
) -> str:
    text = f"Average pain: {pain:.1f}"
    counted = sum(d.avg_pain is not None for d in this)
    counted_before = sum(d.avg_pain is not None for d in before)
    if pain_before is None or min(counted, counted_before) < MIN_PAIN_DAYS:
        return text + " (too few days logged in one of the two weeks to compare them)."
    change = pain - pain_before
    if abs(change) < SMALL_CHANGE:
        words = "about the same as"
    else:
        size = "clearly" if abs(change) >= CLEAR_CHANGE else "a little"
        words = f"{size} {'higher' if change > 0 else 'lower'} than"
    return f"{text}, {words} the week before ({pain_before:.1f})."
