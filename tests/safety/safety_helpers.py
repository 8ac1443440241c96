"""Helpers for the safety matrix: a person with a low-back program and usual walking."""

from __future__ import annotations

from pacewise.plans import programs
from pacewise.plans.onboarding import STEPS, onboarding_for, save_step


def build_program(cast, *, usual_walking: int = 10):
    onboarding = onboarding_for(cast.record)
    values = {
        "conditions": ["low_back"],
        "fatigue_dominant": False,
        "locations": ["lower_back"],
        "limitations": [],
        "equipment": ["chair", "wall", "towel"],
        "likes": [],
        "dislikes": [],
        "current_activity": [{"activity": "walking", "minutes": usual_walking}],
        "goals": "",
    }
    for step in STEPS:
        save_step(onboarding, step, {f: values[f] for f in step.fields})
    return programs.build_for(cast.record, programs.Actor(cast.patient, "Pat", by_clinician=False))
