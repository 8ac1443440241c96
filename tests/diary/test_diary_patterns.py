"""The diaries people actually keep, built through the real web forms and API, and every
surface asked the same question about the same days: the API's day summaries, the day page,
Today's history, insights' counted days and the visit report.

Patterns: morning-only, evening-only, API-only with activity labels, a flare said by mistake
and taken back. (Imported months, travellers and three-days-a-week are in the CSV, time-zone
and plan tests; more belong here as the one-truth issue goes on.)
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.urls import reverse

from cast import bearer
from pacewise.core.triggers import MIN_USABLE_DAYS
from pacewise.diary import days
from pacewise.diary.csv_exchange import COLUMNS, import_diary
from pacewise.diary.models import ActivitySession, CheckIn, Revision
from pacewise.insights import data as insights
from pacewise.outcomes import responses
from pacewise.outcomes.visit_report import visit_report_data
from pacewise.today import actions
from pacewise.today import state as plan_state

DAYS = 45


def url(name, cast, **kwargs):
    return reverse(name, kwargs={"patient_id": cast.record.pk, **kwargs})


def api_days(client, cast, start, end) -> list[dict]:
    reply = client.get(
        f"/api/patients/{cast.record.pk}/days?start={start}&end={end}", **bearer(cast.patient)
    )
    assert reply.status_code == 200
    return reply.json()


def walk(client, cast, day, label="Walking", minutes=15, **extra):
    return client.post(
        f"/api/patients/{cast.record.pk}/activities",
        json.dumps({"local_date": day.isoformat(), "activity": label, "minutes": minutes} | extra),
        content_type="application/json",
        **bearer(cast.patient),
    )


@pytest.fixture
def person(client, cast):
    """The cast's person with no diary yet, signed in, pacing walking."""
    CheckIn.objects.filter(patient=cast.record).delete()
    ActivitySession.objects.filter(patient=cast.record).delete()
    actions.choose_activities(cast.record, [actions.Choice("walking", 15)])
    client.force_login(cast.patient)
    return cast


def test_morning_only_diary_has_a_days_pain_everywhere(client, person):
    cast = person
    today = days.today_for(cast.record)
    first = today - timedelta(days=DAYS - 1)
    for back in range(DAYS - 1, -1, -1):
        day = today - timedelta(days=back)
        reply = client.post(
            url("diary-checkin", cast, kind="morning"),
            {"local_date": day.isoformat(), "morning_pain": str(3 + back % 2), "sleep_hours": "7"},
        )
        assert reply.status_code == 302
        assert walk(client, cast, day).status_code == 201

    summaries = api_days(client, cast, first, today)
    assert len(summaries) == DAYS
    assert all(d["avg_pain"] == d["morning_pain"] for d in summaries)
    assert {d["pain_source"] for d in summaries} == {"waking"}

    page = client.get(url("diary-day", cast, day=today.isoformat())).content.decode()
    assert "not recorded" not in page and "(on waking)" in page

    history = plan_state.load(cast.record).history
    assert sum(r.avg_pain is not None for r in history) == DAYS
    assert sum(r.amount("walking") > 0 for r in history) == DAYS

    wait = insights.patterns(cast.record).wait_days
    assert wait == max(0, MIN_USABLE_DAYS - DAYS)

    report = visit_report_data(cast.record, [])
    assert sum(d.avg_pain is not None for d in report.days) == len(report.days) > 0


def test_evening_only_diary_records_sleep(client, person):
    cast = person
    today = days.today_for(cast.record)
    form = client.get(url("diary-checkin", cast, kind="full")).content.decode()
    assert "Hours of sleep last night" in form
    reply = client.post(
        url("diary-checkin", cast, kind="full"),
        {"local_date": today.isoformat(), "pain_avg": "5", "sleep_hours": "6.5",
         "sleep_quality": "4"},
    )
    assert reply.status_code == 302
    (summary,) = api_days(client, cast, today, today)
    assert (summary["sleep_hours"], summary["sleep_quality"]) == (6.5, 4)
    assert (summary["avg_pain"], summary["pain_source"]) == (5.0, "day")
    # the night is recorded now: a second check-in that day does not ask again
    again = client.get(url("diary-checkin", cast, kind="full")).content.decode()
    assert "Hours of sleep last night" not in again


def test_a_morning_check_in_means_the_evening_does_not_ask_about_the_night(client, person):
    cast = person
    today = days.today_for(cast.record)
    client.post(
        url("diary-checkin", cast, kind="morning"),
        {"local_date": today.isoformat(), "morning_pain": "2", "sleep_hours": "8"},
    )
    form = client.get(url("diary-checkin", cast, kind="full")).content.decode()
    assert "Hours of sleep last night" not in form


def test_api_activities_by_label_count_toward_the_plan(client, person):
    cast = person
    today = days.today_for(cast.record)
    for back in range(21, -1, -1):
        assert walk(client, cast, today - timedelta(days=back), label="walking ").status_code == 201
        walk(client, cast, today - timedelta(days=back), label="Walking")
    assert set(ActivitySession.objects.values_list("activity", flat=True)) == {"walking"}
    state = plan_state.load(cast.record)
    assert state.done["walking"] == 30
    assert sum(r.amount("walking") for r in state.history) == 22 * 30
    review = client.get(f"/api/patients/{cast.record.pk}/weekly-review", **bearer(cast.patient))
    assert review.status_code == 200


def test_an_unknown_activity_is_refused_with_the_known_ones_unless_it_is_new(client, person):
    cast = person
    today = days.today_for(cast.record)
    refused = walk(client, cast, today, label="Aqua jog")
    assert refused.status_code == 422
    error = refused.json()["errors"][0]
    assert error["field"] == "activity" and "walking" in error["message"]
    assert not ActivitySession.objects.exists()
    assert walk(client, cast, today, label="Aqua jog", new_activity=True).status_code == 201
    assert walk(client, cast, today, label="aqua JOG").status_code == 201  # now known
    assert set(ActivitySession.objects.values_list("activity", flat=True)) == {"Aqua jog"}
    # the web form keeps one identity too
    client.post(
        url("diary-activity", cast),
        {"local_date": today.isoformat(), "activity": "AQUA jog", "minutes": "10"},
    )
    assert set(ActivitySession.objects.values_list("activity", flat=True)) == {"Aqua jog"}


def test_a_flare_said_by_mistake_is_taken_back_everywhere(client, person):
    cast = person
    today = days.today_for(cast.record)
    for back in range(14, 0, -1):
        walk(client, cast, today - timedelta(days=back))
        CheckIn.objects.create(
            patient=cast.record, local_date=today - timedelta(days=back), pain_avg=3
        )
    client.post(url("today-flare", cast), {})
    assert plan_state.load(cast.record).plan.phase == "flare"
    assert days.in_flare_today(cast.record)
    web_due = [(i.instrument_id, i.occasion, i.status) for i in responses.due_items(cast.record)]
    api_due = client.get(
        f"/api/patients/{cast.record.pk}/questionnaires", **bearer(cast.patient)
    ).json()
    assert web_due == [(d["instrument_id"], d["occasion"], d["status"]) for d in api_due]
    assert "Not a flare after all" in client.get(url("today", cast)).content.decode()

    client.post(url("today-flare-undo", cast))
    assert plan_state.load(cast.record).plan.phase != "flare"
    assert not days.in_flare_today(cast.record)
    assert not any(d["flare"] for d in api_days(client, cast, today, today))
    assert Revision.objects.filter(action="delete").count() == 1  # restorable, not erased
    learn = client.get(url("learn-home", cast)).content.decode()
    assert "For today: your flare kit" not in learn


def test_the_visit_report_covers_imported_history_and_says_when_there_is_one_answer(
    client, person
):
    """Months imported before the account existed are in the report's period."""
    cast = person
    today = days.today_for(cast.record)
    header = ",".join(COLUMNS) + "\r\n"
    lines = [header] + [
        ",".join({"record_type": "checkin", "local_date": str(today - timedelta(days=back)),
                  "pain_avg": "4", "kind": "full", "version": "1"}.get(c, "") for c in COLUMNS)
        + "\r\n"
        for back in range(200, 30, -1)
    ]
    report = import_diary(cast.record, cast.patient, lines)
    assert report.errors == [] and report.created == 170
    report = visit_report_data(cast.record, [])
    assert report.period_start == today - timedelta(days=83)
    assert len(report.days) == 83 - 30  # days 31 to 83 back
    client.post(
        reverse("outcomes-take", kwargs={"patient_id": cast.record.pk, "instrument_id": "peg"}),
        {"peg_1": "5", "peg_2": "5", "peg_3": "5"},
    )
    (peg,) = visit_report_data(cast.record, []).questionnaires
    assert "Answered once so far" in peg.change and "same" not in peg.change


def test_a_lesson_insights_points_to_opens_in_week_one(client, person):
    """Insights names a boom-bust pattern on day 40: its lesson (course week 3) opens now."""
    cast = person
    today = days.today_for(cast.record)
    for back in range(40, 0, -1):
        day = today - timedelta(days=back)
        boom = back % 8 == 0
        after = back % 8 in (6, 7)  # the two days after a boom
        CheckIn.objects.create(patient=cast.record, local_date=day, pain_avg=6 if after else 3)
        walk(client, cast, day, minutes=60 if boom else 20)
    # the account is new: the course is in its first week
    insights_page = client.get(url("insights-page", cast)).content.decode()
    link = url("learn-lesson", cast, lesson_id="the-boom-bust-cycle")
    assert link in insights_page
    lesson = client.get(link).content.decode()
    assert "This lesson opens on" not in lesson and "The boom-bust cycle" in lesson
    home = client.get(url("learn-home", cast)).content.decode()
    assert "Insights noticed bigger days followed by harder ones" in home
