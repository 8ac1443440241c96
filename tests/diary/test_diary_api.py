"""The diary API: idempotent creates, version-checked edits, strict validation, history."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from cast import bearer
from pacewise.diary.models import ActivitySession, CheckIn, Revision


@pytest.fixture
def api(client, cast):
    headers = bearer(cast.patient)
    base = f"/api/patients/{cast.record.pk}"

    def call(method, path, body=None, **extra):
        data = json.dumps(body) if body is not None else ""
        response = client.generic(
            method, base + path, data, content_type="application/json", **headers, **extra
        )
        return response

    return call


def today(cast):
    return timezone.localdate().isoformat()


def test_create_with_own_id_then_retry_is_not_a_duplicate(api, cast):
    entry_id = str(uuid.uuid4())
    body = {"id": entry_id, "pain_avg": 5, "fatigue": 6, "tags": ["long drive"]}
    first = api("POST", "/checkins", body)
    assert first.status_code == 201
    again = api("POST", "/checkins", body)
    assert again.status_code == 200
    assert again.json()["id"] == entry_id
    assert CheckIn.objects.filter(pk=entry_id).count() == 1
    assert first.json()["tags"] == ["long drive"]


def test_same_id_for_someone_elses_entry_is_refused(api, client, cast):
    other_id = str(uuid.uuid4())
    client.post(
        f"/api/patients/{cast.other_patient.patient.pk}/checkins",
        json.dumps({"id": other_id, "pain_avg": 2}),
        content_type="application/json",
        **bearer(cast.other_patient),
    )
    response = api("POST", "/checkins", {"id": other_id, "pain_avg": 5})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "id"


def test_second_writer_gets_409_with_the_current_version(api, cast):
    created = api("POST", "/checkins", {"pain_avg": 5}).json()
    path = f"/checkins/{created['id']}"
    phone = api("PUT", path, {"version": 1, "pain_avg": 6})
    assert phone.status_code == 200 and phone.json()["version"] == 2
    laptop = api("PUT", path, {"version": 1, "pain_avg": 3})
    assert laptop.status_code == 409
    body = laptop.json()
    assert body["current"]["version"] == 2 and body["current"]["pain_avg"] == 6
    assert body["errors"][0]["field"] == "version"
    assert CheckIn.objects.get(pk=created["id"]).pain_avg == 6


def test_every_change_keeps_the_values_before_it(api, cast):
    created = api("POST", "/checkins", {"pain_avg": 5, "note": "first"}).json()
    api("PUT", f"/checkins/{created['id']}", {"version": 1, "pain_avg": 7, "note": "second"})
    api("DELETE", f"/checkins/{created['id']}?version=2")
    history = api("GET", f"/revisions/{created['id']}").json()
    assert [r["action"] for r in history] == ["delete", "update", "create"]
    assert history[1]["old_values"]["pain_avg"] == 5
    assert history[1]["old_values"]["note"] == "first"
    assert history[0]["old_values"]["note"] == "second"
    assert history[0]["changed_by"] == cast.patient.email


def test_delete_hides_and_restore_brings_back(api, cast):
    created = api("POST", "/activities", {"activity": "walking", "minutes": 12}).json()
    assert api("DELETE", f"/activities/{created['id']}").status_code == 200
    listed = api("GET", "/activities").json()
    assert created["id"] not in {i["id"] for i in listed["items"]}
    with_deleted = api("GET", "/activities?include_deleted=true").json()
    assert created["id"] in {i["id"] for i in with_deleted["items"]}
    restored = api("POST", f"/activities/{created['id']}/restore")
    assert restored.status_code == 200 and restored.json()["deleted_at"] is None


def test_restore_is_refused_after_30_days(api, cast):
    created = api("POST", "/checkins", {"pain_avg": 5}).json()
    api("DELETE", f"/checkins/{created['id']}")
    CheckIn.objects.filter(pk=created["id"]).update(deleted_at=timezone.now() - timedelta(days=31))
    response = api("POST", f"/checkins/{created['id']}/restore")
    assert response.status_code == 422
    assert "30 days" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"pain_avg": 11}, "pain_avg"),
        ({"pain_avg": -1}, "pain_avg"),
        ({"pain_avg": 4.5}, "pain_avg"),
        ({"pain_avg": False}, "pain_avg"),
        ({"pain_avg": "7"}, "pain_avg"),
        ({"sleep_hours": 25}, "sleep_hours"),
        ({"sleep_hours": True}, "sleep_hours"),
        ({"in_flare": 0}, "in_flare"),
        ({"entered_at": 0}, "entered_at"),
        ({"entered_at": "2026-01-01T10:00:00"}, "entered_at"),
        ({"local_date": "2999-01-01"}, "local_date"),
        ({"local_date": "01/02/2026"}, "local_date"),
        ({"local_date": "2020-01-01"}, "local_date"),
        ({"locations": ["elbow-ish"]}, "locations"),
        ({"tags": ["x" * 41]}, "tags.0"),
        ({"kind": "weekly"}, "kind"),
        ({"note": "x" * 2001}, "note"),
        ({"id": "not-a-uuid"}, "id"),
    ],
)
def test_bad_checkin_values_name_the_field(api, cast, body, field):
    response = api("POST", "/checkins", body)
    assert response.status_code == 422, response.content
    fields = {e["field"] for e in response.json()["errors"]}
    assert field in fields
    assert not CheckIn.objects.filter(patient=cast.record).exclude(pk=cast.checkin.pk).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"activity": "walking", "minutes": 1441}, "minutes"),
        ({"activity": "walking"}, "minutes"),
        ({"activity": "strength", "sets": 3}, "reps"),
        ({"activity": "", "minutes": 5}, "activity"),
        ({"activity": "walking", "minutes": 10, "exertion": 12}, "exertion"),
    ],
)
def test_bad_activity_values_name_the_field(api, cast, body, field):
    response = api("POST", "/activities", body)
    assert response.status_code == 422, response.content
    assert field in {e["field"] for e in response.json()["errors"]}


def test_timestamps_are_stored_in_utc_and_the_day_is_the_devices(api, cast):
    # The profile says Baker Island (UTC-12) but the phone is in Kiribati (UTC+14): 26 hours
    # apart, so the phone's date is always ahead of the profile's. The day is the phone's.
    cast.patient.time_zone = "Etc/GMT+12"
    cast.patient.save(update_fields=["time_zone"])
    now = timezone.now()
    local = now.astimezone(timezone.get_fixed_timezone(14 * 60)).replace(microsecond=0)
    assert local.date() > now.astimezone(timezone.get_fixed_timezone(-12 * 60)).date()
    response = api("POST", "/checkins", {"entered_at": local.isoformat(), "pain_avg": 3})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["local_date"] == local.date().isoformat()
    assert body["entered_at"].endswith("Z") or body["entered_at"].endswith("+00:00")


def test_days_are_summarized_by_the_rule(api, cast):
    day = timezone.localdate().isoformat()
    api("POST", "/checkins", {"kind": "morning", "morning_pain": 6, "sleep_hours": 5.5})
    api("POST", "/activities", {"activity": "walking", "minutes": 7})
    days = api("GET", f"/days?start={day}&end={day}").json()
    assert len(days) == 1
    assert days[0]["morning_pain"] == 6 and days[0]["sleep_hours"] == 5.5
    assert days[0]["minutes"] == 15  # the cast's 8 minutes plus 7
    assert days[0]["avg_pain"] == 4.0


def test_list_is_paginated_and_filtered_by_date(api, cast):
    base = timezone.localdate()
    for i in range(5):
        api(
            "POST",
            "/checkins",
            {"local_date": (base - timedelta(days=i)).isoformat(), "pain_avg": i},
        )
    page = api("GET", "/checkins?limit=2&offset=1").json()
    assert page["count"] == 6 and len(page["items"]) == 2
    start = (base - timedelta(days=1)).isoformat()
    ranged = api("GET", f"/checkins?start={start}&end={base.isoformat()}").json()
    assert {i["local_date"] for i in ranged["items"]} == {start, base.isoformat()}


def test_creates_are_recorded_as_revisions(api, cast):
    created = api("POST", "/activities", {"activity": "strength", "sets": 2, "reps": 8}).json()
    assert Revision.objects.get(entry_id=created["id"]).action == "create"
    assert ActivitySession.objects.get(pk=created["id"]).sets == 2


def test_travel_does_not_move_lose_or_duplicate_days(api, cast):
    from datetime import UTC, datetime

    from clock import at_instant

    cast.patient.time_zone = "Europe/London"
    cast.patient.save()
    with at_instant(datetime(2026, 3, 10, 22, 0, tzinfo=UTC)):  # 22:00 in London, 10 Mar
        london = api("POST", "/checkins", {"pain_avg": 4}).json()
    cast.patient.time_zone = "Australia/Sydney"
    cast.patient.save()
    with at_instant(datetime(2026, 3, 11, 0, 30, tzinfo=UTC)):  # 11:30 in Sydney, 11 Mar
        sydney = api("POST", "/checkins", {"pain_avg": 6}).json()
        days = api("GET", "/days?start=2026-03-09&end=2026-03-12").json()
    assert london["local_date"] == "2026-03-10" and sydney["local_date"] == "2026-03-11"
    assert [(d["date"], d["avg_pain"]) for d in days] == [("2026-03-10", 4.0), ("2026-03-11", 6.0)]
