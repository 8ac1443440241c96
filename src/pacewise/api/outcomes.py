"""/api/patients/{id}/questionnaires...: what is due, answering, and results.

A response with a self-harm answer above zero comes back with `safety.crisis_lines`: a client
must show them at once, before anything else (the care team is alerted by the server).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from django.conf import settings
from ninja import Router, Schema, Status

from pacewise.accounts.access import get_patient_for
from pacewise.accounts.crisis import crisis_lines
from pacewise.core import instruments as core
from pacewise.core.schedule import schedule
from pacewise.outcomes import registry, responses
from pacewise.outcomes.models import Response

from .errors import ApiError

router = Router(tags=["outcomes"])


class DueOut(Schema):
    instrument_id: str
    occasion: str
    label: str
    due: date
    opens: date
    closes: date
    status: str


class ResponseOut(Schema):
    id: uuid.UUID
    instrument_id: str
    occasion: str
    total: float
    band: str
    interpretation: str
    prorated: bool
    safety_flag: bool
    local_date: date
    completed_at: datetime


class CrisisLine(Schema):
    title: str
    text: str


class Safety(Schema):
    crisis_lines: list[CrisisLine]
    care_team_alerted: bool


class ResponseCreated(Schema):
    response: ResponseOut
    safety: Safety | None = None


class AnswersIn(Schema):
    answers: dict[str, int | None]


@router.get(
    "/patients/{patient_id}/questionnaires",
    response=list[DueOut],
    operation_id="list_questionnaires_due",
)
def list_due(request, patient_id: uuid.UUID):
    """Every scheduled questionnaire with its status today (open, upcoming, done, missed)."""
    grant = get_patient_for(request, patient_id, what="api-questionnaires", via="api")
    patient = grant.patient
    items = schedule(
        responses.program_start(patient),
        responses.patient_today(patient),
        responses.done_items(patient),
    )
    return [d.__dict__ for d in items]


@router.get(
    "/patients/{patient_id}/questionnaires/responses",
    response=list[ResponseOut],
    operation_id="list_questionnaire_responses",
)
def list_responses(request, patient_id: uuid.UUID):
    grant = get_patient_for(request, patient_id, what="api-questionnaires", via="api")
    return Response.objects.filter(patient=grant.patient)[:500]


@router.post(
    "/patients/{patient_id}/questionnaires/{instrument_id}/responses",
    response={201: ResponseCreated},
    operation_id="answer_questionnaire",
)
def answer(request, patient_id: uuid.UUID, instrument_id: str, payload: AnswersIn):
    """Answer a questionnaire (item id -> option value). Scored by the server."""
    grant = get_patient_for(
        request, patient_id, write=True, owner_only=True, what="api-questionnaires", via="api"
    )
    instrument = registry.get(instrument_id)
    if instrument is None:
        raise ApiError(404, f"There is no questionnaire {instrument_id!r}.")
    try:
        saved, _result, alerts = responses.record(grant.patient, instrument, payload.answers)
    except core.InstrumentError as exc:
        raise ApiError(
            422, "Some fields need fixing.", [{"field": "answers", "message": str(exc)}]
        ) from exc
    safety = None
    if alerts:
        lines = crisis_lines(settings.PACEWISE_CRISIS_COUNTRY)
        safety = {
            "crisis_lines": [{"title": t, "text": x} for t, x in lines],
            "care_team_alerted": any(a.emailed_to for a in alerts),
        }
    return Status(201, {"response": saved, "safety": safety})
