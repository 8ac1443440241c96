"""Access cases for Learn and mind-body.

Course pages and tools are the person's own (owner-only). Private entries (thought records,
practice entries, the flare kit) are listed here unshared: sharing clinicians get 403 until the
person shares that one entry (tested in tests/learn/test_private_entries.py). The "what is
shared" page is readable by sharing clinicians.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from matrix import API_OWNER_ONLY, API_READ, OWNER_ONLY, READ, Case

from pacewise.learn.models import Goal, JournalEntry, ThoughtRecord

LESSON = "pain-is-an-alarm"


def _thought(cast):
    return ThoughtRecord.objects.create(
        patient=cast.record,
        local_date=timezone.localdate(),
        situation="At the shop",
        thought="It will never get better",
        feelings=[{"name": "worried", "before": 70, "after": None}],
    ).pk


def _journal(cast):
    return JournalEntry.objects.create(
        patient=cast.record,
        module="self-compassion",
        text="Be kind",
        local_date=timezone.localdate(),
    ).pk


def _goal(cast):
    return Goal.objects.create(
        patient=cast.record,
        what="walk",
        amount=10,
        unit="minutes",
        times_per_week=3,
        by_date=timezone.localdate() + timedelta(days=14),
        importance=8,
        confidence=5,
        started_on=timezone.localdate(),
    ).pk


def _new_goal(cast):
    return {
        "value": "Play with my grandchildren",
        "what": "walk around the block",
        "amount": 10,
        "unit": "minutes",
        "times_per_week": 3,
        "by_date": (timezone.localdate() + timedelta(days=14)).isoformat(),
        "importance": 8,
        "confidence": 7,
    }


L = {"lesson_id": lambda cast: LESSON}
THOUGHT = {"entry_id": _thought}
JOURNAL = {"entry_id": _journal}
GOAL = {"entry_id": _goal}

WEB = {
    "learn-home": Case("GET", OWNER_ONLY),
    "learn-lesson": Case("GET", OWNER_ONLY, params=L),
    "learn-answer": Case(
        "POST",
        OWNER_ONLY,
        302,
        data=lambda cast: {"q1-option": 1},
        params=L | {"question": lambda cast: 1},
    ),
    "learn-read": Case("POST", OWNER_ONLY, 302, params=L),
    "learn-flare-kit": Case("GET", OWNER_ONLY),
    "learn-flare-kit-edit": Case("GET", OWNER_ONLY),
    "learn-shared": Case("GET", READ),
    "learn-share": Case(
        "POST",
        OWNER_ONLY,
        302,
        data=lambda cast: {"shared": "1"},
        params=THOUGHT | {"kind": lambda cast: "thought"},
    ),
    "learn-thoughts": Case("GET", OWNER_ONLY),
    "learn-thought-new": Case("GET", OWNER_ONLY),
    "learn-thought": Case("GET", OWNER_ONLY, params=THOUGHT),
    "learn-thought-finish": Case("GET", OWNER_ONLY, params=THOUGHT),
    "learn-thought-delete": Case("POST", OWNER_ONLY, 302, params=THOUGHT),
    "learn-goals": Case("GET", OWNER_ONLY),
    "learn-goal-new": Case("GET", OWNER_ONLY),
    "learn-goal-rulers": Case("GET", OWNER_ONLY, params=GOAL),
    "learn-goal-reflect": Case("GET", OWNER_ONLY, params=GOAL),
    "learn-practice": Case("GET", OWNER_ONLY),
    "learn-practice-module": Case(
        "GET", OWNER_ONLY, params={"module": lambda cast: "self-compassion"}
    ),
    "learn-journal-entry": Case("GET", OWNER_ONLY, params=JOURNAL),
}

API = {
    ("get", "/api/patients/{patient_id}/lessons"): Case("GET", API_READ),
    ("get", "/api/patients/{patient_id}/lessons/{lesson_id}/answers"): Case(
        "GET", API_OWNER_ONLY, params=L
    ),
    ("post", "/api/patients/{patient_id}/lessons/{lesson_id}/answers"): Case(
        "POST", API_OWNER_ONLY, data=lambda cast: {"question": 1, "option": 1}, params=L
    ),
    ("get", "/api/patients/{patient_id}/thoughts"): Case("GET", API_OWNER_ONLY),
    ("post", "/api/patients/{patient_id}/thoughts"): Case(
        "POST",
        API_OWNER_ONLY,
        201,
        lambda cast: {
            "situation": "At work",
            "thought": "I always get it wrong",
            "feelings": [{"name": "sad", "before": 60}],
        },
    ),
    ("get", "/api/patients/{patient_id}/thoughts/{entry_id}"): Case(
        "GET", API_OWNER_ONLY, params=THOUGHT
    ),
    ("put", "/api/patients/{patient_id}/thoughts/{entry_id}"): Case(
        "PUT",
        API_OWNER_ONLY,
        data=lambda cast: {
            "situation": "At work",
            "thought": "It was hard",
            "feelings": [{"name": "sad", "before": 60, "after": 40}],
            "balanced_thought": "Hard, and I handled it.",
        },
        params=THOUGHT,
    ),
    ("delete", "/api/patients/{patient_id}/thoughts/{entry_id}"): Case(
        "DELETE", API_OWNER_ONLY, 204, params=THOUGHT
    ),
    ("get", "/api/patients/{patient_id}/goals"): Case("GET", API_OWNER_ONLY),
    ("post", "/api/patients/{patient_id}/goals"): Case("POST", API_OWNER_ONLY, 201, _new_goal),
}

NOT_PATIENT_DATA: set[str] = set()


CLINICIAN_ACTS = {**READ, "patient": 403}
WEB["learn-suggest"] = Case("GET", CLINICIAN_ACTS)
API[("get", "/api/patients/{patient_id}/lessons/suggested")] = Case("GET", API_READ)
API[("post", "/api/patients/{patient_id}/lessons/suggested")] = Case(
    "POST", {**API_READ, "patient": 403}, 201, lambda cast: {"lesson_id": LESSON, "note": "Read"}
)
