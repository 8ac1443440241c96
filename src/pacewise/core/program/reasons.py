"""Why each exercise is in the program, and the notes for the whole program, in plain words."""

from __future__ import annotations

from pacewise.core.pacing.wording import flare_movement_advice, pain_during_advice

from .limitations import ExerciseLike
from .prescription import Prescription
from .profile import CONDITION_LABELS, GUIDANCE, ProgramProfile

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


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def reason_for(
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


def program_notes(profile: ProgramProfile, gaps: list[str]) -> tuple[str, ...]:
    conditions = profile.effective_conditions
    notes = [
        *pain_during_advice(profile.rest_in_flares),
        "This plan is not a diagnosis, and you or your clinician can change it.",
    ]
    if any(GUIDANCE[c].choice_only for c in conditions):
        notes.append(
            "For endometriosis and pelvic pain, research has not shown whether exercise helps. "
            "Gentle movement is here as a choice, if and when you want it."
        )
    if "painful_wrists_hands" in profile.effective_limitations:
        notes.append("Nothing in this plan puts weight through your wrists or needs a firm grip.")
    if profile.in_flare:
        notes.append(flare_movement_advice(profile.rest_in_flares))
    for category in gaps:
        notes.append(
            f"We found no {category} exercise that fits your limits and equipment. "
            "Your clinician can suggest one."
        )
    return tuple(notes)
