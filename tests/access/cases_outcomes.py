"""Access cases for questionnaires: clinicians who share read results and may assign more;
only the patient answers; only the care team records a safety follow-up."""

from __future__ import annotations

from matrix import API_OWNER_ONLY, API_READ, OWNER_ONLY, READ, Case

CLINICIAN_ACTS = {**READ, "patient": 403}


def _alert(cast):
    from pacewise.outcomes.models import Response, SafetyAlert

    response = Response.objects.create(
        patient=cast.record,
        instrument_id="phq9",
        instrument_version="1",
        occasion="extra",
        answers={"phq9_9": 1},
        total=1,
        local_date=cast.checkin.local_date,
    )
    return SafetyAlert.objects.create(
        patient=cast.record,
        response=response,
        item_id="phq9_9",
        value=1,
        seen_by_patient_at=response.completed_at,
    )


def _response(cast):
    from pacewise.outcomes.models import Response

    return Response.objects.create(
        patient=cast.record,
        instrument_id="peg",
        instrument_version="1",
        occasion="baseline",
        answers={"peg_1": 5, "peg_2": 5, "peg_3": 5},
        total=5.0,
        local_date=cast.checkin.local_date,
    )


ALERT = {"alert_id": lambda cast: _alert(cast).pk}

WEB = {
    "outcomes-list": Case("GET", READ),
    "outcomes-progress": Case("GET", READ),
    "outcomes-take": Case("GET", OWNER_ONLY, params={"instrument_id": lambda cast: "peg"}),
    "outcomes-result": Case("GET", READ, params={"response_id": lambda cast: _response(cast).pk}),
    "outcomes-safety": Case("GET", OWNER_ONLY, params=ALERT),
    "outcomes-report": Case("GET", READ),
    "outcomes-fhir": Case("GET", READ),
    "outcomes-assign": Case("POST", CLINICIAN_ACTS, 302, lambda cast: {"instrument_id": "gad7"}),
    "outcomes-follow-up": Case(
        "POST", CLINICIAN_ACTS, 302, lambda cast: {"note": "Called."}, params=ALERT
    ),
}

NOT_PATIENT_DATA: set[str] = set()

API = {
    ("get", "/api/patients/{patient_id}/questionnaires"): Case("GET", API_READ),
    ("get", "/api/patients/{patient_id}/questionnaires/responses"): Case("GET", API_READ),
    ("post", "/api/patients/{patient_id}/questionnaires/{instrument_id}/responses"): Case(
        "POST",
        API_OWNER_ONLY,
        201,
        lambda cast: {"answers": {"peg_1": 4, "peg_2": 4, "peg_3": 4}},
        params={"instrument_id": lambda cast: "peg"},
    ),
}
