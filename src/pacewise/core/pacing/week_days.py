"""Whether today is a day for an exercise done on some days of the week.

A program asks for strength on 2 days a week, aerobic and balance work on 3, mobility on 5
(docs/evidence/exercise.md). The pacing engine gives an amount for a day the exercise is done;
this module decides whether today is such a day, from the days it was done this calendar week
(Monday to Sunday). Everything that shows or counts the plan (Today, its API, the weekly review,
Insights) reads the answer from ``ActivityTarget`` (core.pacing.day_plan), never works it out again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from pacewise.core import thresholds as t

EVERY_DAY = 7


@dataclass(frozen=True)
class WeekDay:
    days_per_week: int
    done_days: int  # days this week with any amount, today included
    asked_today: bool
    why_not: str = ""  # "rest" (a day between sessions) or "week_done"


def weekly_amount(quota: float, days_per_week: int) -> float:
    """The week's amount of an activity: a day's quota on each day it is asked for."""
    return round(quota * max(1, min(EVERY_DAY, days_per_week)), 2)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_day(days_per_week: int, done_on: Iterable[date], today: date) -> WeekDay:
    """Today's answer for an exercise done `days_per_week` days a week, given the days it was
    done (any amount). Today counts once done; a week still needing every day left asks for it
    even the day after a session."""
    per_week = max(1, min(EVERY_DAY, days_per_week))
    start = week_start(today)
    days = {d for d in done_on if start <= d <= today}
    done_today = today in days
    before = len(days - {today})
    if per_week >= EVERY_DAY or done_today:
        return WeekDay(per_week, len(days), True)
    if before >= per_week:
        return WeekDay(per_week, before, False, "week_done")
    days_left = EVERY_DAY - today.weekday()  # today included
    needed = per_week - before
    spaced = per_week <= t.REST_DAY_UP_TO_DAYS_PER_WEEK
    if spaced and needed < days_left and today - timedelta(days=1) in days:
        return WeekDay(per_week, before, False, "rest")
    return WeekDay(per_week, before, True)
