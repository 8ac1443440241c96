"""Access cases for the diary: clinicians who share may read it; only the patient writes."""

from __future__ import annotations

from matrix import (
    ACTIVITY,
    API_OWNER_ONLY,
    API_READ,
    CHECKIN,
    OWNER_ONLY,
    READ,
    Case,
)

from pacewise.diary.models import ImportJob


def _import_job(cast):
    return ImportJob.objects.create(patient=cast.record, actor=cast.patient, source="pacewise").pk


WEB = {
    "diary-checkin": Case("GET", OWNER_ONLY, params={"kind": lambda cast: "full"}),
    "diary-activity": Case("GET", OWNER_ONLY),
    "diary-timeline": Case("GET", READ),
    "diary-deleted": Case("GET", OWNER_ONLY),
    "diary-day": Case("GET", READ, params={"day": lambda cast: cast.checkin.local_date}),
    "diary-edit": Case("GET", OWNER_ONLY, params=CHECKIN),
    "diary-delete": Case("POST", OWNER_ONLY, 302, params=CHECKIN),
    "diary-restore": Case("POST", OWNER_ONLY, 302, params=CHECKIN),
    "diary-history": Case("GET", READ, params=CHECKIN),
    "diary-export": Case("GET", OWNER_ONLY),
    "diary-import": Case("GET", OWNER_ONLY),
    "diary-import-job": Case("GET", OWNER_ONLY, params={"job_id": _import_job}),
}

API = {
    # the diary: clinicians who share may read it; only the patient writes it
    ("get", "/api/patients/{patient_id}/checkins"): Case("GET", API_READ),
    ("post", "/api/patients/{patient_id}/checkins"): Case(
        "POST", API_OWNER_ONLY, 201, lambda cast: {"pain_avg": 4}
    ),
    ("get", "/api/patients/{patient_id}/checkins/{entry_id}"): Case(
        "GET", API_READ, params=CHECKIN
    ),
    ("put", "/api/patients/{patient_id}/checkins/{entry_id}"): Case(
        "PUT", API_OWNER_ONLY, data=lambda cast: {"version": 1, "pain_avg": 6}, params=CHECKIN
    ),
    ("delete", "/api/patients/{patient_id}/checkins/{entry_id}"): Case(
        "DELETE", API_OWNER_ONLY, params=CHECKIN
    ),
    ("post", "/api/patients/{patient_id}/checkins/{entry_id}/restore"): Case(
        "POST", API_OWNER_ONLY, params=CHECKIN
    ),
    ("get", "/api/patients/{patient_id}/activities"): Case("GET", API_READ),
    ("post", "/api/patients/{patient_id}/activities"): Case(
        "POST", API_OWNER_ONLY, 201, lambda cast: {"activity": "walking", "minutes": 10}
    ),
    ("get", "/api/patients/{patient_id}/activities/{entry_id}"): Case(
        "GET", API_READ, params=ACTIVITY
    ),
    ("put", "/api/patients/{patient_id}/activities/{entry_id}"): Case(
        "PUT",
        API_OWNER_ONLY,
        data=lambda cast: {"version": 1, "activity": "walking", "minutes": 12},
        params=ACTIVITY,
    ),
    ("delete", "/api/patients/{patient_id}/activities/{entry_id}"): Case(
        "DELETE", API_OWNER_ONLY, params=ACTIVITY
    ),
    ("post", "/api/patients/{patient_id}/activities/{entry_id}/restore"): Case(
        "POST", API_OWNER_ONLY, params=ACTIVITY
    ),
    ("get", "/api/patients/{patient_id}/revisions/{entry_id}"): Case(
        "GET", API_READ, params=CHECKIN
    ),
    ("get", "/api/patients/{patient_id}/days"): Case(
        "GET", API_READ, query="?start=2026-01-01&end=2026-01-31"
    ),
}

NOT_PATIENT_DATA: set[str] = set()
