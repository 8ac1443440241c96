"""Access cases for the care team's caseload: only a clinician the person shares with marks a
triage reason as seen."""

from __future__ import annotations

from matrix import READ, Case

CLINICIAN_ACTS = {**READ, "patient": 403}

WEB = {
    "care-triage-seen": Case(
        "POST",
        CLINICIAN_ACTS,
        302,
        lambda cast: {"kind": "pain_rising", "episode": "2026-12-01", "note": "Called."},
    ),
}

API: dict = {}
NOT_PATIENT_DATA: set = set()
