"""Daily readiness: scale today's dose to how today is, never above the quota.

Today's dose = quota x a factor from today's pain against usual, fatigue and last night's sleep
(DESIGN §5). The factor is capped at 1: a good day is not a reason to do more, because that is
how boom-bust starts (Andrews 2012). It never falls below half, so gentle movement is kept
(NICE NG59). Short (< 6 h) and long (> 9 h) sleep both go with more next-day pain (Finan 2013;
Edwards 2008); when today's pain is reported it already carries that effect, so sleep then
counts only for a very short night. Differences under 2 points are day-to-day noise in a
0-10 rating (Farrar 2001) and never lower the dose.
"""

from __future__ import annotations

from dataclasses import dataclass

from pacewise.core import thresholds as t
from pacewise.core.diary import Usual
from pacewise.core.facts import CheckIn
from pacewise.core.pacing.wording import points


@dataclass(frozen=True)
class Readiness:
    factor: float
    because: tuple[str, ...]  # clauses such as "your morning pain is 2 points above your usual"


def readiness(checkin: CheckIn | None, usual: Usual) -> Readiness:
    if checkin is None:
        return Readiness(1.0, ())
    parts = [
        _pain_factor(checkin, usual),
        _fatigue_factor(checkin, usual),
        _sleep_factor(checkin),
    ]
    factor = 1.0
    because: list[str] = []
    for f, clause in parts:
        if f < 1.0:
            factor *= f
            because.append(clause)
    return Readiness(max(t.READINESS_FLOOR, min(1.0, factor)), tuple(because))


def _pain_factor(checkin: CheckIn, usual: Usual) -> tuple[float, str]:
    pain = checkin.pain
    if pain is None or usual.pain is None:
        return 1.0, ""
    above = pain - usual.pain
    which = "morning pain" if checkin.morning_pain is not None else "pain"
    for margin, factor in t.READINESS_PAIN_STEPS:
        if above >= margin:
            return factor, f"your {which} is {points(above)} points above your usual"
    return 1.0, ""


def _fatigue_factor(checkin: CheckIn, usual: Usual) -> tuple[float, str]:
    if checkin.fatigue is None:
        return 1.0, ""
    if usual.fatigue is not None:
        above = checkin.fatigue - usual.fatigue
        for margin, factor in t.READINESS_FATIGUE_STEPS:
            if above >= margin:
                return factor, (
                    f"you're more tired than usual ({points(checkin.fatigue)}/10, "
                    f"usually {points(usual.fatigue)})"
                )
        return 1.0, ""
    for level, factor in t.READINESS_FATIGUE_ABSOLUTE:
        if checkin.fatigue >= level:
            return factor, f"you're feeling very tired ({points(checkin.fatigue)}/10)"
    return 1.0, ""


def _sleep_factor(checkin: CheckIn) -> tuple[float, str]:
    """Sleep predicts today's pain (Finan 2013). When today's pain is reported, the pain itself
    shows what the night did, so sleep only counts again when the night was very short."""
    hours = checkin.sleep_hours
    if hours is None:
        return 1.0, ""
    steps = t.READINESS_SHORT_SLEEP if checkin.pain is None else t.READINESS_SLEEP_WITH_PAIN
    for limit, factor in steps:
        if hours < limit:
            return factor, f"you slept {points(hours)} hours"
    if checkin.pain is None and hours > t.LONG_SLEEP_HOURS:
        return t.READINESS_LONG_SLEEP, f"you slept {points(hours)} hours, more than usual"
    return 1.0, ""
