"""Coming back after a break: after 7+ days with no diary entries, start lower and build back.

Deconditioning after a break is expected, and nobody is asked to explain a gap. The return
uses the same stages as after a flare (configurable conventions in ``thresholds``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pacewise.core import thresholds as t
from pacewise.core.diary import Diary
from pacewise.core.pacing.flare import stage_days


@dataclass(frozen=True)
class Reentry:
    gap_days: int
    factor: float
    stage: int


def reentry_stages(gap_days: int) -> tuple[float, ...]:
    start = t.REENTRY_START_LONG if gap_days >= t.VERY_LONG_GAP_DAYS else t.REENTRY_START
    return (start, *(s for s in t.RETURN_STAGES if s > start))


def find_reentry(diary: Diary, today: date, fatigue_dominant: bool) -> Reentry | None:
    """The re-entry stage today, if logging resumed (or resumes today) after a long gap."""
    resumed = _last_resume(diary, today, fatigue_dominant)
    if resumed is None:
        return None
    day, gap_days = resumed
    stages = reentry_stages(gap_days)
    stage = (today - day).days // stage_days(fatigue_dominant)
    if stage >= len(stages):
        return None
    return Reentry(gap_days, stages[stage], stage)


def _last_resume(diary: Diary, today: date, fatigue: bool) -> tuple[date, int] | None:
    dates = diary.dates
    if not dates:
        return None
    if (today - dates[-1]).days > t.LONG_GAP_DAYS:
        return today, (today - dates[-1]).days - 1
    window = stage_days(fatigue) * (len(t.RETURN_STAGES) + 1)
    for i in range(len(dates) - 1, 0, -1):
        if (today - dates[i]).days > window:
            return None
        if (dates[i] - dates[i - 1]).days > t.LONG_GAP_DAYS:
            return dates[i], (dates[i] - dates[i - 1]).days - 1
    return None
