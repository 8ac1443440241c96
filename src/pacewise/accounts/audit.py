"""How audit events are described to people."""

from __future__ import annotations

WHAT_LABELS = {
    "patient-home": "Overview and diary",
    "patient-diary": "Diary",
    "api-patient": "Overview (through the API)",
    "api-checkins": "Check-ins (through the API)",
    "red-flag-cleared": "Resumed the program after a red-flag pause",
    "plans-resume": "Resumed the program after a red-flag pause",
    "api-program-clearance": "Resumed the program after a red-flag pause (through the API)",
    "care-notes": "Clinical notes",
    "care-notes-add": "Wrote a clinical note",
    "api-notes": "Clinical notes (through the API)",
    "care-triage-seen": "Marked a caseload reason as seen",
    "care-monitoring": "Monitoring figures and logged time",
}


def describe(what: str) -> str:
    return WHAT_LABELS.get(what, what.replace("-", " ").capitalize())
