"""Access cases for the care team's caseload: only a clinician the person shares with marks a
triage reason as seen."""

from __future__ import annotations

from matrix import API_READ, READ, Case

CLINICIAN_ACTS = {**READ, "patient": 403}

WEB = {
    "care-triage-seen": Case(
        "POST",
        CLINICIAN_ACTS,
        302,
        lambda cast: {"kind": "pain_rising", "episode": "2026-12-01", "note": "Called."},
    ),
    "care-notes": Case("GET", READ),
    "care-notes-add": Case("POST", CLINICIAN_ACTS, 302, lambda cast: {"text": "Rang Pat."}),
    "care-monitoring": Case("GET", CLINICIAN_ACTS),
}

API_CLINICIAN_ACTS = {**API_READ, "patient": 403}

API = {
    ("get", "/api/patients/{patient_id}/notes"): Case("GET", API_READ),
    ("post", "/api/patients/{patient_id}/notes"): Case(
        "POST", API_CLINICIAN_ACTS, 201, lambda cast: {"text": "Rang Pat."}
    ),
    ("post", "/api/patients/{patient_id}/caseload/seen"): Case(
        "POST", API_CLINICIAN_ACTS, 201, lambda cast: {"kind": "drop_off", "episode": "2026-12-01"}
    ),
}
# The caseload API is the clinician's own list (like the caseload page): not one person's data.
# Clinic pages: members only, 404 for others (tests/care).
NOT_PATIENT_DATA = {
    "clinic-monitoring-csv", "clinic-outcomes", "clinic-outcomes-csv", "clinic-template-delete"
}


CLINIC = {"clinic_id": lambda cast: cast.clinic.pk}
OWNER_ACTS = {**READ, "sharing_clinician": 403}


def _thread_with_a_message(cast) -> dict:
    """The answered case needs a thread to answer; the person wrote first."""
    from pacewise.care.models import Thread

    thread, _ = Thread.objects.get_or_create(patient=cast.record, clinic=cast.clinic)
    thread.messages.create(from_person=True, author=cast.patient, signed="Pat", text="Hello")
    return {}


WEB.update(
    {
        "care-messages": Case("GET", READ),
        "care-messages-thread": Case("GET", READ, params=CLINIC),
        "care-messages-answered": Case(
            "POST", CLINICIAN_ACTS, 302, _thread_with_a_message, params=CLINIC
        ),
        "care-messages-stop": Case("POST", OWNER_ACTS, 302, params=CLINIC),
    }
)

API.update(
    {
        ("get", "/api/patients/{patient_id}/messages"): Case("GET", API_READ),
        ("get", "/api/patients/{patient_id}/messages/{clinic_id}"): Case(
            "GET", API_READ, params=CLINIC
        ),
        ("post", "/api/patients/{patient_id}/messages/{clinic_id}"): Case(
            "POST", API_READ, 201, lambda cast: {"text": "How is the knee?"}, params=CLINIC
        ),
        ("post", "/api/patients/{patient_id}/messages/{clinic_id}/answered"): Case(
            "POST", API_CLINICIAN_ACTS, 200, _thread_with_a_message, params=CLINIC
        ),
        ("post", "/api/patients/{patient_id}/messages/{clinic_id}/stop"): Case(
            "POST", {**API_READ, "sharing_clinician": 403}, params=CLINIC
        ),
    }
)


def _ending(cast) -> dict:
    """Take-back needs a discharge to undo."""
    from datetime import timedelta

    from django.utils import timezone

    cast.share.ends_at = timezone.now() + timedelta(days=14)
    cast.share.save(update_fields=["ends_at"])
    return {}


WEB.update({
    "care-discharge": Case("GET", CLINICIAN_ACTS),
    "care-discharge-take-back": Case("POST", CLINICIAN_ACTS, 302, _ending),
})
API.update({
    ("post", "/api/patients/{patient_id}/discharge"): Case(
        "POST", API_CLINICIAN_ACTS, 201, lambda cast: {"message": "Well done; all the best."}
    ),
    ("post", "/api/patients/{patient_id}/discharge/take-back"): Case(
        "POST", API_CLINICIAN_ACTS, 200, _ending
    ),
})

API.update({
    ("get", "/api/patients/{patient_id}/monitoring"): Case("GET", API_CLINICIAN_ACTS),
    ("post", "/api/patients/{patient_id}/monitoring/time"): Case(
        "POST", API_CLINICIAN_ACTS, 201,
        lambda cast: {"on": "2026-12-01", "minutes": 20, "live": True, "note": "Call"},
    ),  # fmt: skip
})

WEB["care-notes-visit-report"] = Case("POST", CLINICIAN_ACTS)

WEB["care-lead"] = Case("POST", CLINICIAN_ACTS, 302)
