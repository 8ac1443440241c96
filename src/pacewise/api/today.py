"""/api/patients/{id}/today, /weekly-review and /plan/overrides: the paced plan.

- `GET today` is today's plan as the engine works it out from the diary: targets split into
  bouts, the phase, the reasons with their numbers, and the easier option.
- Logging a bout and declaring a flare write diary entries; send your own `id` so that a
  retry returns the stored entry (200) instead of a duplicate.
- The weekly review is answered with a 0-10 confidence; `smaller: true` takes half of a
  proposed raise (ask with `?confidence=` to see the smaller step first).
- Overrides are set by a sharing clinician only (the person gets 403) and win over the engine.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Query, Router, Schema, Status
from pydantic import BeforeValidator, StrictBool

from pacewise.accounts.access import Role, api_grant
from pacewise.accounts.crisis import help_for_patient
from pacewise.today import actions
from pacewise.today import state as plan_state

from .diary_schemas import ActivityOut, CheckInOut
from .outcomes import CrisisLine
from .schemas import Body

router = Router(tags=["plan"])


def _amount(value):
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a number")
    return float(value)


def _rate(value):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"must be a fraction from 0 to {actions.MAX_PROGRESSION_RATE:g}")
    return float(value)


def _confidence(value):
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValueError("must be a whole number from 0 to 10")
    return value


Amount = Annotated[float, BeforeValidator(_amount)]
Rate = Annotated[float | None, BeforeValidator(_rate)]
Confidence = Annotated[int, BeforeValidator(_confidence)]


class TargetOut(Schema):
    activity: str
    label: str
    unit: str
    target: float = Field(description="Today's amount (minutes or reps), never above quota.")
    quota: float = Field(description="The daily quota set at the last weekly review.")
    bouts: int
    bout_size: float
    overridden: bool
    done: float = Field(description="Logged today so far.")
    days_per_week: int = Field(7, description="7, or the days a week a program exercise is done.")
    done_days: int = Field(0, description="Days it was done this week (Monday to Sunday).")
    asked_today: bool = Field(
        True, description="false: not a day for it (a rest day, or this week's days are done)."
    )
    week: str = Field("", description="Where it stands this week, in a sentence (or empty).")


class EasierOut(Schema):
    text: str
    targets: list[TargetOut]


class OverridesOut(Schema):
    progression_rate: float | None = None
    quotas: dict[str, float] = {}
    caps: dict[str, float] = {}
    note: str = ""
    set_by: str | None = None
    set_at: datetime | None = None


class TodayPauseOut(Schema):
    level: str = Field(description="emergency, stop_exercising or urgent")
    heading: str
    do_now: list[str] = Field(description="What to do now, worded for the level.")
    program_exercises: bool = Field(description="False: the exercise program is on hold.")
    paced_activities: bool = Field(description="False: nothing is prescribed today.")
    emergency_number: str | None = Field(description="For the person's country, if known.")
    crisis_lines: list[CrisisLine] = Field(description="Help lines with tel:/sms: links.")


class TodayOut(Schema):
    date: date
    pause: TodayPauseOut | None = Field(
        None,
        description="An open red-flag pause. At the emergency and stop_exercising levels "
        "`targets` is empty: show `do_now` and the emergency number instead.",
    )
    flare_days: int = Field(0, description="In a flare: how many days it has lasted.")
    long_flare: bool = Field(
        False, description="A flare beyond two weeks: prompt to contact a clinician."
    )
    set_up: bool = Field(description="False until activities are chosen or a program exists.")
    phase: str = Field(description="baseline, building, holding, flare or returning")
    targets: list[TargetOut]
    weekly_quota: dict[str, float]
    reasons: list[str]
    messages: list[str]
    easier_chosen: bool
    easier_option: EasierOut
    overridden: list[str]
    overrides: OverridesOut | None
    review_pending: bool


class BoutIn(Body):
    activity: str = Field(min_length=1, max_length=80, description="A plan activity key.")
    id: uuid.UUID | None = Field(None, description="Your own UUID: a retry never duplicates.")


class FlareIn(Body):
    id: uuid.UUID | None = Field(None, description="Your own UUID: a retry never duplicates.")


class EasierIn(Body):
    easier: StrictBool = Field(description="true: easier today; false: undo it.")


class QuotaChangeOut(Schema):
    activity: str
    before: float
    after: float
    overridden: bool


class ReviewOut(Schema):
    week_start: date
    week_end: date
    colour: str
    change: str = Field(description="raise, hold or step_back")
    proposed: list[QuotaChangeOut]
    reasons: list[str]
    logged_days: int


class DecisionOut(Schema):
    week_start: date
    kind: str = Field(description="accepted, smaller or same")
    step: float
    confidence: int | None
    decided_at: datetime


class ReviewPageOut(Schema):
    review: ReviewOut | None = Field(description="None until the first week after baseline.")
    smaller: ReviewOut | None = Field(description="The smaller step, when confidence < 7.")
    decision: DecisionOut | None


class DecisionIn(Body):
    confidence: Confidence
    step: Literal["full", "smaller", "same"] | None = Field(
        None,
        description="full: the plan as proposed; smaller: part of a raise; same: keep this "
        "week's plan. Required when the plan goes up and confidence is below 7 (422 otherwise), "
        "as on the web.",
    )
    smaller: StrictBool = Field(False, description="Same as step: smaller (kept for old clients).")


class OverridesIn(Body):
    progression_rate: Rate = Field(None, description="A fraction, e.g. 0.05 for 5% a week.")
    quotas: dict[str, Amount] = {}
    caps: dict[str, Amount] = {}
    note: str = Field("", max_length=1000)


def _targets(targets, done) -> list[dict]:
    return [
        {
            "activity": x.activity,
            "label": x.label,
            "unit": x.unit,
            "target": x.target,
            "quota": x.quota,
            "bouts": x.bouts,
            "bout_size": x.bout_size,
            "overridden": x.overridden,
            "done": done.get(x.activity, 0.0),
            "days_per_week": x.days_per_week,
            "done_days": x.done_days,
            "asked_today": x.asked_today,
            "week": x.week_text,
        }
        for x in targets
    ]


def _overrides(row) -> dict | None:
    if row is None:
        return None
    return {
        "progression_rate": row.progression_rate,
        "quotas": row.quotas,
        "caps": row.caps,
        "note": row.note,
        "set_by": row.set_by_label,
        "set_at": row.set_at,
    }


def _pause(state: plan_state.TodayState, patient) -> dict | None:
    rules = state.pause
    if not rules.paused:
        return None
    help_ = help_for_patient(patient)
    return {
        "level": rules.level,
        "heading": rules.heading,
        "do_now": list(rules.do_now),
        "program_exercises": rules.program_exercises,
        "paced_activities": rules.paced_activities,
        "emergency_number": help_.emergency_number,
        "crisis_lines": help_.as_api(),
    }


def _today(state: plan_state.TodayState, patient) -> dict:
    plan = state.plan
    paced = state.pause.paced_activities  # core.safety.pause decides; nothing else does
    return {
        "date": state.today,
        "pause": _pause(state, patient),
        "flare_days": plan.flare_days,
        "long_flare": plan.long_flare,
        "set_up": state.set_up,
        "phase": plan.phase,
        "targets": _targets(state.targets, state.done),
        "weekly_quota": dict(plan.weekly_quota) if paced else {},
        "reasons": list(plan.reasons) if paced else list(state.pause.do_now),
        "messages": list(plan.messages) if paced else [],
        "easier_chosen": state.easier,
        "easier_option": {
            "text": plan.easier_option.text if paced else "",
            "targets": _targets(state.easier_targets, state.done),
        },
        "overridden": list(plan.overridden),
        "overrides": _overrides(state.override),
        "review_pending": state.review_pending,
    }


@router.get("/patients/{patient_id}/today", response=TodayOut, operation_id="get_today")
def get_today(request, patient_id: uuid.UUID):
    """Today's paced plan, worked out from the diary, with the reasons behind it."""
    grant = api_grant(request, patient_id, "api-today")
    return _today(plan_state.load(grant.patient), grant.patient)


@router.post(
    "/patients/{patient_id}/today/bouts",
    response={200: ActivityOut, 201: ActivityOut},
    operation_id="log_bout",
)
def log_bout(request, patient_id: uuid.UUID, payload: BoutIn):
    """Log one bout of today's plan (the easier bout when easier today is chosen)."""
    grant = api_grant(request, patient_id, "api-today-bout", write=True)
    entry, created = actions.log_bout(
        grant.patient, request.user, payload.activity, entry_id=payload.id
    )
    return Status(201 if created else 200, entry)


@router.post(
    "/patients/{patient_id}/today/flare",
    response={200: CheckInOut, 201: CheckInOut},
    operation_id="declare_flare",
)
def declare_flare(request, patient_id: uuid.UUID, payload: FlareIn | None = None):
    """ "I'm in a flare": a flare check-in for today; today's plan becomes the flare plan."""
    grant = api_grant(request, patient_id, "api-today-flare", write=True)
    entry_id = payload.id if payload else None
    entry, created = actions.declare_flare(grant.patient, request.user, entry_id=entry_id)
    return Status(201 if created else 200, entry)


@router.post("/patients/{patient_id}/today/easier", response=TodayOut, operation_id="easier_today")
def easier_today(request, patient_id: uuid.UUID, payload: EasierIn):
    """Choose (or undo) the easier option for today; returns today's plan."""
    grant = api_grant(request, patient_id, "api-today-easier", write=True)
    actions.choose_easier(grant.patient, easier=payload.easier)
    return _today(plan_state.load(grant.patient), grant.patient)


def _review(review) -> dict | None:
    if review is None:
        return None
    return {
        "week_start": review.week_start,
        "week_end": review.week_end,
        "colour": review.colour,
        "change": review.change,
        "proposed": [c.__dict__ for c in review.proposed],
        "reasons": list(review.reasons),
        "logged_days": review.logged_days,
    }


@router.get(
    "/patients/{patient_id}/weekly-review",
    response=ReviewPageOut,
    operation_id="get_weekly_review",
)
def get_weekly_review(
    request, patient_id: uuid.UUID, confidence: int | None = Query(
        None, ge=0, le=10, description="Your confidence 0-10 in next week's plan (see below)."
    )
):
    """The review behind this week's plan; with `confidence` below 7, the smaller step too."""
    grant = api_grant(request, patient_id, "api-weekly-review")
    offer = plan_state.offer_for(plan_state.load(grant.patient), confidence)
    decision = plan_state.decision_for(grant.patient, offer)
    return {
        "review": _review(offer.proposal if offer else None),
        "smaller": _review(offer.smaller if offer else None),
        "decision": decision,
    }


@router.post(
    "/patients/{patient_id}/weekly-review/decision",
    response={201: DecisionOut},
    operation_id="decide_weekly_review",
)
def decide_weekly_review(request, patient_id: uuid.UUID, payload: DecisionIn):
    """Answer the review: accept it, or (`smaller: true`) take half of a proposed raise."""
    grant = api_grant(request, patient_id, "api-weekly-review", write=True)
    step = payload.step or ("smaller" if payload.smaller else None)
    row = actions.accept_review(grant.patient, confidence=payload.confidence, step=step)
    return Status(201, row)


@router.get(
    "/patients/{patient_id}/plan/overrides",
    response=OverridesOut,
    operation_id="get_plan_overrides",
)
def get_overrides(request, patient_id: uuid.UUID):
    """The clinician settings in force (all empty when none)."""
    grant = api_grant(request, patient_id, "api-plan-overrides")
    return _overrides(plan_state.current_overrides(grant.patient)) or {}


@router.put(
    "/patients/{patient_id}/plan/overrides",
    response=OverridesOut,
    operation_id="set_plan_overrides",
)
def set_overrides(request, patient_id: uuid.UUID, payload: OverridesIn):
    """Set the clinician settings (replacing the ones in force). Sharing clinicians only."""
    grant = api_grant(request, patient_id, "api-plan-overrides", write=True, role=Role.CLINICIAN)
    values = actions.OverrideValues(
        progression_rate=payload.progression_rate,
        quotas=dict(payload.quotas),
        caps=dict(payload.caps),
        note=payload.note.strip(),
    )
    label = grant.actor_label
    if values == actions.OverrideValues():
        row = actions.clear_overrides(grant.patient, request.user, label)
    else:
        row = actions.set_overrides(grant.patient, request.user, label, values)
    return _overrides(row) if not row.is_empty else {}
