"""Handing a program to the pacing engine: one planned activity per exercise."""

from __future__ import annotations

from pacewise.core.facts import PlanActivity, Profile, Unit

from .dosing import MIN_MINUTES, MIN_REPS
from .prescription import WeeklyProgram
from .profile import CONDITIONS


def to_plan_activities(program: WeeklyProgram) -> tuple[PlanActivity, ...]:
    """One pacing-engine activity per exercise; the amount is per day it is done, on the
    program's days a week."""
    activities = []
    unit: Unit
    for p in program.items:
        if p.minutes is not None:
            unit, bout = "minutes", float(min(MIN_MINUTES, p.minutes))
        else:
            unit, bout = "reps", float(p.reps or MIN_REPS)
        activities.append(
            PlanActivity(
                key=p.exercise_id,
                label=p.name,
                unit=unit,
                min_bout=bout,
                starting_amount=float(p.daily_amount),
                days_per_week=p.sessions_per_week,
            )
        )
    return tuple(activities)


def to_pacing_profile(program: WeeklyProgram) -> Profile:
    """The pacing engine's ``Profile`` for this program (fatigue-dominant when gentle)."""
    profile = program.profile
    return Profile(
        conditions=tuple(c for c in CONDITIONS if c in profile.conditions),
        fatigue_dominant=profile.gentle,
        activities=to_plan_activities(program),
    )
