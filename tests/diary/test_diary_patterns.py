"""The diaries people actually keep, built through the real web forms and API, and every
surface asked the same question about the same days: the API's day summaries, the day page,
Today's history, insights' counted days and the visit report.

Patterns: morning-only, evening-only, API-only with activity labels, a flare said by mistake
and taken back, imported months, three days a week, and a traveller from Lisbon to New York
across both daylight-saving changes.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.urls import reverse

from cast import bearer
from pacewise.core.insights.triggers import MIN_USABLE_DAYS
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


def _checkin_tonight(client, cast, instant, pain):
    """An evening check-in as a browser makes it at `instant`: the form's own day, posted back."""
    from clock import at_instant

    with at_instant(instant):
        form = client.get(url("diary-checkin", cast, kind="full"))
        day = form.context["form"].initial["local_date"]
        page = form.content.decode()
        reply = client.post(
            url("diary-checkin", cast, kind="full"),
            {"local_date": day.isoformat(), "pain_avg": str(pain)},
        )
    assert reply.status_code == 302
    return day, page


def test_a_traveller_across_zones_and_both_dst_changes_keeps_one_check_in_a_day(client, person):
    """Lisbon, then New York: evening check-ins at 22:30 wherever the person is, across
    Europe's DST end (25 Oct 2026) and America's (1 Nov). Each evening lands on its own day:
    no empty day, no day with two, and every surface counts the same days."""
    from datetime import UTC, date, datetime, time
    from zoneinfo import ZoneInfo

    from clock import at_instant

    cast = person
    cast.patient.time_zone = "Europe/Lisbon"
    cast.patient.save(update_fields=["time_zone"])
    lisbon, new_york = ZoneInfo("Europe/Lisbon"), ZoneInfo("America/New_York")
    saved = []
    for d in range(23, 26):  # 23-25 October in Lisbon; the 25th is the DST change day
        evening = datetime(2026, 10, d, 22, 30, tzinfo=lisbon)
        saved.append(_checkin_tonight(client, cast, evening, 4)[0])
    # 26 October: landed in New York; the page asks (device zone) and the person switches
    with at_instant(datetime(2026, 10, 26, 18, 0, tzinfo=new_york)):
        client.post(
            reverse("account-time-zone"), {"time_zone": "America/New_York", "next": "/"}
        )
    cast.patient.refresh_from_db()
    assert cast.patient.time_zone == "America/New_York"
    for n in range(7):  # 26 Oct - 1 Nov in New York (1 Nov: DST ends), 22:30 local
        local = date(2026, 10, 26) + timedelta(days=n)
        evening = datetime.combine(local, time(22, 30), tzinfo=new_york)
        day, page = _checkin_tonight(client, cast, evening, 5)
        assert evening.astimezone(UTC).date() == day + timedelta(days=1)  # UTC is tomorrow
        assert f"Saving for {day:%A} {day.day} {day:%B} (today)" in page
        saved.append(day)
    expected = [date(2026, 10, 23) + timedelta(days=n) for n in range(10)]
    assert saved == expected
    stored = sorted(
        CheckIn.objects.filter(patient=cast.record).values_list("local_date", flat=True)
    )
    assert stored == expected  # one a day: none empty, none doubled
    with at_instant(datetime(2026, 11, 2, 9, 0, tzinfo=new_york)):
        summaries = api_days(client, cast, expected[0], expected[-1])
        history = plan_state.load(cast.record).history
    assert [d["date"] for d in summaries] == [d.isoformat() for d in expected]
    assert [r.date for r in history if r.avg_pain is not None] == expected


def test_three_days_a_week_counts_the_same_days_on_every_surface(client, person):
    """Monday, Wednesday and Friday for six weeks, check-in on the web and walk by the API:
    the API's days, Today's history, the weekly review's logged days, insights and the visit
    report all count those 18 days and no others."""
    cast = person
    today = days.today_for(cast.record)
    monday = today - timedelta(days=today.weekday() + 42)
    logged = [monday + timedelta(weeks=w, days=d) for w in range(6) for d in (0, 2, 4)]
    for day in logged:
        reply = client.post(
            url("diary-checkin", cast, kind="full"),
            {"local_date": day.isoformat(), "pain_avg": "4", "sleep_hours": "7"},
        )
        assert reply.status_code == 302, reply.content[:300]
        assert walk(client, cast, day, minutes=20).status_code == 201
    summaries = api_days(client, cast, monday, today)
    assert [d["date"] for d in summaries] == [d.isoformat() for d in logged]
    state = plan_state.load(cast.record)
    assert [r.date for r in state.history if r.avg_pain is not None] == logged
    assert sum(r.amount("walking") for r in state.history) == 18 * 20
    review = client.get(f"/api/patients/{cast.record.pk}/weekly-review", **bearer(cast.patient))
    shown = review.json()["review"]
    if shown is not None:
        week = [d for d in logged if date_in(d, shown["week_start"], shown["week_end"])]
        assert shown["logged_days"] == len(week) == 3
    patterns = insights.patterns(cast.record)
    assert patterns.wait_days == MIN_USABLE_DAYS  # no day has the day before logged
    assert patterns.unpaired_days == 18  # and insights says why, not "about 42 more days"
    page = client.get(url("insights-page", cast)).content.decode()
    assert "18 of your logged days do not count yet, because the day before" in page
    report = visit_report_data(cast.record, [])
    assert [d.date for d in report.days if d.avg_pain is not None] == [
        d for d in logged if d >= report.days[0].date
    ]
    day_off = client.get(url("diary-day", cast, day=(monday + timedelta(days=1)).isoformat()))
    assert day_off.status_code == 200  # a day off is just a day off: no reproach on it
    assert "missed" not in day_off.content.decode().lower()


def date_in(day, start: str, end: str) -> bool:
    return start <= day.isoformat() <= end
