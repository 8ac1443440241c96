"""Safety matrix, red-flag rows: each urgency level x every surface that prescribes movement
(web Today, API today and program, session player, program page, weekly review), the care
team's email and caseload, and clearing the pause (dated on or after the alert, with the
assessor at the emergency level, audited, visible to the care team).

What each level allows is core.safety.pause.rules_for; these tests check that every surface obeys.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cast import bearer
from pacewise.accounts.models import AuditEvent
from pacewise.diary.models import ActivitySession, CheckIn
from pacewise.plans import red_flags
from pacewise.plans.models import RedFlagAlert
from program_helpers import build_program

LEVELS = {  # a question that raises each level
    "emergency": "neck_dizziness",
    "stop_exercising": "chest_pain",
    "urgent": "weight_loss",
}
STOPS_ALL = {"emergency", "stop_exercising"}


def url(name, cast, **kwargs):
    return reverse(name, kwargs={"patient_id": cast.record.pk, **kwargs})


@pytest.fixture
def planned(cast):
    """A low-back program plus 10 minutes of usual walking, and three weeks of diary."""
    build_program(cast)
    today = timezone.localdate()
    for back in range(21, 0, -1):
        day = today - timedelta(days=back)
        CheckIn.objects.create(patient=cast.record, local_date=day, morning_pain=3, pain_avg=3)
        ActivitySession.objects.create(
            patient=cast.record, local_date=day, activity="walking", minutes=10,
            planned_item="walking",
        )
    return cast


def _report(client, cast, level):
    client.force_login(cast.patient)
    client.post(url("plans-symptoms", cast), {"symptoms": [LEVELS[level]]})
    return RedFlagAlert.objects.get(patient=cast.record)


def test_without_a_pause_everything_is_prescribed(client, planned):
    client.force_login(planned.patient)
    page = client.get(url("today", planned)).content.decode()
    assert "of walking" in page and url("today-log-bout", planned) in page
    body = client.get(f"/api/patients/{planned.record.pk}/today", **bearer(planned.patient)).json()
    assert body["pause"] is None and len(body["targets"]) > 1


@pytest.mark.parametrize("level", list(LEVELS))
def test_each_level_holds_on_every_surface(client, planned, level):
    cast = planned
    alert = _report(client, cast, level)
    assert alert.level == level
    stops_all = level in STOPS_ALL

    # the care team is emailed at once, naming no one and no symptom
    assert len(mail.outbox) == 1 and "Pat" not in mail.outbox[0].body

    # web Today
    today = client.get(url("today", cast)).content.decode()
    assert ("of walking" in today) == (not stops_all)
    assert (url("today-log-bout", cast) in today) == (not stops_all)
    assert "I'm in a flare" not in today if stops_all else True
    if stops_all:
        assert 'href="tel:911"' in today and 'href="tel:988"' in today
        assert "Please" in today and alert_heading(level) in today
    else:
        assert "Your exercise program is on hold" in today

    # API today
    body = client.get(f"/api/patients/{cast.record.pk}/today", **bearer(cast.patient)).json()
    assert body["pause"]["level"] == level
    assert body["pause"]["paced_activities"] == (not stops_all)
    keys = {t["activity"] for t in body["targets"]}
    assert keys == (set() if stops_all else {"walking"})
    assert body["easier_option"]["targets"] == [] if stops_all else True
    assert body["pause"]["emergency_number"] == "911"

    # API program: the person is prescribed no exercise; the reply says why
    program = client.get(f"/api/patients/{cast.record.pk}/program", **bearer(cast.patient)).json()
    assert program["items"] == [] and program["paused"]["level"] == level
    assert program["paused"]["program_exercises"] is False

    # program page and session player show the paused screen, never an exercise
    page = client.get(url("plans-program", cast)).content.decode()
    assert "Your program is paused for now" in page and "Start today's session" not in page
    start = client.post(url("plans-session-start", cast))
    assert start["Location"] == url("plans-program", cast)
    logged = client.post(
        f"/api/patients/{cast.record.pk}/program/sessions",
        json.dumps({"exercises": [{"exercise_id": "x", "minutes": 5}]}),
        content_type="application/json",
        **bearer(cast.patient),
    )
    assert logged.status_code in (409, 422)

    # weekly review: held at the levels that stop everything
    review = client.get(url("today-review", cast)).content.decode()
    assert ("Your plan is on hold" in review) == stops_all

    # caseload
    client.force_login(cast.sharing_clinician)
    caseload = client.get(reverse("caseload")).content.decode()
    assert "Program paused: needs a medical check" in caseload
    clinician_program = client.get(url("plans-program", cast)).content.decode()
    assert "Paused for a medical check" in clinician_program
    assert "Symptoms reported, and who cleared them" in clinician_program


def alert_heading(level):
    from pacewise.core.safety.pause import rules_for

    return rules_for(level).heading


def test_the_person_cannot_clear_with_a_date_before_the_alert(client, planned):
    _report(client, planned, "emergency")
    before = (timezone.localdate() - timedelta(days=3)).isoformat()
    page = client.post(
        url("plans-resume", planned),
        {"cleared": "on", "seen_on": before, "assessed_by": "Dr Lee"},
    )
    assert page.status_code == 400 and "on or after" in page.content.decode()
    assert red_flags.open_alert(planned.record) is not None
    api = client.post(
        f"/api/patients/{planned.record.pk}/program/clearance",
        json.dumps({"seen_on": "2020-01-01", "assessed_by": "Dr Lee"}),
        content_type="application/json",
        **bearer(planned.patient),
    )
    assert api.status_code == 422 and api.json()["errors"][0]["field"] == "seen_on"
    assert red_flags.open_alert(planned.record) is not None


def test_at_the_emergency_level_the_person_names_who_checked_them(client, planned):
    _report(client, planned, "emergency")
    today = timezone.localdate().isoformat()
    page = client.post(url("plans-resume", planned), {"cleared": "on", "seen_on": today})
    assert page.status_code == 400 and "who checked you" in page.content.decode()
    assert red_flags.open_alert(planned.record) is not None

    done = client.post(
        url("plans-resume", planned),
        {"cleared": "on", "seen_on": today, "assessed_by": "Dr Lee, City Hospital"},
    )
    assert done.status_code == 302 and red_flags.open_alert(planned.record) is None
    alert = RedFlagAlert.objects.get()
    assert (alert.assessed_by, alert.cleared_by_clinician) == ("Dr Lee, City Hospital", False)
    event = AuditEvent.objects.get(patient=planned.record, what="red-flag-cleared")
    assert event.actor == planned.patient

    # the care team sees who resumed, when and on whose word
    client.force_login(planned.sharing_clinician)
    caseload = client.get(reverse("caseload")).content.decode()
    assert "Resumed by the person" in caseload and "Dr Lee, City Hospital" in caseload
    program = client.get(url("plans-program", planned)).content.decode()
    assert "(the person themselves)" in program and "Dr Lee, City Hospital" in program


def test_a_sharing_clinician_clears_without_naming_an_assessor(client, planned):
    _report(client, planned, "emergency")
    client.force_login(planned.sharing_clinician)
    done = client.post(
        url("plans-resume", planned), {"cleared": "on", "seen_on": timezone.localdate()}
    )
    assert done.status_code == 302 and red_flags.open_alert(planned.record) is None
    alert = RedFlagAlert.objects.get()
    assert alert.cleared_by_clinician and "Harbour Physio" in alert.cleared_by_label
    assert AuditEvent.objects.filter(patient=planned.record, what="plans-resume").exists()


def test_urgent_clearance_needs_no_assessor_and_resumes_the_program(client, planned):
    _report(client, planned, "urgent")
    reply = client.post(
        f"/api/patients/{planned.record.pk}/program/clearance",
        json.dumps({"seen_on": timezone.localdate().isoformat()}),
        content_type="application/json",
        **bearer(planned.patient),
    )
    assert reply.status_code == 200 and reply.json() == {"cleared": 1}
    program = client.get(
        f"/api/patients/{planned.record.pk}/program", **bearer(planned.patient)
    ).json()
    assert program["paused"] is None and program["items"]
    assert any("5 out of 10" in line for line in program["pain_during"])


def test_the_most_urgent_open_alert_sets_the_level(client, planned):
    _report(client, planned, "urgent")
    client.post(url("plans-symptoms", planned), {"symptoms": ["chest_pain"]})
    assert red_flags.pause_rules(planned.record).level == "stop_exercising"
    client.post(url("plans-symptoms", planned), {"symptoms": ["fever"]})
    assert red_flags.pause_rules(planned.record).level == "stop_exercising"


def test_with_two_open_alerts_the_clearance_must_satisfy_both(client, planned):
    """An older emergency and a newer urgent alert: a check dated between them is refused
    kindly (400 with the reason), never a server error."""
    from datetime import datetime, time

    from django.utils import timezone as tz

    _report(client, planned, "emergency")
    RedFlagAlert.objects.update(
        created_at=tz.make_aware(datetime.combine(tz.localdate() - timedelta(days=3), time(9)))
    )
    client.post(url("plans-symptoms", planned), {"symptoms": ["fever"]})
    between = (tz.localdate() - timedelta(days=1)).isoformat()
    page = client.post(
        url("plans-resume", planned),
        {"cleared": "on", "seen_on": between, "assessed_by": "Dr Lee"},
    )
    assert page.status_code == 400 and "on or after" in page.content.decode()
    assert red_flags.open_alert(planned.record) is not None
