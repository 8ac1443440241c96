"""The program API: get the program, report symptoms (the red-flag screen), log a session."""

from __future__ import annotations

import json
import uuid

import pytest
from django.core import mail
from plans_helpers import program_for

from cast import bearer
from pacewise.diary.models import ActivitySession
from pacewise.plans import programs
from pacewise.plans.models import RedFlagAlert


@pytest.fixture
def api(client, cast):
    headers = bearer(cast.patient)

    def call(method, path, body=None):
        url = f"/api/patients/{cast.record.pk}/program{path}"
        return client.generic(
            method, url, data=body and json.dumps(body),
            content_type="application/json", **headers,
        )  # fmt: skip

    return call


def _done(item):
    if item.minutes is not None:
        return {"exercise_id": item.exercise_id, "minutes": item.minutes}
    return {"exercise_id": item.exercise_id, "sets": item.sets, "reps": item.reps}


def test_get_program_lists_items_with_dose_reason_and_changes(api, cast):
    program_for(cast.record)
    body = api("GET", "").json()
    assert body["exists"] and body["paused"] is None and body["items"]
    first = body["items"][0]
    assert first["dose"] and first["reason"] and first["added_by"] == "builder"
    assert body["changes"][0]["kind"] == "built"


def test_get_program_before_onboarding_is_empty(api):
    body = api("GET", "").json()
    assert body.pop("pain_during")[0].startswith("Some pain while you move is okay")
    assert body == {
        "exists": False, "paused": None, "items": [], "notes": [], "gaps": [], "changes": []
    }  # fmt: skip


def test_reporting_a_red_flag_pauses_and_alerts(api, cast):
    program_for(cast.record)
    response = api("POST", "/symptoms", {"answers": {"chest_pain": True, "fever": False}})
    assert response.status_code == 201
    body = response.json()
    assert body["stops_program"] and body["level"] == "stop_exercising"
    assert body["positive"] == ["chest_pain"] and body["care_team_told"]
    assert "stop exercising" in body["headline"].lower() and body["advice"]
    assert RedFlagAlert.objects.filter(patient=cast.record).exists() and len(mail.outbox) == 1
    paused = api("GET", "").json()["paused"]
    assert paused["level"] == "stop_exercising" and "chest" in paused["reported"][0]
    item = programs.active_items(programs.program_for(cast.record)).first()
    response = api("POST", "/sessions", {"exercises": [_done(item)]})
    assert response.status_code == 409 and set(response.json()) == {"detail", "errors"}


@pytest.mark.parametrize(
    "answers",
    [{}, {"headache": True}, {"fever": 1}, {"fever": "yes"}, {"fever": None}, []],
)
def test_symptom_answers_are_strict(api, answers):
    response = api("POST", "/symptoms", {"answers": answers})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "answers"


def test_logging_a_session_writes_the_diary_and_a_retry_does_not_duplicate(api, cast):
    program = program_for(cast.record)
    item = programs.active_items(program).first()
    body = {"id": str(uuid.uuid4()), "exercises": [_done(item)], "pain_peak": 3, "effort": 4}
    response = api("POST", "/sessions", body)
    assert response.status_code == 201
    entry = response.json()["entries"][0]
    assert entry["planned_item"] == item.exercise_id and entry["pain_peak"] == 3
    again = api("POST", "/sessions", body)
    assert again.status_code == 200 and again.json()["entries"][0]["id"] == entry["id"]
    assert ActivitySession.objects.filter(planned_item=item.exercise_id).count() == 1


@pytest.mark.parametrize(
    ("exercise", "field"),
    [
        ({"exercise_id": "not-in-program", "minutes": 5}, "exercises.0.exercise_id"),
        ({"exercise_id": "X"}, "exercises.0.exercise_id"),
    ],
)
def test_logging_refuses_what_is_not_in_the_program(api, cast, exercise, field):
    program_for(cast.record)
    response = api("POST", "/sessions", {"exercises": [exercise]})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == field


def test_logging_needs_minutes_or_sets_and_reps(api, cast):
    item = programs.active_items(program_for(cast.record)).first()
    response = api("POST", "/sessions", {"exercises": [{"exercise_id": item.exercise_id}]})
    assert response.status_code == 422
    bad = api("POST", "/sessions", {"exercises": [_done(item) | {"minutes": True}]})
    assert bad.status_code == 422


def test_screening_questions_are_listed(client, cast):
    response = client.get("/api/program/screening-questions", **bearer(cast.patient))
    ids = [q["id"] for q in response.json()]
    assert "saddle_numbness" in ids and response.json()[0]["urgency"] == "emergency"
