"""The questionnaire API: what is due, answering with strict validation, the safety reply."""

from __future__ import annotations

import json

import pytest
from django.core import mail

from cast import bearer
from pacewise.outcomes.models import SafetyAlert


@pytest.fixture
def post(client, cast):
    headers = bearer(cast.patient)

    def call(instrument_id, answers):
        return client.post(
            f"/api/patients/{cast.record.pk}/questionnaires/{instrument_id}/responses",
            json.dumps({"answers": answers}),
            content_type="application/json",
            **headers,
        )

    return call


def test_due_list_starts_with_the_baseline(client, cast):
    due = client.get(f"/api/patients/{cast.record.pk}/questionnaires", **bearer(cast.patient))
    baseline = [d for d in due.json() if d["occasion"] == "baseline"]
    assert {d["instrument_id"] for d in baseline} == {"peg", "phq9", "gad7"}
    assert {d["status"] for d in baseline} == {"open"}


def test_answering_returns_the_score(post):
    response = post("peg", {"peg_1": 6, "peg_2": 5, "peg_3": 4})
    assert response.status_code == 201
    body = response.json()
    assert body["response"]["total"] == 5.0 and body["safety"] is None


def test_self_harm_answer_returns_crisis_lines_and_alerts(post, cast):
    answers = {f"phq9_{i}": 0 for i in range(1, 10)} | {"phq9_9": 1}
    body = post("phq9", answers).json()
    assert body["response"]["safety_flag"] is True
    assert body["safety"]["care_team_alerted"] is True
    assert any("988" in line["title"] for line in body["safety"]["crisis_lines"])
    assert SafetyAlert.objects.filter(patient=cast.record).count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "answers",
    [{"peg_1": 11, "peg_2": 1, "peg_3": 1}, {"peg_1": 1}, {"nope": 1}, {"peg_1": "x"}],
)
def test_bad_answers_are_422_with_a_reason(post, answers):
    response = post("peg", answers)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"].startswith("answers")


def test_unknown_questionnaire_is_404(post):
    assert post("bpi", {"x": 1}).status_code == 404
