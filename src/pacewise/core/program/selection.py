"""Choosing the exercises: which categories, which exercises in each, and easier swaps."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from .dosing import prescribe, smaller_dose
from .limitations import ExerciseLike, conflicts
from .prescription import NoEasierOption, Prescription, WeeklyProgram
from .profile import CATEGORIES, GUIDANCE, ProgramProfile
from .reasons import program_notes, reason_for

#: Exercises picked per needed category (more when several body areas need one).
PICKS = {"mobility": 2, "strength": 2, "aerobic": 1, "balance": 1, "relaxation": 1}
MAX_PICKS = 3


def category_plan(profile: ProgramProfile) -> dict[str, tuple[tuple[str, ...], bool]]:
    """category -> (conditions asking for it, optional?) in ``CATEGORIES`` order.

    A category is optional when no condition needs it (it is only offered). Balance
    practice is offered to anyone with balance problems, at low demand.
    """
    needed: dict[str, list[str]] = {}
    offered: dict[str, list[str]] = {}
    for condition in profile.effective_conditions:
        for category in GUIDANCE[condition].needed:
            needed.setdefault(category, []).append(condition)
        for category in GUIDANCE[condition].offered:
            offered.setdefault(category, []).append(condition)
    if "balance_problems" in profile.limitations:
        offered.setdefault("balance", [])
    plan = {}
    for category in CATEGORIES:
        if category in needed:
            plan[category] = (tuple(needed[category]), False)
        elif category in offered:
            plan[category] = (tuple(offered[category]), True)
    return plan


def build_program(
    profile: ProgramProfile, library_exercises: Iterable[ExerciseLike]
) -> WeeklyProgram:
    """A starting weekly program for ``profile`` from ``library_exercises``. Deterministic."""
    exercises = sorted(library_exercises, key=lambda e: e.id)
    allowed = [e for e in exercises if not conflicts(e, profile)]
    items: list[Prescription] = []
    gaps: list[str] = []
    for category, (asked_by, optional) in category_plan(profile).items():
        pool = [e for e in allowed if e.category == category]
        picks = _pick(pool, category, asked_by, optional, profile)
        if not picks:
            gaps.append(category)
        items.extend(prescribe(e, asked_by, optional, profile) for e in picks)
    return WeeklyProgram(profile, tuple(items), tuple(gaps), program_notes(profile, gaps))


def _pick(
    pool: list[ExerciseLike],
    category: str,
    asked_by: tuple[str, ...],
    optional: bool,
    profile: ProgramProfile,
) -> list[ExerciseLike]:
    conditions = set(profile.effective_conditions)
    suited = [e for e in pool if conditions & set(e.conditions)] or pool
    targets: list[frozenset[str]] = []
    for condition in asked_by:
        regions = GUIDANCE[condition].regions
        if regions and regions not in targets:
            targets.append(regions)
    count = 1 if optional else min(MAX_PICKS, max(PICKS[category], len(targets)))
    level = 1 if profile.in_flare else max(1, profile.start_level - (1 if profile.gentle else 0))
    chosen: list[ExerciseLike] = []
    covered: set[str] = set()
    for k in range(count):
        target = targets[k % len(targets)] if targets else frozenset()
        left = [e for e in suited if e not in chosen]
        if not left:
            break
        best = min(left, key=lambda e: _rank(e, target, covered, conditions, level, profile))
        chosen.append(best)
        covered |= set(best.body_regions)
    return chosen


def _rank(
    e: ExerciseLike,
    target: frozenset[str],
    covered: set[str],
    conditions: set[str],
    level: int,
    profile: ProgramProfile,
) -> tuple:
    """Sort key: preferred first; then the body area asked for; new areas (within the
    target) over covered ones; more of the person's conditions; nearest the start level;
    more new areas; broader use (suits more conditions); then id, so ties are stable."""
    regions = set(e.body_regions)
    novel = (regions & target if target else regions) - covered
    return (
        e.id not in profile.preferred,
        bool(target) and not regions & target,
        not novel,
        -len(conditions & set(e.conditions)),
        abs(e.level - level),
        e.level,
        -len(novel),
        -len(e.conditions),
        e.id,
    )


def swap_to_easier(
    program: WeeklyProgram, exercise_id: str, library: Iterable[ExerciseLike]
) -> WeeklyProgram:
    """Replace ``exercise_id`` with its nearest easier version that fits the person.

    Walks down the ``easier`` links, skipping versions that break a limitation or are
    already in the program. When none fits, the same exercise stays at a smaller dose;
    raises ``NoEasierOption`` when that is already the smallest. ``KeyError`` if the
    exercise is not in the program.
    """
    item = program.item(exercise_id)
    by_id = {e.id: e for e in library}
    if exercise_id not in by_id:
        raise KeyError(f"{exercise_id!r} is not in the library")
    exercise, profile = by_id[exercise_id], program.profile
    taken = set(program.exercise_ids)
    current = exercise.easier
    while current is not None and current in by_id:
        candidate = by_id[current]
        if current not in taken and not conflicts(candidate, profile):
            lead = f"This is an easier version of {item.name}."
            new = prescribe(candidate, item.for_conditions, item.optional, profile, lead=lead)
            return _replace_item(program, exercise_id, new)
        current = candidate.easier
    smaller = smaller_dose(item)
    if smaller == item:
        raise NoEasierOption(f"{exercise_id!r} is already the gentlest option at its smallest dose")
    lead = "This is already the gentlest version that fits you, so the amount is smaller."
    smaller = replace(smaller, reason=reason_for(smaller, exercise, profile, lead))
    return _replace_item(program, exercise_id, smaller)


def _replace_item(program: WeeklyProgram, old_id: str, new: Prescription) -> WeeklyProgram:
    items = tuple(new if p.exercise_id == old_id else p for p in program.items)
    return replace(program, items=items)
