"""What a red-flag pause allows, and what it takes to clear one. The one home of both rules.

Pure: no Django, no clock. Every surface that prescribes movement (Today on the web and in
the API, the session player, the program page, the weekly review, anything that reminds or
schedules) asks ``rules_for(level)`` and shows only what it allows; the clearance form and
the API ask ``clearance_problems``.

At the ``emergency`` and ``stop_exercising`` levels nothing prescribes exercise anywhere:
the person is told what to do now, with the emergency number and the help links
(Finucane et al., JOSPT 2020; NICE NG59; ACSM exercise-testing guidance; CLINICAL.md §7).
At the ``urgent`` level the exercise program stops until a doctor has checked them, and
everyday movement at a comfortable pace stays on the plan (the advice of the same sources:
see a doctor within a day or two, before exercising again; gentle everyday moving about is
fine unless they say otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pacewise.core.safety.screening import EMERGENCY, HEADLINES, LEVELS, STOP_EXERCISING, URGENT

#: At the emergency level the person names who checked them (CLINICAL.md §7).
ASSESSOR_REQUIRED = frozenset({EMERGENCY})


@dataclass(frozen=True)
class PauseRules:
    """What may be shown while a pause at ``level`` is open (``level`` None: no pause)."""

    level: str | None
    program_exercises: bool  # the exercise program: its items, the session player, logging it
    paced_activities: bool  # Today's paced targets (walking, cycling, ...), bouts, log buttons
    weekly_review: bool  # the weekly review's proposals (a raise, a hold, a step back)
    call_emergency: bool  # show the emergency number first
    heading: str = ""
    do_now: tuple[str, ...] = ()

    @property
    def paused(self) -> bool:
        return self.level is not None

    @property
    def prescribes_nothing(self) -> bool:
        return not (self.program_exercises or self.paced_activities)


NO_PAUSE = PauseRules(None, True, True, True, False)

_RULES = {
    EMERGENCY: PauseRules(
        EMERGENCY,
        program_exercises=False,
        paced_activities=False,
        weekly_review=False,
        call_emergency=True,
        heading=HEADLINES[EMERGENCY],
        do_now=(
            "Call your emergency number or go to an emergency department now. Do not wait to "
            "see if it passes.",
            "Do not do any exercise from your plan until a doctor has checked you. Your plan "
            "is on hold, and nothing is lost.",
            "If you can, show the doctor the list of what you told us.",
        ),
    ),
    STOP_EXERCISING: PauseRules(
        STOP_EXERCISING,
        program_exercises=False,
        paced_activities=False,
        weekly_review=False,
        call_emergency=True,
        heading=HEADLINES[STOP_EXERCISING],
        do_now=(
            "Stop any exercise now and rest. If the symptoms are happening now, or do not "
            "settle with rest, call your emergency number.",
            "Please see a doctor before you exercise again. Your plan is on hold until then, "
            "and nothing is lost.",
        ),
    ),
    URGENT: PauseRules(
        URGENT,
        program_exercises=False,
        paced_activities=True,
        weekly_review=True,
        call_emergency=False,
        heading=HEADLINES[URGENT],
        do_now=(
            "Please contact your doctor within the next day or two and tell them what you "
            "noticed.",
            "Your exercise program is on hold until then. Everyday moving about at a pace "
            "that feels okay is fine, unless a doctor tells you otherwise.",
        ),
    ),
}
assert set(_RULES) == set(LEVELS)


def rules_for(level: str | None) -> PauseRules:
    """What a pause at ``level`` allows; ``None`` (no open pause) allows everything."""
    if level is None or level == "":
        return NO_PAUSE
    return _RULES[level]


def clearance_problems(
    level: str,
    *,
    alerted_on: date,
    seen_on: date | None,
    today: date,
    by_clinician: bool,
    assessed_by: str = "",
) -> dict[str, str]:
    """Why a clearance cannot be accepted, as {field: message}; empty when it can.

    The check must be dated on or after the day the symptoms were reported and not in the
    future; at the emergency level the person also names who checked them (a linked
    clinician clearing it is the assessor).
    """
    problems: dict[str, str] = {}
    if seen_on is None:
        problems["seen_on"] = "Give the day of the check."
    elif seen_on > today:
        problems["seen_on"] = "The day cannot be in the future."
    elif seen_on < alerted_on:
        problems["seen_on"] = (
            f"The check must be on or after {alerted_on:%-d %B %Y}, the day these symptoms "
            "were reported."
        )
    if level in ASSESSOR_REQUIRED and not by_clinician and not assessed_by.strip():
        problems["assessed_by"] = (
            "Please say who checked you, for example “Dr Lee, City Hospital emergency department”."
        )
    return problems
