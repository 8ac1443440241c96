"""Plain records shared by the pacing engine, the simulator and the shell.

Every field the diary may leave empty is ``Optional``: missing days and missing answers are
normal in a pain diary, and the engine must cope with them rather than ask for them.
Pain, fatigue, stress and exertion are on 0-10 scales; sleep is in hours.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Unit = Literal["minutes", "reps"]
DecisionKind = Literal["accepted", "smaller", "same"]


@dataclass(frozen=True)
class ActivitySession:
    """One logged bout of an activity.

    ``amount`` is minutes, or the total number of repetitions (sets x reps) for "reps"
    activities. ``planned`` is False for activity done outside the plan.
    """

    activity: str
    amount: float
    exertion: float | None = None
    pain_during: float | None = None
    pain_after: float | None = None
    planned: bool = True


@dataclass(frozen=True)
class DayRecord:
    """Everything the diary knows about one local day."""

    date: date
    avg_pain: float | None = None
    morning_pain: float | None = None
    fatigue: float | None = None
    sleep_hours: float | None = None
    stress: float | None = None
    flare: bool = False
    sessions: tuple[ActivitySession, ...] = ()
    cycle_start: bool = False  # tagged as the day a period began (core.tag_kinds)

    def amount(self, activity: str) -> float:
        """Total amount of ``activity`` logged on this day (0 when none)."""
        return sum(s.amount for s in self.sessions if s.activity == activity)

    def did(self, activity: str) -> bool:
        return any(s.activity == activity for s in self.sessions)

    @property
    def pain(self) -> float | None:
        """The day's pain figure: morning pain when given, else the day's average."""
        return self.morning_pain if self.morning_pain is not None else self.avg_pain


@dataclass(frozen=True)
class CheckIn:
    """Today's morning check-in, given before today's plan is made. All answers optional."""

    morning_pain: float | None = None
    sleep_hours: float | None = None
    fatigue: float | None = None
    pain_now: float | None = None
    flare: bool = False

    @property
    def pain(self) -> float | None:
        return self.morning_pain if self.morning_pain is not None else self.pain_now


@dataclass(frozen=True)
class PlanActivity:
    """An activity in the person's plan.

    ``min_bout`` is the smallest bout worth suggesting (a few minutes count). ``starting_amount``
    is what the person reports as a usual day's amount at onboarding; it is used only until the
    baseline diary can say more. Amounts are per day the activity is done: every day, or on
    ``days_per_week`` days of the calendar week (core.pacing.week_days decides which).
    """

    key: str
    label: str
    unit: Unit = "minutes"
    min_bout: float = 2.0
    starting_amount: float | None = None
    days_per_week: int = 7  # a program exercise: the days it is asked for (core.pacing.week_days)


# The two everyday activities a plan starts with before a program is chosen (and the
# simulated people's activities).
WALK = PlanActivity("walk", "Walking", "minutes", 2.0)
SIT_TO_STAND = PlanActivity("sit_to_stand", "Sit-to-stand", "reps", 5.0)


@dataclass(frozen=True)
class Overrides:
    """Clinician settings. Each one, when set, wins over the engine's own figure."""

    progression_rate: float | None = None
    quota: Mapping[str, float] = field(default_factory=dict)
    cap: Mapping[str, float] = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True)
class Decision:
    """The person's answer to one weekly review.

    "accepted": the proposed change applies as it is. "smaller": only ``step`` (0-1) of each
    proposed raise applies, e.g. 0.5 = half the step; "same": none of it (step 0). A smaller
    step never changes a hold or a step back. ``confidence`` is the 0-10 ruler answer, kept
    for the record.
    """

    kind: DecisionKind = "accepted"
    step: float = 1.0
    confidence: int | None = None


def rest_in_flares(conditions, fatigue_dominant: bool) -> bool:
    """Rest is part of managing a flare for fatigue-dominant people and lupus (NICE NG206;
    EULAR 2024); for everyone else gentle movement is, and rest alone does not help
    (NICE NG59). The one home of this rule: advice is worded per group from it."""
    return fatigue_dominant or "lupus_autoimmune" in conditions


@dataclass(frozen=True)
class Profile:
    """``decisions`` maps the first day of a reviewed week to the person's decision on that
    review; without one, the engine's proposal applies (the person has not answered yet)."""

    conditions: tuple[str, ...] = ()
    fatigue_dominant: bool = False
    activities: tuple[PlanActivity, ...] = ()
    overrides: Overrides = field(default_factory=Overrides)
    decisions: Mapping[date, Decision] = field(default_factory=dict)

    @property
    def rest_in_flares(self) -> bool:
        return rest_in_flares(self.conditions, self.fatigue_dominant)
