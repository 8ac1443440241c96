"""Onboarding: the steps, where a person resumes, and the program profile their answers make.

Each step saves as soon as it is answered; coming back resumes at the first unfinished step.
The safety questions come first, so that anyone with a red-flag symptom hears at once that
they need care, before spending time on the rest (DESIGN §6).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from pacewise.core.program import CONDITION_LABELS, HOUSEHOLD_EQUIPMENT, ProgramProfile
from pacewise.diary.catalog import activity_label

from .models import Onboarding


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    fields: tuple[str, ...]


STEPS = (
    Step("safety", "A few safety questions first", ()),
    Step("conditions", "Your conditions", ("conditions", "fatigue_dominant")),
    Step("pain", "Where it hurts", ("locations",)),
    Step("limits", "What is hard for you", ("limitations",)),
    Step("equipment", "What you have at home", ("equipment",)),
    Step("likes", "What you enjoy", ("likes", "dislikes")),
    Step("activity", "What you do now", ("current_activity",)),
    Step("goals", "What you want to get back to", ("goals",)),
)
BY_SLUG = {s.slug: s for s in STEPS}

CONDITION_CHOICES = [(k, v[0].upper() + v[1:]) for k, v in CONDITION_LABELS.items()]
LIMITATION_CHOICES = [
    ("painful_wrists_hands", "My wrists or hands are painful (no weight on them, no firm grip)"),
    ("no_floor", "I cannot get down to the floor and back up"),
    ("balance_problems", "My balance is poor or I worry about falling"),
    ("knee_pain_kneeling", "Kneeling hurts"),
    ("cannot_stand_long", "I cannot stand for long"),
]
EQUIPMENT_CHOICES = [
    ("chair", "A firm chair"),
    ("wall", "A clear bit of wall"),
    ("towel", "A towel"),
    ("soft_ball", "A soft ball"),
    ("rubber_band", "A rubber band (for fingers)"),
    ("resistance_band", "An exercise band"),
    ("light_weights", "Light weights (or full water bottles)"),
    ("stationary_bike", "An exercise bike"),
    ("pool", "A swimming pool I can get to"),
]


@dataclass(frozen=True)
class Style:
    label: str
    matches: Callable[[object], bool]  # does this library exercise belong to the style?


STYLES: dict[str, Style] = {
    "walking": Style("Walking", lambda e: "walk" in e.id),
    "cycling": Style("Cycling on an exercise bike", lambda e: "stationary_bike" in e.equipment),
    "water": Style("Exercise in water", lambda e: "pool" in e.equipment),
    "seated": Style("Exercises sitting on a chair", lambda e: e.position == "seated"),
    "lying": Style("Exercises lying down", lambda e: e.position == "lying"),
    "bands": Style(
        "Exercises with a band",
        lambda e: bool({"resistance_band", "rubber_band"} & set(e.equipment)),
    ),
    "stretching": Style("Gentle stretching", lambda e: e.category == "mobility"),
    "breathing": Style("Breathing and relaxation", lambda e: e.category == "relaxation"),
    "balance": Style("Balance practice", lambda e: e.category == "balance"),
}
STYLE_CHOICES = [(k, s.label) for k, s in STYLES.items()]


def onboarding_for(patient) -> Onboarding:
    onboarding, _ = Onboarding.objects.get_or_create(
        patient=patient, defaults={"equipment": sorted(HOUSEHOLD_EQUIPMENT)}
    )
    return onboarding


def next_step(onboarding: Onboarding) -> Step | None:
    """The first step not yet answered; None when all are done."""
    return next((s for s in STEPS if s.slug not in onboarding.steps_done), None)


def previous_step(step: Step) -> Step | None:
    index = STEPS.index(step)
    return STEPS[index - 1] if index else None


def save_step(onboarding: Onboarding, step: Step, values: dict) -> Onboarding:
    """Store one step's answers and mark it done; the last one completes onboarding."""
    for name in step.fields:
        setattr(onboarding, name, values[name])
    if step.slug not in onboarding.steps_done:
        onboarding.steps_done = [*onboarding.steps_done, step.slug]
    now = timezone.now()
    onboarding.updated_at = now
    if next_step(onboarding) is None and onboarding.completed_at is None:
        onboarding.completed_at = now
    onboarding.save()
    return onboarding


def initial_for(onboarding: Onboarding, step: Step) -> dict:
    return {name: getattr(onboarding, name) for name in step.fields}


def style_ids(styles, library) -> frozenset[str]:
    return frozenset(e.id for e in library for key in styles if STYLES[key].matches(e))


def program_profile(onboarding: Onboarding, library) -> ProgramProfile:
    """The core's profile from the person's answers (the explicit model -> core mapping)."""
    return ProgramProfile(
        conditions=frozenset(onboarding.conditions),
        limitations=frozenset(onboarding.limitations),
        equipment=frozenset(onboarding.equipment),
        fatigue_dominant=onboarding.fatigue_dominant,
        preferred=style_ids(onboarding.likes, library),
        avoided=style_ids(onboarding.dislikes, library),
    )


def profile_as_dict(profile: ProgramProfile) -> dict:
    return {
        "conditions": sorted(profile.conditions),
        "limitations": sorted(profile.limitations),
        "equipment": sorted(profile.equipment),
        "fatigue_dominant": profile.fatigue_dominant,
        "in_flare": profile.in_flare,
        "start_level": profile.start_level,
        "preferred": sorted(profile.preferred),
        "avoided": sorted(profile.avoided),
    }


def profile_from_dict(data: dict) -> ProgramProfile:
    return ProgramProfile(
        **{k: frozenset(v) if isinstance(v, list) else v for k, v in data.items()}
    )


def current_activity_text(onboarding: Onboarding) -> list[str]:
    return [
        f"{activity_label(a['activity'])}, about {a['minutes']} minutes"
        for a in onboarding.current_activity
    ]
