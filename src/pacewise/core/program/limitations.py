"""What the builder reads from a library exercise, and the limitations it must never break."""

from __future__ import annotations

from typing import Protocol

from .profile import ProgramProfile


class DoseLike(Protocol):
    @property
    def sets(self) -> int | None: ...
    @property
    def reps(self) -> int | None: ...
    @property
    def minutes(self) -> int | None: ...
    @property
    def each_side(self) -> bool: ...


class ExerciseLike(Protocol):
    """What the builder reads from a library exercise (``plans.library.Exercise`` fits)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def level(self) -> int: ...
    @property
    def position(self) -> str: ...
    @property
    def equipment(self) -> tuple[str, ...]: ...
    @property
    def body_regions(self) -> tuple[str, ...]: ...
    @property
    def conditions(self) -> tuple[str, ...]: ...
    @property
    def dose(self) -> DoseLike: ...
    @property
    def easier(self) -> str | None: ...
    @property
    def loads_wrists(self) -> bool: ...
    @property
    def needs_floor(self) -> bool: ...
    @property
    def kneeling(self) -> bool: ...
    @property
    def balance_demand(self) -> str: ...
    @property
    def flare_safe(self) -> bool: ...


def modifications_of(exercise: ExerciseLike) -> frozenset[str]:
    """The modification flags an exercise satisfies, derived from its safety fields."""
    flags = {
        "wrist_friendly": not exercise.loads_wrists,
        "knee_friendly": not exercise.kneeling,
        "floor_free": not exercise.needs_floor,
        "chair_based": exercise.position == "seated" and "chair" in exercise.equipment,
        "low_balance_demand": exercise.balance_demand == "low",
    }
    return frozenset(name for name, ok in flags.items() if ok)


def conflicts(exercise: ExerciseLike, profile: ProgramProfile) -> tuple[str, ...]:
    """The rules ``exercise`` would break for ``profile``; empty when it may be prescribed."""
    limits = profile.effective_limitations
    broken = []
    if "painful_wrists_hands" in limits and exercise.loads_wrists:
        broken.append("painful_wrists_hands")
    if "no_floor" in limits and (exercise.needs_floor or exercise.position == "floor"):
        broken.append("no_floor")
    if "balance_problems" in limits and exercise.balance_demand != "low":
        broken.append("balance_problems")
    if "knee_pain_kneeling" in limits and exercise.kneeling:
        broken.append("knee_pain_kneeling")
    if "cannot_stand_long" in limits and exercise.position in ("standing", "floor"):
        broken.append("cannot_stand_long")
    missing = sorted(set(exercise.equipment) - {"none"} - profile.equipment)
    broken.extend(f"equipment:{item}" for item in missing)
    if profile.in_flare and not exercise.flare_safe:
        broken.append("in_flare")
    if exercise.id in profile.avoided:
        broken.append("avoided")
    return tuple(broken)
