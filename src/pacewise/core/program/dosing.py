"""How much of each exercise: the library dose, lowered for a gentle start or a flare.

These factors are Pacewise defaults, not trial constants (docs/evidence/exercise.md).
"""

from __future__ import annotations

import math
from dataclasses import replace

from .limitations import ExerciseLike
from .prescription import Prescription
from .profile import ProgramProfile
from .reasons import reason_for

#: Pacewise defaults (conventions, configurable): see docs/evidence/exercise.md.
GENTLE_START = 0.6  # DESIGN §5: start at 60-70% for fatigue-dominant conditions
FLARE_DELOAD = 0.5  # CLINICAL §2: deload to about half in a flare
SHORT_BOUT_MINUTES = 5
MIN_REPS, MIN_MINUTES = 3, 2
SESSIONS_PER_WEEK = {"mobility": 5, "strength": 2, "aerobic": 3, "balance": 3, "relaxation": 7}


def prescribe(
    exercise: ExerciseLike,
    asked_by: tuple[str, ...],
    optional: bool,
    profile: ProgramProfile,
    *,
    lead: str | None = None,
) -> Prescription:
    factor = (GENTLE_START if profile.gentle else 1.0) * (FLARE_DELOAD if profile.in_flare else 1.0)
    dose = exercise.dose
    sets = reps = minutes = None
    bouts = 1
    if dose.minutes is not None:
        minutes = min(dose.minutes, max(MIN_MINUTES, round(dose.minutes * factor)))
        if profile.short_bouts and exercise.category == "aerobic" and minutes > SHORT_BOUT_MINUTES:
            bouts = math.ceil(minutes / SHORT_BOUT_MINUTES)
            minutes = math.ceil(minutes / bouts)
    else:
        base_sets, base_reps = dose.sets or 1, dose.reps or MIN_REPS
        total = base_sets * base_reps * factor
        sets = max(1, min(base_sets, round(total / base_reps)))
        reps = base_reps if sets > 1 or total >= base_reps else max(MIN_REPS, round(total))
    item = Prescription(
        exercise_id=exercise.id,
        name=exercise.name,
        category=exercise.category,
        sessions_per_week=SESSIONS_PER_WEEK[exercise.category],
        sets=sets,
        reps=reps,
        minutes=minutes,
        bouts=bouts,
        each_side=dose.each_side,
        optional=optional,
        for_conditions=asked_by,
        reason="",
    )
    return replace(item, reason=reason_for(item, exercise, profile, lead))


def smaller_dose(item: Prescription) -> Prescription:
    if item.minutes is not None:
        return replace(item, minutes=max(MIN_MINUTES, item.minutes // 2))
    if item.sets and item.sets > 1:
        return replace(item, sets=item.sets - 1)
    return replace(item, reps=max(MIN_REPS, (item.reps or MIN_REPS) // 2))
