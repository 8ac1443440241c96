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
NOT_PATIENT_DATA = {"clinic-monitoring-csv"}  # a clinic page: members only, 404 for others
