"""Helpers for the program tests: onboard a patient, build a program, answer the screen."""

from __future__ import annotations

from django.urls import reverse

from pacewise.core.safety.screening import QUESTIONS
from pacewise.plans import programs
from pacewise.plans.onboarding import STEPS, onboarding_for, save_step

FIBRO_WRISTS_NO_FLOOR = {
    "conditions": ["fibromyalgia"],
    "fatigue_dominant": False,
    "locations": ["all_over", "hands_wrists"],
    "limitations": ["painful_wrists_hands", "no_floor"],
    "equipment": ["chair", "wall", "towel"],
    "likes": ["walking"],
    "dislikes": [],
    "current_activity": [{"activity": "walking", "minutes": 10}],
    "goals": "Walk to the market with my sister",
}


def url(name, patient, **kwargs):
    return reverse(name, kwargs={"patient_id": patient.pk, **kwargs})


def onboard(patient, **answers):
    """Answer every onboarding step directly (no red flags)."""
    values = FIBRO_WRISTS_NO_FLOOR | answers
    onboarding = onboarding_for(patient)
    for step in STEPS:
        save_step(onboarding, step, {f: values[f] for f in step.fields})
    return onboarding


def program_for(patient, actor_user=None, **answers):
    onboard(patient, **answers)
    actor = programs.Actor(actor_user or patient.user, patient.user.name, by_clinician=False)
    return programs.build_for(patient, actor)


def no_symptoms() -> dict:
    return {"none_apply": "on"}


def symptoms(*ids) -> dict:
    known = {q.id for q in QUESTIONS}
    assert set(ids) <= known
    return {"symptoms": list(ids)}
