"""A weekly program: one prescription (what, how often, how much, why) per exercise."""

from __future__ import annotations

from dataclasses import dataclass

from .profile import ProgramProfile


class NoEasierOption(ValueError):
    """The exercise is already the gentlest choice at its smallest dose."""


@dataclass(frozen=True)
class Prescription:
    exercise_id: str
    name: str
    category: str
    sessions_per_week: int
    sets: int | None
    reps: int | None
    minutes: int | None
    bouts: int
    each_side: bool
    optional: bool
    for_conditions: tuple[str, ...]
    reason: str

    @property
    def daily_amount(self) -> int:
        """Reps (sets x reps, per side) or minutes (all bouts) on a day it is done."""
        if self.minutes is not None:
            return self.minutes * self.bouts
        return (self.sets or 1) * (self.reps or 0)

    @property
    def dose_text(self) -> str:
        if self.minutes is not None:
            if self.bouts > 1:
                return f"{self.bouts} short bouts of {self.minutes} minutes"
            return f"{self.minutes} minutes"
        side = " on each side" if self.each_side else ""
        sets = "1 set" if self.sets == 1 else f"{self.sets} sets"
        return f"{sets} of {self.reps}{side}"


@dataclass(frozen=True)
class WeeklyProgram:
    profile: ProgramProfile
    items: tuple[Prescription, ...]
    gaps: tuple[str, ...]  # categories needed or offered that nothing in the library could fill
    notes: tuple[str, ...]

    @property
    def categories(self) -> frozenset[str]:
        return frozenset(p.category for p in self.items)

    @property
    def exercise_ids(self) -> tuple[str, ...]:
        return tuple(p.exercise_id for p in self.items)

    def item(self, exercise_id: str) -> Prescription:
        for p in self.items:
            if p.exercise_id == exercise_id:
                return p
        raise KeyError(f"{exercise_id!r} is not in this program")
