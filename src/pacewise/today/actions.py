"""Everything a person or clinician does to the plan. Web pages and the API both call these,
so each rule lives here once; the rules themselves are the core's (``decide``, ``plan_day``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from pacewise.core.errors import RuleError
from pacewise.core.facts import SIT_TO_STAND, WALK, Decision
from pacewise.core.pacing.day_plan import ActivityTarget, decide
from pacewise.core.pacing.wording import whole
from pacewise.diary import days, entries
from pacewise.diary.catalog import ACTIVITIES
from pacewise.diary.days import today_for
from pacewise.diary.models import ActivitySession, CheckIn

from . import state as plan_state
from .models import EasierChoice, OverrideSet, PacedActivity, PlanSetup, ReviewDecision

MAX_ACTIVITIES = 3
MAX_AMOUNT = 600.0  # minutes or reps a day: anything above is a typo
MAX_PROGRESSION_RATE = 0.20  # the most a clinician may set as a weekly step


class PlanError(RuleError):
    """A request breaks a plan rule; ``field`` names the input."""


@dataclass(frozen=True)
class Choice:
    key: str  # a diary catalogue key
    usual_amount: float | None = None


@transaction.atomic
def choose_activities(patient, choices: list[Choice], *, fatigue_dominant: bool = False):
    """The "choose what to pace" setup: 1-3 activities from the diary's list, with a usual
    amount that starts the plan until the baseline diary can say more."""
    keys = [c.key for c in choices]
    if not 1 <= len(choices) <= MAX_ACTIVITIES:
        raise PlanError("activities", f"choose 1 to {MAX_ACTIVITIES} activities")
    if len(set(keys)) != len(keys) or any(k not in ACTIVITIES for k in keys):
        raise PlanError("activities", "choose each activity once, from the list")
    PlanSetup.objects.update_or_create(
        patient=patient, defaults={"fatigue_dominant": fatigue_dominant}
    )
    PacedActivity.objects.filter(patient=patient).delete()
    for position, choice in enumerate(choices):
        label, unit = ACTIVITIES[choice.key]
        PacedActivity.objects.create(
            patient=patient,
            key=choice.key,
            label=label,
            unit=unit,
            min_bout=2.0 if unit == "minutes" else 5.0,
            starting_amount=choice.usual_amount,
            position=position,
        )


def start_simulator_plan(patient, *, fatigue_dominant: bool = False):
    """Demo people: pace the simulator's own activities, walking and sit-to-stand."""
    PlanSetup.objects.create(patient=patient, fatigue_dominant=fatigue_dominant)
    for position, a in enumerate((WALK, SIT_TO_STAND)):
        PacedActivity.objects.create(
            patient=patient,
            key=a.key,
            label=a.label,
            unit=a.unit,
            min_bout=a.min_bout,
            position=position,
        )


def _bout(state: plan_state.TodayState, key: str) -> ActivityTarget:
    target = next((x for x in state.shown if x.activity == key), None)
    if target is None:
        raise PlanError("activity", "this activity is not in your plan")
    return target


def log_bout(patient, actor, key: str, *, entry_id=None, today: date | None = None):
    """One tap: a diary entry of one bout of today's plan (the easier bout when chosen)."""
    state = plan_state.load(patient, today)
    target = _bout(state, key)
    size = max(1, whole(target.bout_size))
    activity = next(a for a in state.profile.activities if a.key == key)
    dose = {"minutes": size} if activity.unit == "minutes" else {"sets": 1, "reps": size}
    name = key if key in ACTIVITIES else activity.label[:60]
    values = {"activity": name, "planned_item": key, "note": "Logged from Today.", **dose}
    try:
        return entries.create(
            ActivitySession,
            patient,
            actor,
            values=values,
            local_date=state.today,
            entry_id=entry_id,
        )
    except entries.EntryError as exc:
        raise PlanError(exc.field, exc.message) from exc


def declare_flare(patient, actor, *, entry_id=None, today: date | None = None):
    """ "I'm in a flare": a flare check-in for today; the plan switches to the flare protocol."""
    try:
        return entries.create(
            CheckIn,
            patient,
            actor,
            values={"kind": "flare", "in_flare": True},
            local_date=today or today_for(patient),
            entry_id=entry_id,
        )
    except entries.EntryError as exc:
        raise PlanError(exc.field, exc.message) from exc


def take_back_flare(patient, actor, *, today: date | None = None) -> int:
    """ "Not a flare after all": today's flare answer is taken back (pacewise.diary.days)."""
    return days.take_back_flare(patient, actor, today or today_for(patient))


def choose_easier(patient, *, easier: bool, today: date | None = None) -> bool:
    today = today or today_for(patient)
    if easier:
        EasierChoice.objects.get_or_create(patient=patient, local_date=today)
    else:
        EasierChoice.objects.filter(patient=patient, local_date=today).delete()
    return easier


def accept_review(
    patient,
    *,
    confidence: int | None,
    step: str | None,
    offer: plan_state.ReviewOffer | None = None,
) -> ReviewDecision:
    """Store the person's answer to the review behind this week's plan (core.pacing.day_plan.decide:
    the same rule for the web and the API). `offer`: the review as the caller already worked
    it out for this confidence, so it is not worked out twice."""
    offer = offer or plan_state.offer_for(plan_state.load(patient), confidence)
    if offer is None:
        raise PlanError("review", "there is no weekly review yet; it comes after your first week")
    try:
        decision: Decision = decide(offer.proposal, confidence, step)
    except ValueError as exc:
        raise PlanError("step", str(exc)) from exc
    row, _ = ReviewDecision.objects.update_or_create(
        patient=patient,
        week_start=offer.proposal.week_start,
        defaults={
            "kind": decision.kind,
            "step": decision.step,
            "confidence": decision.confidence,
            "decided_at": timezone.now(),
        },
    )
    return row


@dataclass(frozen=True)
class OverrideValues:
    progression_rate: float | None = None  # a fraction
    quotas: dict[str, float] = field(default_factory=dict)
    caps: dict[str, float] = field(default_factory=dict)
    note: str = ""


def check_overrides(profile, values: OverrideValues) -> None:
    keys = {a.key for a in profile.activities}
    rate = values.progression_rate
    if rate is not None and not 0 <= rate <= MAX_PROGRESSION_RATE:
        raise PlanError("progression_rate", f"give 0 to {whole(MAX_PROGRESSION_RATE * 100)}%")
    for name, amounts in (("quotas", values.quotas), ("caps", values.caps)):
        for key, amount in amounts.items():
            if key not in keys:
                raise PlanError(name, f"“{key}” is not an activity in this plan")
            if not 0 < amount <= MAX_AMOUNT:
                raise PlanError(name, f"give more than 0 and at most {MAX_AMOUNT:g}")


def set_overrides(patient, actor, label: str, values: OverrideValues) -> OverrideSet:
    """A clinician's settings; they win over the engine's figures and are shown as theirs."""
    check_overrides(plan_state.profile_for(patient), values)
    return OverrideSet.objects.create(
        patient=patient,
        progression_rate=values.progression_rate,
        quotas=values.quotas,
        caps=values.caps,
        note=values.note,
        set_by=actor,
        set_by_label=label,
    )


def clear_overrides(patient, actor, label: str) -> OverrideSet:
    return OverrideSet.objects.create(patient=patient, set_by=actor, set_by_label=label)
