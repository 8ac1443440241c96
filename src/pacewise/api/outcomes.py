"""/api/patients/{id}/questionnaires...: what is due, answering, and results.

A response with a self-harm answer above zero comes back with `safety.crisis_lines` (for the
person's own country, each with tappable `tel:`/`sms:` links): a client must show them at once,
before anything else (the care team is alerted by the server). The safety check reads the raw
answers before scoring: a form that cannot be scored but holds a self-harm answer is kept,
and the 422 that names its field errors carries the same `safety` block and the kept response.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from ninja import Field, Router, Schema, Status

from pacewise.accounts.access import api_grant
from pacewise.accounts.crisis import help_for_patient
from pacewise.outcomes import registry, responses
from pacewise.outcomes.models import Response

from .errors import FIELDS_NEED_FIXING, ApiError, FieldError
from .schemas import Body

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
    total: float | None = Field(description="None when the form could not be scored.")
    band: str
    interpretation: str
    prorated: bool
    safety_flag: bool
    local_date: date
    completed_at: datetime


class CrisisLink(Schema):
    label: str
    href: str = Field(description="A tel: or sms: link.")


class CrisisLine(Schema):
    title: str
    text: str
    links: list[CrisisLink]
    source: str


class Safety(Schema):
    crisis_lines: list[CrisisLine]
    country: str = Field(description="The country the lines are for (the person's choice).")
    care_team_alerted: bool


class ResponseCreated(Schema):
    response: ResponseOut
    safety: Safety | None = None


class NotScored(Schema):
    detail: str
    errors: list[FieldError]
    safety: Safety | None = Field(None, description="Present when a self-harm answer was kept.")
    response: ResponseOut | None = Field(None, description="The kept (unscored) response.")


class AnswersIn(Body):
    answers: dict[str, int | None]


@router.get(
    "/patients/{patient_id}/questionnaires",
    response=list[DueOut],
    operation_id="list_questionnaires_due",
)
def list_due(request, patient_id: uuid.UUID):
    """Every scheduled questionnaire with its status today (open, upcoming, done, missed)."""
    grant = api_grant(request, patient_id, "api-questionnaires")
    patient = grant.patient
    items = responses.due_items(patient)
    return [d.__dict__ for d in items]


@router.get(
    "/patients/{patient_id}/questionnaires/responses",
    response=list[ResponseOut],
    operation_id="list_questionnaire_responses",
)
def list_responses(request, patient_id: uuid.UUID):
    """Questionnaire answers, newest first (at most 500), with scores where they could be scored."""
    grant = api_grant(request, patient_id, "api-questionnaires")
    return Response.objects.filter(patient=grant.patient)[:500]


@router.post(
    "/patients/{patient_id}/questionnaires/{instrument_id}/responses",
    response={201: ResponseCreated, 422: NotScored},
    operation_id="answer_questionnaire",
)
def answer(request, patient_id: uuid.UUID, instrument_id: str, payload: AnswersIn):
    """Answer a questionnaire (item id -> option value). Scored by the server."""
    grant = api_grant(request, patient_id, "api-questionnaires", write=True)
    instrument = registry.get(instrument_id)
    if instrument is None:
        raise ApiError(404, f"There is no questionnaire {instrument_id!r}.")
    sent = responses.record(grant.patient, instrument, payload.answers)
    safety = None
    if sent.alerts:
        help_ = help_for_patient(grant.patient)
        safety = {
            "crisis_lines": help_.as_api(),
            "country": help_.country,
            "care_team_alerted": responses.care_team_alerted(sent.alerts),
        }
    if sent.error is not None:
        extra = (
            {
                "safety": safety,
                "response": ResponseOut.model_validate(sent.response).model_dump(mode="json"),
            }
            if sent.response is not None
            else {}
        )
        raise ApiError(
            422,
            FIELDS_NEED_FIXING,
            [{"field": "answers", "message": sent.error}],
            **extra,
        )
    return Status(201, {"response": sent.response, "safety": safety})
