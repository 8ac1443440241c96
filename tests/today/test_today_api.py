"""The plan's API: today's plan, bouts, flare, easier today, the weekly review, overrides."""

from __future__ import annotations

import json
import uuid

import pytest

from cast import bearer
from pacewise.diary.models import ActivitySession, CheckIn
from pacewise.today.models import OverrideSet, ReviewDecision


@pytest.fixture
def api(client, cast):
    def call(method, path, body=None, *, as_user=None, query=""):
        headers = bearer(as_user or cast.patient)
        url = f"/api/patients/{cast.record.pk}/{path}{query}"
        data = json.dumps(body) if body is not None else ""
        return client.generic(method, url, data=data, content_type="application/json", **headers)

    return call


def test_get_today_gives_targets_bouts_phase_reasons_and_the_easier_option(api, history):
    from django.utils import timezone

    body = api("GET", "today").json()
    assert body["set_up"] and body["phase"] == "building"
    [walk] = body["targets"]
    assert walk | {"done": walk["done"]} == {
        "activity": "walking",
        "label": "Walking",
        "unit": "minutes",
        "target": 9.0,
        "quota": 9.6,
        "bouts": 1,
        "bout_size": 9.0,
        "overridden": False,
        "done": 8.0,
        "days_per_week": 7,
        # the diary walks every day before today: each earlier day of this Monday-to-Sunday
        # week is done (0 on a Monday, 1 on a Tuesday, …)
        "done_days": timezone.localdate().weekday(),
        "asked_today": True,
        "week": "",
    }
    assert body["weekly_quota"] == {"walking": 67.2}
    assert "So your plan goes up 20%." in body["reasons"]
    assert body["easier_option"]["targets"][0]["target"] == 5.0
    assert body["review_pending"] and body["overrides"] is None


def test_today_before_setup_says_so(api, cast):
    body = api("GET", "today").json()
    assert body["set_up"] is False and body["targets"] == []


def test_log_a_bout_is_idempotent_by_id(api, history):
    tap = {"activity": "walking", "id": str(uuid.uuid4())}
    first = api("POST", "today/bouts", tap)
    again = api("POST", "today/bouts", tap)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["minutes"] == 9 and first.json()["planned_item"] == "walking"
    assert ActivitySession.objects.filter(note="Logged from Today.").count() == 1


def test_a_bout_of_something_not_in_the_plan_is_422(api, history):
    response = api("POST", "today/bouts", {"activity": "swimming"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "activity"


def test_flare_switches_today_to_the_flare_plan(api, history):
    assert api("POST", "today/flare", {}).status_code == 201
    assert CheckIn.objects.filter(kind="flare", in_flare=True).count() == 1
    body = api("GET", "today").json()
    assert body["phase"] == "flare" and body["targets"][0]["target"] == 5.0


def test_easier_today_on_and_off(api, history):
    body = api("POST", "today/easier", {"easier": True}).json()
    assert body["easier_chosen"] is True
    assert api("POST", "today/easier", {"easier": False}).json()["easier_chosen"] is False
    assert api("POST", "today/easier", {"easier": 1}).status_code == 422


def test_weekly_review_and_the_smaller_step_on_low_confidence(api, history):
    body = api("GET", "weekly-review").json()
    assert body["review"]["change"] == "raise" and body["smaller"] is None
    assert body["review"]["proposed"] == [
        {"activity": "walking", "before": 8.0, "after": 9.6, "overridden": False}
    ]
    low = api("GET", "weekly-review", query="?confidence=4").json()
    assert low["smaller"]["proposed"][0]["after"] == 8.8
    response = api("POST", "weekly-review/decision", {"confidence": 4, "smaller": True})
    assert response.status_code == 201
    assert response.json()["kind"] == "smaller" and response.json()["step"] == 0.5
    assert api("GET", "today").json()["targets"][0]["quota"] == 8.8
    assert api("GET", "weekly-review").json()["decision"]["confidence"] == 4


def test_below_confidence_7_a_raise_needs_a_chosen_step_as_on_the_web(api, history):
    unchosen = api("POST", "weekly-review/decision", {"confidence": 4})
    assert unchosen.status_code == 422
    assert unchosen.json()["errors"][0] == {
        "field": "step", "message": "choose a step: full, smaller or same"
    }
    assert not ReviewDecision.objects.exists()
    same = api("POST", "weekly-review/decision", {"confidence": 4, "step": "same"})
    assert same.status_code == 201 and same.json()["kind"] == "same"
    assert api("GET", "today").json()["targets"][0]["quota"] == 8.0
    full = api("POST", "weekly-review/decision", {"confidence": 4, "step": "full"})
    assert full.json()["kind"] == "accepted"
    assert api("GET", "today").json()["targets"][0]["quota"] == 9.6


def test_a_decision_needs_a_whole_confidence_and_a_review(api, walking):
    bad = api("POST", "weekly-review/decision", {"confidence": 7.5})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "confidence"
    none_yet = api("POST", "weekly-review/decision", {"confidence": 8})
    assert none_yet.status_code == 422 and none_yet.json()["errors"][0]["field"] == "review"
    assert not ReviewDecision.objects.exists()


def test_overrides_put_by_a_clinician_and_read_by_the_person(api, cast, history):
    body = {"quotas": {"walking": 6}, "caps": {}, "progression_rate": 0.05, "note": "Flat walks"}
    response = api("PUT", "plan/overrides", body, as_user=cast.sharing_clinician)
    assert response.status_code == 200
    assert response.json()["set_by"] == "Sharer (Harbour Physio)"
    read = api("GET", "plan/overrides").json()
    assert read["quotas"] == {"walking": 6.0} and read["progression_rate"] == 0.05
    today = api("GET", "today").json()
    assert today["targets"][0]["quota"] == 6.0 and today["overridden"] == [
        "walking",
        "progression_rate",
    ]
    assert api("PUT", "plan/overrides", {}, as_user=cast.sharing_clinician).json()["quotas"] == {}
    assert OverrideSet.objects.count() == 2


def test_overrides_are_checked(api, cast, history):
    clinician = cast.sharing_clinician
    unknown = api("PUT", "plan/overrides", {"quotas": {"swimming": 5}}, as_user=clinician)
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "quotas"
    fast = api("PUT", "plan/overrides", {"progression_rate": 0.5}, as_user=clinician)
    assert fast.status_code == 422
    assert api("PUT", "plan/overrides", {"quotas": {"walking": 6}}).status_code == 403
