"""A person with a low-back program (and, if given, their usual activities), built through the
real onboarding steps: shared by the access matrix, the plan-state tests and the safety matrix."""

from __future__ import annotations

from pacewise.plans import programs
from pacewise.plans.onboarding import STEPS, onboarding_for, save_step


def build_program(cast, *, usual=({"activity": "walking", "minutes": 10},)):
    onboarding = onboarding_for(cast.record)
    values = {
        "conditions": ["low_back"],
        "fatigue_dominant": False,
        "locations": ["lower_back"],
        "limitations": [],
        "equipment": ["chair", "wall", "towel"],
        "likes": [],
        "dislikes": [],
        "current_activity": list(usual),
        "goals": "",
    }
    for step in STEPS:
        save_step(onboarding, step, {f: values[f] for f in step.fields})
    actor = programs.Actor(cast.patient, cast.patient.name, by_clinician=False)
    return programs.build_for(cast.record, actor)
