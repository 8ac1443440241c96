"""The stored program: build it with the core, change it, and hand it to the pacing engine.

Web pages and the API both call these functions, so each rule lives here once. The program
builder itself is pure (``pacewise.core.program``); this module maps rows to core records
(``to_core``) and back, and records every change with who made it (``ProgramChange``).

For the Today page: ``pacing_profile_for(patient)`` returns the pacing engine's ``Profile``:
one ``PlanActivity`` per program exercise (key = exercise id, dosed by the core's
``to_pacing_profile``), plus one per activity the person said they already do on a usual
day (key = the diary activity key, ``starting_amount`` = their usual minutes). Pass it to
``pacewise.core.pacing.day_plan.plan_day(profile, history, today, checkin)``. Sessions logged by the
player carry ``planned_item`` = the exercise id, so they match the activity keys. While
``red_flags.pause_rules(patient).program_exercises`` is false, do not offer the program's
exercises.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from django.db import transaction
from django.utils import timezone

from pacewise.core.errors import RuleError
from pacewise.core.facts import PlanActivity, Profile
from pacewise.core.pacing.week_days import WeekDay, week_day, week_start
from pacewise.core.pacing.wording import pain_during_advice
from pacewise.core.program import (
    Prescription,
    WeeklyProgram,
    build_program,
    conflicts,
    swap_to_easier,
    to_pacing_profile,
)
from pacewise.diary.catalog import activity_label
from pacewise.diary.days import summaries
from pacewise.plans.library import Library, load_library

from .models import Program, ProgramChange, ProgramItem
from .onboarding import profile_as_dict, profile_from_dict, program_profile

SNAPSHOT_FIELDS = (
    "exercise_id", "category", "sessions_per_week", "sets", "reps", "minutes", "bouts",
    "each_side", "optional", "for_conditions", "reason", "added_by", "changed_by_label",
    "swapped_from",
)  # fmt: skip
#: Which weekday (0 = Monday) a category starts on, so strength days do not all fall on Monday.
LIMIT_TEXT = {
    "painful_wrists_hands": "it loads the wrists or needs a firm grip (painful wrists or hands)",
    "no_floor": "it needs getting down to the floor",
    "balance_problems": "it asks too much of balance",
    "knee_pain_kneeling": "it needs kneeling",
    "cannot_stand_long": "it is done standing",
    "in_flare": "it is not flare-safe",
    "avoided": "the person said they do not want this kind of exercise",
}


class ProgramError(RuleError):
    """A change breaks a program rule; ``field`` names the input it is about."""


@dataclass(frozen=True)
class Actor:
    """Who changes the program: the person themself, or a clinician through a share."""

    user: object
    label: str
    by_clinician: bool


def actor_for(request, grant) -> Actor:
    """The signed-in user acting on this record: "Name", or "Name (Clinic)" for a clinician."""
    return Actor(request.user, grant.actor_label, by_clinician=not grant.is_owner)


@dataclass(frozen=True)
class Dose:
    sessions_per_week: int
    sets: int | None = None
    reps: int | None = None
    minutes: int | None = None


@cache
def library() -> Library:
    return load_library()


def exercise_name(exercise_id: str) -> str:
    return library().get(exercise_id).name if exercise_id in library() else exercise_id


def program_for(patient) -> Program | None:
    return Program.objects.filter(patient=patient).first()


def active_items(program: Program):
    return program.items.filter(removed_at__isnull=True)


# ---------------------------------------------------------------------------------------
# Mapping rows <-> core records


def _from_prescription(p: Prescription) -> dict:
    return {
        "exercise_id": p.exercise_id,
        "category": p.category,
        "sessions_per_week": p.sessions_per_week,
        "sets": p.sets,
        "reps": p.reps,
        "minutes": p.minutes,
        "bouts": p.bouts,
        "each_side": p.each_side,
        "optional": p.optional,
        "for_conditions": list(p.for_conditions),
        "reason": p.reason,
    }


def to_prescription(item: ProgramItem) -> Prescription:
    return Prescription(
        exercise_id=item.exercise_id,
        name=exercise_name(item.exercise_id),
        category=item.category,
        sessions_per_week=item.sessions_per_week,
        sets=item.sets,
        reps=item.reps,
        minutes=item.minutes,
        bouts=item.bouts,
        each_side=item.each_side,
        optional=item.optional,
        for_conditions=tuple(item.for_conditions),
        reason=item.reason,
    )


def to_core(program: Program, items=None) -> WeeklyProgram:
    items = list(active_items(program)) if items is None else items
    return WeeklyProgram(
        profile=profile_from_dict(program.profile),
        items=tuple(to_prescription(i) for i in items),
        gaps=tuple(program.gaps),
        notes=tuple(program.notes),
    )


def snapshot(item: ProgramItem) -> dict:
    return {name: getattr(item, name) for name in SNAPSHOT_FIELDS}


def dose_text(item: ProgramItem) -> str:
    return to_prescription(item).dose_text


def days_text(n: int) -> str:
    return "every day" if n == 7 else ("1 day a week" if n == 1 else f"{n} days a week")


# ---------------------------------------------------------------------------------------
# Building and the person's own changes


def _change(patient, item, kind: str, text: str, actor: Actor) -> None:
    ProgramChange.objects.create(
        patient=patient,
        item=item,
        kind=kind,
        text=text[:300],
        actor=actor.user,
        actor_label=actor.label,
        by_clinician=actor.by_clinician,
    )


@transaction.atomic
def build_for(patient, actor: Actor) -> Program:
    """Build (or rebuild) the program from the person's onboarding answers."""
    profile = program_profile(patient.onboarding, library())
    weekly = build_program(profile, library())
    now = timezone.now()
    program, created = Program.objects.update_or_create(
        patient=patient,
        defaults={
            "profile": profile_as_dict(profile),
            "notes": list(weekly.notes),
            "gaps": list(weekly.gaps),
            "built_at": now,
        },
    )
    if not created:
        active_items(program).update(removed_at=now)
    for order, p in enumerate(weekly.items):
        ProgramItem.objects.create(
            program=program, patient=patient, order=order, **_from_prescription(p)
        )
    text = "Made your program from your answers." if created else "Remade your program."
    _change(patient, None, "built", text, actor)
    return program


@transaction.atomic
def swap_easier(item: ProgramItem, actor: Actor) -> ProgramItem:
    """ "This hurts": the nearest easier version that fits, for this and future sessions.

    Raises ``NoEasierOption`` when the exercise is already the gentlest at its smallest dose.
    """
    items = list(active_items(item.program).select_for_update())
    index = [i.pk for i in items].index(item.pk)
    item = items[index]
    new = swap_to_easier(to_core(item.program, items), item.exercise_id, library()).items[index]
    old_id, old_dose = item.exercise_id, dose_text(item)
    item.previous = [*(item.previous or []), snapshot(item)]
    for name, value in _from_prescription(new).items():
        setattr(item, name, value)
    item.swapped_from = old_id if new.exercise_id != old_id else item.swapped_from
    item.added_by = _who(actor)
    item.changed_by_label = actor.label
    item.save()
    if new.exercise_id != old_id:
        text = f"Swapped {exercise_name(old_id)} for an easier version: {new.name}."
    else:
        text = f"Made {new.name} smaller: {new.dose_text} instead of {old_dose}."
    _change(item.patient, item, "easier", text, actor)
    return item


@transaction.atomic
def undo(item: ProgramItem, actor: Actor) -> ProgramItem:
    """Put back what the last swap replaced."""
    if not item.previous:
        raise ProgramError("item", "There is nothing to undo for this exercise.")
    *rest, last = item.previous
    current = exercise_name(item.exercise_id)
    for name, value in last.items():
        setattr(item, name, value)
    item.previous = rest or None
    item.save()
    text = f"Put back {exercise_name(item.exercise_id)} in place of {current}."
    _change(item.patient, item, "undo", text, actor)
    return item


# ---------------------------------------------------------------------------------------
# Clinician edits


def _who(actor: Actor) -> str:
    return ProgramItem.AddedBy.CLINICIAN if actor.by_clinician else ProgramItem.AddedBy.PATIENT


def check_fits(program: Program, exercise_id: str, *, field: str = "exercise_id"):
    if exercise_id not in library():
        raise ProgramError(field, "Choose an exercise from the list.")
    exercise = library().get(exercise_id)
    broken = conflicts(exercise, profile_from_dict(program.profile))
    if broken:
        reasons = [
            LIMIT_TEXT.get(b, b.replace("equipment:", "it needs equipment: ").replace("_", " "))
            for b in broken
        ]
        raise ProgramError(field, f"This exercise does not fit: {'; '.join(reasons)}.")
    if active_items(program).filter(exercise_id=exercise_id).exists():
        raise ProgramError(field, "This exercise is already in the program.")
    return exercise


def check_dose(dose: Dose) -> None:
    if dose.minutes is None and (dose.sets is None or dose.reps is None):
        raise ProgramError("minutes", "Give the minutes, or both the sets and the reps.")
    if dose.minutes is not None and (dose.sets is not None or dose.reps is not None):
        raise ProgramError("minutes", "Give the minutes, or the sets and reps, not both.")


def _apply_dose(item: ProgramItem, dose: Dose) -> None:
    item.sessions_per_week, item.sets, item.reps = dose.sessions_per_week, dose.sets, dose.reps
    item.minutes, item.bouts = dose.minutes, 1


@transaction.atomic
def add(program: Program, exercise_id: str, dose: Dose, actor: Actor) -> ProgramItem:
    exercise = check_fits(program, exercise_id)
    check_dose(dose)
    last = active_items(program).order_by("-order").first()
    item = ProgramItem(
        program=program,
        patient=program.patient,
        exercise_id=exercise.id,
        category=exercise.category,
        each_side=exercise.dose.each_side,
        order=(last.order + 1) if last else 0,
        reason=f"Added by {actor.label}.",
        added_by=_who(actor),
        changed_by_label=actor.label,
    )
    _apply_dose(item, dose)
    item.save()
    days = days_text(dose.sessions_per_week)
    _change(
        program.patient, item, "added", f"Added {exercise.name}: {dose_text(item)}, {days}.", actor
    )
    return item


@transaction.atomic
def remove(item: ProgramItem, actor: Actor) -> None:
    item.removed_at = timezone.now()
    item.save(update_fields=["removed_at"])
    _change(item.patient, item, "removed", f"Removed {exercise_name(item.exercise_id)}.", actor)


@transaction.atomic
def replace_exercise(item: ProgramItem, exercise_id: str, actor: Actor) -> ProgramItem:
    exercise = check_fits(item.program, exercise_id)
    old = exercise_name(item.exercise_id)
    item.previous = [*(item.previous or []), snapshot(item)]
    item.swapped_from = item.exercise_id
    item.exercise_id, item.category = exercise.id, exercise.category
    d = exercise.dose
    item.sets, item.reps, item.minutes, item.bouts = d.sets, d.reps, d.minutes, 1
    item.each_side = d.each_side
    item.reason = f"{actor.label} chose this in place of {old}."
    item.added_by, item.changed_by_label = _who(actor), actor.label
    item.save()
    _change(item.patient, item, "swapped", f"Swapped {old} for {exercise.name}.", actor)
    return item


@transaction.atomic
def set_dose(item: ProgramItem, dose: Dose, actor: Actor) -> ProgramItem:
    check_dose(dose)
    _apply_dose(item, dose)
    item.changed_by_label = actor.label
    item.save()
    name = exercise_name(item.exercise_id)
    days = days_text(dose.sessions_per_week)
    _change(item.patient, item, "dose", f"Set {name} to {dose_text(item)}, {days}.", actor)
    return item


# ---------------------------------------------------------------------------------------
# The week, and the hand-off to the pacing engine


def week_for(patient, items, today) -> dict[int, WeekDay]:
    """Per program item: whether today is one of its days this week (core.pacing.week_days), from
    the diary's days as the pacing engine reads them (a session counts by its plan key)."""
    records = [
        s.to_record() for s in summaries(patient, week_start(today), today, by_plan_key=True)
    ]
    return {
        item.pk: week_day(
            item.sessions_per_week,
            [r.date for r in records if r.amount(item.exercise_id) > 0],
            today,
        )
        for item in items
    }


def pacing_profile_for(patient) -> Profile:
    """The pacing engine's ``Profile`` for this person (see the module docstring)."""
    program = program_for(patient)
    onboarding = getattr(patient, "onboarding", None)
    if program is not None:
        profile = to_pacing_profile(to_core(program))
    else:
        conditions = tuple(onboarding.conditions) if onboarding else ()
        fatigue = bool(onboarding and onboarding.fatigue_dominant)
        profile = Profile(conditions=conditions, fatigue_dominant=fatigue)
    usual = onboarding.current_activity if onboarding else []
    keys = {a.key for a in profile.activities}
    extra = tuple(
        PlanActivity(
            key=a["activity"],
            label=activity_label(a["activity"]),
            unit="minutes",
            starting_amount=float(a["minutes"]),
        )
        for a in usual
        if a["activity"] not in keys and a.get("minutes")
    )
    return replace(profile, activities=profile.activities + extra)


def pain_advice(patient) -> tuple[str, ...]:
    """The pain-monitoring limit, worded for the person's group (core.pacing.wording), for every
    page that prescribes exercise."""
    return pain_during_advice(pacing_profile_for(patient).rest_in_flares)
