"""The weekly exercise program: which exercises, how often, how much, and why.

Pure: no Django, no files, no clock. ``build_program`` takes a ``ProgramProfile`` and the
exercise library (any objects shaped like ``ExerciseLike``, e.g. ``pacewise.plans.library``
records) and returns a ``WeeklyProgram``; the same input always gives the same program.

Rules (sources in docs/evidence/exercise.md, CLINICAL.md §4):

* Each condition names the categories it needs and those it only offers (``GUIDANCE``):
  low back pain - strength and mobility, anything else the person will do (NICE NG59);
  knee/hip OA - strength and low-impact aerobic first (NICE NG226, ACR 2019, OARSI 2019);
  fibromyalgia and widespread pain - aerobic, strength and flexibility, started very low
  (EULAR 2017, NICE NG193); lupus/autoimmune - gentle full-body, short bouts (EULAR 2024);
  hand/wrist arthritis - hand exercises, no wrist loading elsewhere (EULAR hand OA 2018);
  neck/shoulder - strength and mobility of the neck and shoulder girdle (IFOMPT 2023);
  endometriosis/pelvic pain - gentle movement offered as a choice only (ESHRE 2022).
* A stated limitation is never broken (``conflicts``): no wrist or hand loading with
  painful wrists/hands (implied by hand/wrist arthritis), no floor work with ``no_floor``,
  only low balance demand with ``balance_problems``, no kneeling with
  ``knee_pain_kneeling``, nothing done standing with ``cannot_stand_long``, only the
  person's equipment, only flare-safe exercises in a flare, never an avoided exercise.
* Dose starts from the library dose; fatigue-dominant people (and fibromyalgia, lupus)
  start at ``GENTLE_START`` of it, a flare halves it again (``FLARE_DELOAD``), and for
  lupus or fatigue, aerobic minutes are split into bouts of at most ``SHORT_BOUT_MINUTES``.
  These factors are Pacewise defaults, not trial constants.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Protocol

from pacewise.core.records import PlanActivity, Profile

CONDITIONS = (
    "low_back",
    "neck_shoulder",
    "knee_hip_oa",
    "hand_wrist_arthritis",
    "fibromyalgia",
    "lupus_autoimmune",
    "endometriosis_pelvic",
    "widespread",
)
CATEGORIES = ("mobility", "strength", "aerobic", "balance", "relaxation")
POSITIONS = ("standing", "seated", "lying", "floor")
BALANCE_DEMANDS = ("low", "moderate", "high")
EQUIPMENT = (
    "none", "chair", "wall", "towel", "soft_ball", "rubber_band",
    "resistance_band", "light_weights", "stationary_bike", "pool",
)  # fmt: skip
#: What a person is assumed to have unless they say otherwise.
HOUSEHOLD_EQUIPMENT = frozenset({"chair", "wall", "towel"})
BODY_REGIONS = (
    "neck", "shoulders", "upper_back", "low_back", "core", "pelvis", "hips",
    "knees", "ankles_feet", "hands_wrists", "arms", "whole_body",
)  # fmt: skip
MODIFICATIONS = (
    "wrist_friendly",
    "knee_friendly",
    "floor_free",
    "chair_based",
    "low_balance_demand",
)
LIMITATIONS = (
    "painful_wrists_hands",
    "no_floor",
    "balance_problems",
    "knee_pain_kneeling",
    "cannot_stand_long",
)

#: Pacewise defaults (conventions, configurable): see docs/evidence/exercise.md.
GENTLE_START = 0.6  # DESIGN §5: start at 60-70% for fatigue-dominant conditions
FLARE_DELOAD = 0.5  # CLINICAL §2: deload to about half in a flare
SHORT_BOUT_MINUTES = 5
MIN_REPS, MIN_MINUTES = 3, 2
SESSIONS_PER_WEEK = {"mobility": 5, "strength": 2, "aerobic": 3, "balance": 3, "relaxation": 7}
#: Exercises picked per needed category (more when several body areas need one).
PICKS = {"mobility": 2, "strength": 2, "aerobic": 1, "balance": 1, "relaxation": 1}
MAX_PICKS = 3


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


@dataclass(frozen=True)
class Guidance:
    needed: tuple[str, ...]
    offered: tuple[str, ...] = ()
    regions: frozenset[str] = frozenset()
    gentle: bool = False  # start very low and grow slowly
    short_bouts: bool = False
    choice_only: bool = False  # offered as a choice, never as treatment
    source: str = ""


GUIDANCE: dict[str, Guidance] = {
    "low_back": Guidance(
        ("strength", "mobility"), ("aerobic", "relaxation"),
        frozenset({"low_back", "core", "hips"}), source="NICE NG59",
    ),
    "neck_shoulder": Guidance(
        ("strength", "mobility"), ("relaxation",),
        frozenset({"neck", "shoulders", "upper_back"}), source="IFOMPT 2023",
    ),
    "knee_hip_oa": Guidance(
        ("strength", "aerobic"), ("mobility", "balance"),
        frozenset({"knees", "hips"}), source="NICE NG226; ACR 2019; OARSI 2019",
    ),
    "hand_wrist_arthritis": Guidance(
        ("mobility", "strength"), ("relaxation",),
        frozenset({"hands_wrists"}), source="EULAR hand OA 2018",
    ),
    "fibromyalgia": Guidance(
        ("aerobic", "strength", "mobility"), ("relaxation",), gentle=True, source="EULAR 2017",
    ),
    "lupus_autoimmune": Guidance(
        ("mobility", "strength", "aerobic"), ("relaxation",),
        gentle=True, short_bouts=True, source="EULAR 2024",
    ),
    "endometriosis_pelvic": Guidance(
        (), ("mobility", "aerobic", "relaxation"), choice_only=True, source="ESHRE 2022",
    ),
    "widespread": Guidance(
        ("aerobic", "strength", "mobility"), ("relaxation",), gentle=True, source="NICE NG193",
    ),
}  # fmt: skip

CONDITION_LABELS = {
    "low_back": "back pain",
    "neck_shoulder": "neck and shoulder pain",
    "knee_hip_oa": "knee or hip arthritis",
    "hand_wrist_arthritis": "hand and wrist arthritis",
    "fibromyalgia": "fibromyalgia",
    "lupus_autoimmune": "lupus and similar conditions",
    "endometriosis_pelvic": "endometriosis and pelvic pain",
    "widespread": "widespread pain",
}
_PURPOSE = {
    "mobility": "Easy moves like this ease stiffness.",
    "strength": "Stronger muscles support sore joints and make daily tasks easier.",
    "aerobic": "Gentle activity that lifts your breathing builds stamina and can ease pain.",
    "balance": "Balance practice helps you feel steady on your feet.",
    "relaxation": "Calm breathing and rest help settle a busy pain system.",
}

_KIND = {
    "mobility": "Mobility work",
    "strength": "Strength work",
    "aerobic": "Aerobic activity",
    "balance": "Balance practice",
    "relaxation": "Relaxation",
}


class NoEasierOption(ValueError):
    """The exercise is already the gentlest choice at its smallest dose."""


@dataclass(frozen=True)
class ProgramProfile:
    """What the builder needs to know about a person. Every field has a safe default."""

    conditions: frozenset[str] = frozenset()
    limitations: frozenset[str] = frozenset()
    equipment: frozenset[str] = HOUSEHOLD_EQUIPMENT
    fatigue_dominant: bool = False
    in_flare: bool = False
    start_level: int = 1
    preferred: frozenset[str] = frozenset()  # exercise ids picked first when they fit
    avoided: frozenset[str] = frozenset()  # exercise ids never picked

    def __post_init__(self) -> None:
        for name, known in (
            ("conditions", CONDITIONS),
            ("limitations", LIMITATIONS),
            ("equipment", EQUIPMENT),
        ):
            value = frozenset(getattr(self, name))
            unknown = sorted(value - set(known))
            if unknown:
                raise ValueError(f"unknown {name}: {unknown}; known: {list(known)}")
            object.__setattr__(self, name, value)
        object.__setattr__(self, "preferred", frozenset(self.preferred))
        object.__setattr__(self, "avoided", frozenset(self.avoided))
        if not 1 <= self.start_level <= 5:
            raise ValueError(f"start_level must be 1-5, got {self.start_level}")

    @property
    def effective_conditions(self) -> tuple[str, ...]:
        """The person's conditions in a fixed order; no condition means general guidance."""
        return tuple(c for c in CONDITIONS if c in self.conditions) or ("widespread",)

    @property
    def effective_limitations(self) -> frozenset[str]:
        # EULAR hand OA: protect the joints, so no wrist loading in other exercises either.
        extra = {"painful_wrists_hands"} if "hand_wrist_arthritis" in self.conditions else set()
        return self.limitations | extra

    @property
    def gentle(self) -> bool:
        return self.fatigue_dominant or any(GUIDANCE[c].gentle for c in self.effective_conditions)

    @property
    def short_bouts(self) -> bool:
        return self.fatigue_dominant or any(
            GUIDANCE[c].short_bouts for c in self.effective_conditions
        )


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


# ---------------------------------------------------------------------------------------
# Rules


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
        items.extend(_prescribe(e, asked_by, optional, profile) for e in picks)
    return WeeklyProgram(profile, tuple(items), tuple(gaps), _notes(profile, gaps))


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


def _prescribe(
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
    return replace(item, reason=_reason(item, exercise, profile, lead))


# ---------------------------------------------------------------------------------------
# Plain-language reasons


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _reason(
    item: Prescription, exercise: ExerciseLike, profile: ProgramProfile, lead: str | None
) -> str:
    parts = [lead] if lead else []
    parts.append(_PURPOSE[item.category])
    labels = [CONDITION_LABELS[c] for c in item.for_conditions]
    kind = _KIND[item.category]
    if labels and not item.optional:
        parts.append(f"{kind} is advised for {_join(labels)}.")
    elif labels:
        parts.append(f"{kind} is here as a choice for {_join(labels)}, not a must.")
    else:
        parts.append(f"{kind} is here as a choice, to help you feel steadier, not a must.")
    if not set(exercise.conditions) & set(profile.effective_conditions):
        parts.append("Nothing made for your condition fits your limits, so this is a general one.")
    limits = profile.effective_limitations
    fit = []
    if exercise.position == "seated":
        fit.append("you do it sitting down")
    elif exercise.position == "lying":
        fit.append("you can do it lying on a bed")
    if "painful_wrists_hands" in limits:
        fit.append("it puts no weight on your wrists")
    if "no_floor" in limits and exercise.position != "lying":
        fit.append("it needs no floor work")
    if "balance_problems" in limits:
        fit.append("it asks little of your balance")
    if fit:
        parts.append(f"It fits you because {_join(fit)}.")
    days = "every day" if item.sessions_per_week == 7 else f"{item.sessions_per_week} days a week"
    parts.append(f"Start with {item.dose_text}, {days}.")
    if profile.in_flare:
        parts.append("The amount is about half, because you are in a flare.")
    elif profile.gentle:
        parts.append("We start low, as tiredness can catch up a day or two later.")
    return " ".join(parts)


def _notes(profile: ProgramProfile, gaps: list[str]) -> tuple[str, ...]:
    conditions = profile.effective_conditions
    notes = [
        "Some pain while you move is okay if it settles by the next morning. "
        "This plan is not a diagnosis, and you or your clinician can change it."
    ]
    if any(GUIDANCE[c].choice_only for c in conditions):
        notes.append(
            "For endometriosis and pelvic pain, research has not shown whether exercise helps. "
            "Gentle movement is here as a choice, if and when you want it."
        )
    if "painful_wrists_hands" in profile.effective_limitations:
        notes.append("Nothing in this plan puts weight through your wrists or needs a firm grip.")
    if profile.in_flare:
        notes.append("In a flare, keep some gentle movement. Rest alone does not help.")
    for category in gaps:
        notes.append(
            f"We found no {category} exercise that fits your limits and equipment. "
            "Your clinician can suggest one."
        )
    return tuple(notes)


# ---------------------------------------------------------------------------------------
# Changing a program, and handing it to the pacing engine


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
            new = _prescribe(candidate, item.for_conditions, item.optional, profile, lead=lead)
            return _replace_item(program, exercise_id, new)
        current = candidate.easier
    smaller = _smaller(item)
    if smaller == item:
        raise NoEasierOption(f"{exercise_id!r} is already the gentlest option at its smallest dose")
    lead = "This is already the gentlest version that fits you, so the amount is smaller."
    smaller = replace(smaller, reason=_reason(smaller, exercise, profile, lead))
    return _replace_item(program, exercise_id, smaller)


def _smaller(item: Prescription) -> Prescription:
    if item.minutes is not None:
        return replace(item, minutes=max(MIN_MINUTES, item.minutes // 2))
    if item.sets and item.sets > 1:
        return replace(item, sets=item.sets - 1)
    return replace(item, reps=max(MIN_REPS, (item.reps or MIN_REPS) // 2))


def _replace_item(program: WeeklyProgram, old_id: str, new: Prescription) -> WeeklyProgram:
    items = tuple(new if p.exercise_id == old_id else p for p in program.items)
    return replace(program, items=items)


def to_plan_activities(program: WeeklyProgram) -> tuple[PlanActivity, ...]:
    """One pacing-engine activity per exercise; the amount is per day it is done."""
    activities = []
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
