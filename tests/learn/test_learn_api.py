"""The Learn API: lessons with unlock state, answers, thought records, goals."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from cast import bearer
from pacewise.learn.models import Goal, LessonAnswer, ThoughtRecord

TODAY = timezone.localdate()


@pytest.fixture
def api(client, cast):
    headers = bearer(cast.patient)
    base = f"/api/patients/{cast.record.pk}"

    def call(method, path, body=None):
        return client.generic(
            method, base + path, data=_json(body), content_type="application/json", **headers
        )

    return call


def _json(body):
    return json.dumps(body) if body is not None else ""


def test_lessons_list_with_unlock_state(api):
    data = api("GET", "/lessons").json()
    assert data["started_on"] == TODAY.isoformat() and data["total"] == 24
    first, second = data["lessons"][:2]
    assert first["id"] == "pain-is-an-alarm" and first["is_open"] and first["questions"] >= 1
    assert not second["is_open"]
    assert second["opens_on"] == (TODAY + timedelta(days=3)).isoformat()


def test_answer_returns_kind_feedback_and_is_stored(api, cast):
    response = api("POST", "/lessons/pain-is-an-alarm/answers", {"question": 1, "option": 1})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"question", "option", "correct", "feedback", "answered_at"}
    assert body["feedback"]
    assert LessonAnswer.objects.filter(patient=cast.record).count() == 1
    listed = api("GET", "/lessons/pain-is-an-alarm/answers").json()
    assert [a["question"] for a in listed] == [1]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"question": 4, "option": 1}, "question"),
        ({"question": 1, "option": 9}, "option"),
        ({"question": True, "option": 1}, "question"),
    ],
)
def test_bad_answers_name_the_field(api, body, field):
    response = api("POST", "/lessons/pain-is-an-alarm/answers", body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field


def test_answering_a_locked_lesson_is_refused(api):
    response = api("POST", "/lessons/keeping-your-gains/answers", {"question": 1, "option": 1})
    assert response.status_code == 422


def test_unknown_lesson_is_404_in_the_error_shape(api):
    response = api("GET", "/lessons/nope/answers")
    assert response.status_code == 404 and set(response.json()) == {"detail", "errors"}


THOUGHT = {
    "situation": "At the school gate",
    "thought": "Everyone thinks I'm lazy",
    "feelings": [{"name": "embarrassed", "before": 70}],
}


def test_thought_record_crud(api, cast):
    created = api("POST", "/thoughts", THOUGHT)
    assert created.status_code == 201
    body = created.json()
    assert [t["key"] for t in body["traps"]] == ["mind-reading"]
    assert body["traps"][0]["prompt"].startswith("You might check whether")
    assert body["finished"] is False and body["shared"] is False
    entry = f"/thoughts/{body['id']}"
    update = THOUGHT | {
        "balanced_thought": "Some may wonder; most are busy with their own day.",
        "feelings": [{"name": "embarrassed", "before": 70, "after": 30}],
    }
    changed = api("PUT", entry, update).json()
    assert changed["finished"] is True and changed["feelings"][0]["after"] == 30
    assert [r["id"] for r in api("GET", "/thoughts").json()] == [body["id"]]
    assert api("GET", entry).json()["balanced_thought"].startswith("Some may wonder")
    assert api("DELETE", entry).status_code == 204
    assert not ThoughtRecord.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"feelings": []}, "feelings"),
        ({"feelings": [{"name": "sad", "before": 101}]}, "feelings.0.before"),
        ({"feelings": [{"name": "sad", "before": False}]}, "feelings.0.before"),
        ({"situation": ""}, "situation"),
        ({"shared": "yes"}, "shared"),
    ],
)
def test_thought_validation(api, changes, field):
    response = api("POST", "/thoughts", THOUGHT | changes)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field


GOAL = {
    "value": "Gardening",
    "what": "weed the front bed",
    "amount": 20,
    "unit": "minutes",
    "times_per_week": 4,
    "by_date": (TODAY + timedelta(days=14)).isoformat(),
    "importance": 9,
    "confidence": 5,
}


def test_low_confidence_goal_is_offered_smaller_versions_first(api):
    response = api("POST", "/goals", GOAL)
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["field"] == "smaller_version" and "for 10 minutes" in error["message"]
    assert not Goal.objects.exists()


def test_choosing_a_smaller_version_saves_it(api):
    response = api("POST", "/goals", GOAL | {"smaller_version": 3})
    assert response.status_code == 201
    body = response.json()
    assert (body["amount"], body["times_per_week"], body["status"]) == (10, 2, "active")
    assert body["sentence"].startswith("Weed the front bed, for 10 minutes, twice a week")
    assert [g["id"] for g in api("GET", "/goals").json()] == [body["id"]]


def test_keep_as_is_and_confident_goals_save_unchanged(api):
    assert api("POST", "/goals", GOAL | {"keep_as_is": True}).json()["amount"] == 20
    assert api("POST", "/goals", GOAL | {"confidence": 8}).json()["amount"] == 20


def test_goal_rules_are_the_cores(api):
    response = api("POST", "/goals", GOAL | {"confidence": 8, "by_date": TODAY.isoformat()})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "by_date"
    response = api("POST", "/goals", GOAL | {"confidence": 8, "unit": "miles"})
    assert response.json()["errors"][0]["field"] == "unit"


def test_a_thought_record_about_ending_life_brings_the_crisis_lines_in_the_api_too(api):
    plain = api("POST", "/thoughts", THOUGHT).json()
    assert plain["crisis_lines"] == []
    worried = api("POST", "/thoughts", THOUGHT | {"thought": "I can't go on like this"})
    assert worried.status_code == 201 and worried.json()["crisis_lines"]
    entry = f"/thoughts/{plain['id']}"
    later = api("PUT", entry, THOUGHT | {"balanced_thought": "Maybe I should end it all"})
    assert later.json()["crisis_lines"]  # the balanced thought counts too, as on the web
    assert api("GET", entry).json()["crisis_lines"]
    assert ThoughtRecord.objects.count() == 2  # kept, private, as written
