"""/api/patients/{id}/program...: the exercise program, reporting symptoms, logging a session.

- Reporting symptoms runs the red-flag screen: any `true` answer pauses the program (the
  reply says how urgently to get care; the server alerts the care team). A client must show
  `headline` and `advice` at once.
- While the program is paused, logging a session answers 409.
- Logging a session writes one diary activity per exercise, with `planned_item` = the
  exercise id. Send your own `id`: a retry returns the same entries, never duplicates.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Router, Schema, Status
from pydantic import BeforeValidator, field_validator

from pacewise.accounts.access import Role, api_grant, membership_for
from pacewise.core.errors import RuleError
from pacewise.core.safety import screening as core_screening
from pacewise.core.safety.pause import rules_for
from pacewise.diary.days import today_for
from pacewise.plans import programs, red_flags, sessions
from pacewise.plans import templates as program_templates
from pacewise.plans.models import ProgramChange, Screening

from .diary_schemas import ActivityOut, Day, Scale
from .errors import FIELDS_NEED_FIXING, ApiError, Error
from .schemas import Body

router = Router(tags=["program"])


class QuestionOut(Schema):
    id: str
    text: str
    urgency: str


class ItemOut(Schema):
    id: int
    exercise_id: str
    name: str
    category: str
    sessions_per_week: int
    sets: int | None
    reps: int | None
    minutes: int | None
    bouts: int
    dose: str
    reason: str
    added_by: str
    changed_by: str
    swapped_from: str


class ChangeOut(Schema):
    kind: str
    text: str
    by: str
    by_clinician: bool
    at: datetime


class PauseOut(Schema):
    level: str
    heading: str
    do_now: list[str]
    reported: list[str]
    since: datetime
    care_team_told: bool
    program_exercises: bool = Field(description="Always false while paused.")
    paced_activities: bool = Field(description="False at emergency and stop_exercising.")


class ProgramOut(Schema):
    exists: bool
    paused: PauseOut | None
    items: list[ItemOut] = Field(
        description="Empty for the person while the program is paused (nothing is prescribed); "
        "a sharing clinician still sees the items."
    )
    pain_during: list[str] = Field(
        description="The pain-monitoring limit in plain words, to show with the exercises."
    )
    notes: list[str]
    gaps: list[str]
    changes: list[ChangeOut]


QuestionId = Literal[tuple(q.id for q in core_screening.QUESTIONS)]  # declared in OpenAPI


class SymptomsIn(Body):
    answers: dict[QuestionId, bool] = Field(
        description="Question id -> true/false (see GET questions).", min_length=1
    )

    @field_validator("answers", mode="before")
    @classmethod
    def strict(cls, value):
        if not isinstance(value, dict) or not value:
            raise ValueError("give at least one answer as {question_id: true or false}")
        for qid, answer in value.items():
            if qid not in core_screening.BY_ID:
                raise ValueError(f"unknown question {qid!r}")
            if not isinstance(answer, bool):
                raise ValueError(f"{qid}: must be true or false")
        return value


class ScreeningOut(Schema):
    stops_program: bool
    level: str | None
    headline: str
    advice: list[str]
    positive: list[str]
    care_team_told: bool


def _count(high: int):
    """A whole number from 1 to ``high``; refuses `true` and `2.5` (pydantic's lax mode)."""

    def check(value):
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= high:
            raise ValueError(f"must be a whole number from 1 to {high}")
        return value

    return BeforeValidator(check)


class DoneIn(Body):
    exercise_id: str = Field(min_length=1, max_length=80)
    sets: Annotated[int | None, _count(10)] = None
    reps: Annotated[int | None, _count(100)] = None
    minutes: Annotated[int | None, _count(240)] = None


class SessionIn(Body):
    id: uuid.UUID | None = Field(None, description="Your own UUID: a retry never duplicates.")
    local_date: Day = Field(None, description="The person's local day; default: today.")
    exercises: list[DoneIn] = Field(min_length=1, max_length=30)
    pain_peak: Scale = None
    effort: Scale = None
    feeling: Literal["", "easier", "as_expected", "harder"] = ""


class SessionOut(Schema):
    entries: list[ActivityOut]


@router.get(
    "/program/screening-questions", response=list[QuestionOut], operation_id="screening_questions"
)
def screening_questions(request):
    """The red-flag questions, with ids for reporting symptoms, most urgent first."""
    return [{"id": q.id, "text": q.text, "urgency": q.urgency} for q in core_screening.QUESTIONS]


def _pause(patient):
    alert = red_flags.open_alert(patient)
    if alert is None:
        return None
    rules = rules_for(alert.level)
    return {
        "level": alert.level,
        "heading": rules.heading,
        "do_now": list(rules.do_now),
        "program_exercises": rules.program_exercises,
        "paced_activities": rules.paced_activities,
        "reported": red_flags.describe(alert),
        "since": alert.created_at,
        "care_team_told": bool(alert.emailed_to),
    }


def _item(item) -> dict:
    return {
        "id": item.pk,
        "exercise_id": item.exercise_id,
        "name": programs.exercise_name(item.exercise_id),
        "category": item.category,
        "sessions_per_week": item.sessions_per_week,
        "sets": item.sets,
        "reps": item.reps,
        "minutes": item.minutes,
        "bouts": item.bouts,
        "dose": programs.dose_text(item),
        "reason": item.reason,
        "added_by": item.added_by,
        "changed_by": item.changed_by_label,
        "swapped_from": item.swapped_from,
    }


@router.get("/patients/{patient_id}/program", response=ProgramOut, operation_id="get_program")
def get_program(request, patient_id: uuid.UUID):
    """This week's exercises with dose and reason, what changed and who changed it, and
    whether the program is paused for a medical check."""
    grant = api_grant(request, patient_id, "api-program")
    patient = grant.patient
    program = programs.program_for(patient)
    shown = program is not None and (
        red_flags.pause_rules(patient).program_exercises or not grant.is_owner
    )
    changes = [
        {"kind": c.kind, "text": c.text, "by": c.actor_label, "by_clinician": c.by_clinician}
        | {"at": c.created_at}
        for c in ProgramChange.objects.filter(patient=patient)[:50]
    ]
    return {
        "exists": program is not None,
        "paused": _pause(patient),
        "items": [_item(i) for i in programs.active_items(program)] if shown and program else [],
        "pain_during": list(programs.pain_advice(patient)),
        "notes": program.notes if program else [],
        "gaps": program.gaps if program else [],
        "changes": changes,
    }


@router.post(
    "/patients/{patient_id}/program/symptoms",
    response={201: ScreeningOut},
    operation_id="report_symptoms",
)
def report_symptoms(request, patient_id: uuid.UUID, payload: SymptomsIn):
    """Report new symptoms (the red-flag screen). Any `true` pauses the program."""
    patient = api_grant(request, patient_id, "api-symptoms", write=True).patient
    occasion = Screening.Occasion.NEW_SYMPTOMS
    _, result, alert = red_flags.record(patient, payload.answers, occasion)  # type: ignore[arg-type]
    return Status(
        201,
        {
            "stops_program": result.stops_program,
            "level": result.level,
            "headline": result.headline,
            "advice": list(result.advice),
            "positive": list(result.positive_ids),
            "care_team_told": bool(alert and alert.emailed_to),
        },
    )


class ClearanceIn(Body):
    seen_on: date = Field(description="The day of the check: on or after the report, not later.")
    assessed_by: str = Field(
        "",
        max_length=200,
        description="Who checked them; required from the person at the emergency level.",
    )


class ClearanceOut(Schema):
    cleared: int = Field(description="How many open alerts were cleared.")


@router.post(
    "/patients/{patient_id}/program/clearance",
    response={200: ClearanceOut, 409: Error, 422: Error},
    operation_id="clear_pause",
)
def clear_pause(request, patient_id: uuid.UUID, payload: ClearanceIn):
    """Resume after a red-flag pause: the person records the check (at the emergency level,
    who did it), or a sharing clinician clears it. Same rules as the web form
    (core.safety.pause.clearance_problems); every
    clearance is audited and shown to the care team."""
    grant = api_grant(request, patient_id, "api-program-clearance", write=True, role=Role.READ)
    patient = grant.patient
    if red_flags.open_alert(patient) is None:
        raise ApiError(409, "The program is not paused.")
    actor = programs.actor_for(request, grant)
    try:
        cleared = red_flags.clear(
            patient,
            actor,
            seen_on=payload.seen_on,
            assessed_by=payload.assessed_by,
            clinic=grant.clinic,
        )
    except red_flags.ClearanceRefused as exc:
        errors = [{"field": f, "message": m} for f, m in exc.problems.items()]
        raise ApiError(422, FIELDS_NEED_FIXING, errors) from exc
    return {"cleared": cleared}


@router.post(
    "/patients/{patient_id}/program/sessions",
    response={200: SessionOut, 201: SessionOut, 409: Error},
    operation_id="log_program_session",
)
def log_session(request, patient_id: uuid.UUID, payload: SessionIn):
    """Log a session done away from the player: one diary activity per exercise.
    409 while the program is paused for a medical check."""
    patient = api_grant(request, patient_id, "api-program-session", write=True).patient
    program = programs.program_for(patient)
    if program is None:
        raise RuleError("exercises", "there is no program yet; finish onboarding first")
    if not red_flags.pause_rules(patient).program_exercises:
        raise ApiError(409, "The program is paused until a clinician has checked the symptoms.")
    in_program = set(programs.active_items(program).values_list("exercise_id", flat=True))
    done = []
    for i, d in enumerate(payload.exercises):
        if d.exercise_id not in in_program:
            raise RuleError(f"exercises.{i}.exercise_id", "is not in the program")
        if (d.minutes is None) == (d.sets is None or d.reps is None):
            raise RuleError(f"exercises.{i}", "give the minutes, or the sets and reps")
        done.append(sessions.Done(d.exercise_id, d.sets, d.reps, d.minutes))
    ids = (
        [uuid.uuid5(payload.id, f"{i}:{d.exercise_id}") for i, d in enumerate(done)]
        if payload.id
        else None
    )
    rows, created = sessions.log_to_diary(
        patient,
        request.user,
        done,
        local_date=payload.local_date or today_for(patient),
        pain_peak=payload.pain_peak,
        effort=payload.effort,
        feeling=payload.feeling,
        entry_ids=ids,
    )
    return Status(201 if created else 200, {"entries": rows})


class TemplateOut(Schema):
    id: int
    name: str
    exercises: list[str] = Field(description="Each exercise with its dose, in words.")
    created_by: str
    created_at: datetime


class TemplateSaveIn(Body):
    name: str = Field(min_length=1, max_length=program_templates.MAX_NAME,
                      description="The template's name in the clinic, e.g. Knee OA start.")


class TemplateApplyIn(Body):
    template: int = Field(
        ge=1, le=2**63 - 1, description="The id of one of the clinic's templates."
    )
    replace: bool = Field(False, description="Also remove exercises not in the template.")


class AppliedOut(Schema):
    added: list[str]
    changed: list[str]
    removed: list[str]
    skipped: list[str] = Field(description="Exercise names with why they did not fit.")
    summary: str


def _template_out(t) -> dict:
    return {"id": t.pk, "name": t.name, "exercises": program_templates.describe(t),
            "created_by": t.created_by, "created_at": t.created_at}  # fmt: skip


@router.get(
    "/clinics/{clinic_id}/program-templates",
    response=list[TemplateOut],
    operation_id="list_program_templates",
)
def list_templates(request, clinic_id: uuid.UUID):
    """The clinic's program templates. Members of the clinic only."""
    membership = membership_for(request.user, clinic_id)
    return [_template_out(t) for t in program_templates.for_clinic(membership.clinic)]


@router.post(
    "/patients/{patient_id}/program/templates",
    response={201: TemplateOut},
    operation_id="save_program_template",
)
def save_template(request, patient_id: uuid.UUID, payload: TemplateSaveIn):
    """Save this program's exercises and doses as a template of the clinic (nothing about the
    person goes with it). Sharing clinicians only."""
    grant = api_grant(request, patient_id, "api-program", write=True, role=Role.CLINICIAN)
    return Status(201, _template_out(program_templates.save(grant, payload.name)))


@router.post(
    "/patients/{patient_id}/program/templates/apply",
    response=AppliedOut,
    operation_id="apply_program_template",
)
def apply_template(request, patient_id: uuid.UUID, payload: TemplateApplyIn):
    """Add the template's exercises that fit the person with its doses (or set the dose of
    ones already there); say which did not fit and why. Sharing clinicians only."""
    grant = api_grant(request, patient_id, "api-program", write=True, role=Role.CLINICIAN)
    template = program_templates.template_for(grant, payload.template)
    done = program_templates.apply(grant, template, programs.actor_for(request, grant),
                                   replace=payload.replace)  # fmt: skip
    return {"added": list(done.added), "changed": list(done.changed),
            "removed": list(done.removed), "summary": done.summary(),
            "skipped": [f"{name}: {why}" for name, why in done.skipped]}  # fmt: skip
