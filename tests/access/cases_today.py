"""Access cases for Today: clinicians who share may read the plan and the weekly review; only
the person acts on them (bouts, flare, easier today, review answers); only a sharing clinician
changes the plan's settings (the person gets 403 there)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from matrix import API_OWNER_ONLY, API_READ, OWNER_ONLY, READ, Case

CLINICIAN_ACTS = {**READ, "patient": 403}
API_CLINICIAN_ACTS = {**API_READ, "patient": 403}


def _plan(cast):
    """Walking, with two weeks of diary: the plan is past its baseline and has a review."""
    from pacewise.diary.models import ActivitySession, CheckIn
    from pacewise.today import actions

    patient = cast.record
    actions.choose_activities(patient, [actions.Choice("walking", 10)])
    today = timezone.localdate()
    for back in range(14, 0, -1):
        day = today - timedelta(days=back)
        CheckIn.objects.create(patient=patient, local_date=day, morning_pain=3, pain_avg=3)
        ActivitySession.objects.create(
            patient=patient, local_date=day, activity="walking", minutes=10
        )
    return patient


def _bout(cast):
    _plan(cast)
    return {"activity": "walking"}


def _answer(cast):
    _plan(cast)
    return {"confidence": 8}


def _settings(cast):
    _plan(cast)
    return {"quota_0": "6"}


WEB = {
    "today": Case("GET", READ),
    "today-setup": Case("GET", OWNER_ONLY),
    "today-log-bout": Case("POST", OWNER_ONLY, 302, _bout),
    "today-flare": Case("POST", OWNER_ONLY, 302),
    "today-flare-undo": Case("POST", OWNER_ONLY, 302),
    "today-easier": Case("POST", OWNER_ONLY, 302),
    "today-easier-undo": Case("POST", OWNER_ONLY, 302),
    "today-review": Case("GET", READ),
    "today-review-accept": Case("POST", OWNER_ONLY, 302, _answer),
    "today-plan": Case("POST", CLINICIAN_ACTS, 302, _settings),
    "today-plan-clear": Case("POST", CLINICIAN_ACTS, 302),
    "today-calendar": Case("GET", OWNER_ONLY),
    "today-reminders": Case("GET", OWNER_ONLY),
    "today-push": Case("POST", OWNER_ONLY, 422),  # an empty subscription: said what is wrong
}

# The calendar feed is reached by its secret address, not a session: wrong, revoked and
# renewed addresses answer 404 (tests/today/test_calendar_feed.py).
# "Not today" from a reminder is reached by its signed link (tests/today/test_reminder_emails.py).
NOT_PATIENT_DATA: set[str] = {
    "calendar-feed", "manifest", "service-worker", "offline", "favicon", "reminders-not-today",
    "reminders-not-today-quiet",
}

API = {
    ("get", "/api/patients/{patient_id}/today"): Case("GET", API_READ),
    ("post", "/api/patients/{patient_id}/today/bouts"): Case("POST", API_OWNER_ONLY, 201, _bout),
    ("post", "/api/patients/{patient_id}/today/flare"): Case(
        "POST", API_OWNER_ONLY, 201, lambda cast: {}
    ),
    ("post", "/api/patients/{patient_id}/today/easier"): Case(
        "POST", API_OWNER_ONLY, 200, lambda cast: {"easier": True}
    ),
    ("get", "/api/patients/{patient_id}/weekly-review"): Case("GET", API_READ),
    ("post", "/api/patients/{patient_id}/weekly-review/decision"): Case(
        "POST", API_OWNER_ONLY, 201, _answer
    ),
    ("get", "/api/patients/{patient_id}/plan/overrides"): Case("GET", API_READ),
    ("put", "/api/patients/{patient_id}/plan/overrides"): Case(
        "PUT", API_CLINICIAN_ACTS, 200, lambda cast: _plan(cast) and {"quotas": {"walking": 6}}
    ),
}
