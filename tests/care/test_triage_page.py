"""The caseload orders people by need, with each reason in words and figures (core.care.triage),
through the real database and views; a "seen" mark holds until the data give a new episode."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pacewise.care.models import TriageSeen
from pacewise.care.triage import triage
from pacewise.diary.days import today_for
from pacewise.diary.models import CheckIn

RISING = "6.0/10 on average over the last 7 days, against 3.0"


def diary(patient, *, high_from: int | None = 7, days: int = 35):
    """35 days at pain 3, the last ``high_from`` days (today included) at 6."""
    today = today_for(patient)
    CheckIn.objects.filter(patient=patient).delete()
    for back in range(days, -1, -1):
        pain = 6 if high_from is not None and back < high_from else 3
        CheckIn.objects.create(
            patient=patient, local_date=today - timedelta(days=back), morning_pain=pain,
            pain_avg=pain,
        )  # fmt: skip


def page(client, query=""):
    return client.get(reverse("caseload") + query).content.decode()


def test_a_rising_pain_is_listed_with_its_figures_and_a_steady_diary_is_not(client, cast):
    client.force_login(cast.sharing_clinician)
    diary(cast.record, high_from=None)
    assert RISING not in page(client)
    assert "Nobody's diary gives a reason to get in touch today." in page(client)
    diary(cast.record)  # the diary changes: the next reading has it, nothing is cached
    html = page(client)
    assert "Who needs you today" in html and RISING in html
    assert "Pat" in html and "Pain rising." in html


def test_marking_a_reason_seen_hides_it_until_a_new_episode(client, cast):
    client.force_login(cast.sharing_clinician)
    diary(cast.record)
    [row] = triage(cast.sharing_clinician, [cast.record])
    [reason] = row.reasons
    response = client.post(
        reverse("care-triage-seen", args=[cast.record.pk]),
        {"kind": reason.kind, "episode": reason.episode.isoformat(), "note": "Rang her."},
    )
    assert response.status_code == 302
    seen = TriageSeen.objects.get()
    assert seen.note == "Rang her." and seen.clinic == cast.clinic
    assert seen.seen_by == cast.sharing_clinician
    assert RISING not in page(client)
    # the pain settled, then rose again: a new episode, so the reason is back
    diary(cast.record, high_from=3, days=50)
    today = today_for(cast.record)
    for back in range(45, 3, -1):
        CheckIn.objects.filter(patient=cast.record, local_date=today - timedelta(days=back)).update(
            morning_pain=3, pain_avg=3
        )
    for back in range(3, -1, -1):
        CheckIn.objects.filter(patient=cast.record, local_date=today - timedelta(days=back)).update(
            morning_pain=9, pain_avg=9
        )
    [row] = triage(cast.sharing_clinician, [cast.record])
    assert [r.kind for r in row.reasons] == ["pain_rising"]
    assert row.reasons[0].episode != reason.episode


def test_the_patient_cannot_mark_their_own_reasons_seen(client, cast):
    client.force_login(cast.patient)
    response = client.post(
        reverse("care-triage-seen", args=[cast.record.pk]),
        {"kind": "pain_rising", "episode": "2026-12-01"},
    )
    assert response.status_code == 403 and not TriageSeen.objects.exists()


def test_a_bad_mark_is_refused_with_a_message_and_nothing_saved(client, cast):
    client.force_login(cast.sharing_clinician)
    response = client.post(
        reverse("care-triage-seen", args=[cast.record.pk]), {"kind": "nonsense", "episode": "x"},
        follow=True,
    )
    assert "could not be marked" in response.content.decode() and not TriageSeen.objects.exists()


def test_filters_by_reason_and_searches_by_name(client, cast):
    client.force_login(cast.sharing_clinician)
    diary(cast.record)
    assert RISING in page(client, "?reason=pain_rising")
    assert RISING not in page(client, "?reason=drop_off")
    assert RISING in page(client, "?q=pat")
    assert "Nobody sharing with your clinic matches" in page(client, "?q=zzz")


def test_the_demo_clinic_sees_alex_rising_pain_and_sam_in_a_flare(client, db):
    from django.utils import timezone

    from pacewise.accounts.models import User
    from pacewise.ops.demo import create_demo

    create_demo(timezone.localdate())
    clinician = User.objects.get(email="clinician@demo.example")
    client.force_login(clinician)
    html = page(client)
    assert "Who needs you today" in html
    alex = html.index("Pain rising.")
    sam = html.index("In a flare for ")
    assert html.rfind("Alex", 0, alex) > html.rfind("Sam", 0, alex)  # under Alex's name
    assert html.rfind("Sam", 0, sam) > html.rfind("Alex", 0, sam)  # under Sam's name
    assert sam < alex  # a long flare comes first


def test_a_kept_answer_is_replaced_by_any_change_through_the_diary(client, cast):
    """Reasons are kept between visits; a new entry, an edit and a delete each give a new
    reading (the write path changes the diary's marks), and so does a new day."""
    from pacewise.diary import entries

    client.force_login(cast.sharing_clinician)
    diary(cast.record, high_from=None)
    with CaptureQueriesContext(connection) as first:
        assert RISING not in page(client)  # read and kept
    with CaptureQueriesContext(connection) as again:
        assert RISING not in page(client)  # served from what was kept
    reads = [q["sql"] for q in again if '"diary_checkin"."morning_pain"' in q["sql"]]
    assert reads == [] and len(again) < len(first)
    today = today_for(cast.record)
    rows = []
    for back in range(6, -1, -1):  # a week of high pain, through the one write path
        row, _ = entries.create(
            CheckIn, cast.record, cast.patient, values={"morning_pain": 9, "pain_avg": 9},
            local_date=today - timedelta(days=back),
        )  # fmt: skip
        rows.append(row)
    assert "Pain rising." in page(client)
    for row in rows:  # an edit brings the pain back down: the rise is gone at once
        entries.update(row, cast.patient, values={"pain_avg": 3}, expected_version=None)
    assert "Pain rising." not in page(client)
    for row in rows:
        row.refresh_from_db()
        entries.update(row, cast.patient, values={"pain_avg": 9}, expected_version=None)
    assert "Pain rising." in page(client)
    for row in rows:  # deleting the week's entries takes the reason away
        row.refresh_from_db()
        entries.delete(row, cast.patient)
    assert "Pain rising." not in page(client)


def test_everyone_sharing_is_listed_by_name_whatever_their_reasons(client, cast):
    from cast import make_user
    from pacewise.accounts.models import Share

    for name in ("Zoe", "Abe"):
        user = make_user(f"{name.lower()}@example.com", patient=True, display_name=name)
        Share.objects.create(patient=user.patient, clinic=cast.clinic)
    diary(cast.record)  # Pat has a reason, so Pat comes first among those who need you
    client.force_login(cast.sharing_clinician)
    html = page(client)
    everyone = html[html.index("Everyone sharing"):]
    assert everyone.index("Abe") < everyone.index("Pat") < everyone.index("Zoe")


def test_a_morning_only_diary_shows_its_pain_rising_too(client, cast):
    """Someone who only checks in on waking: the day's pain is their waking pain."""
    today = today_for(cast.record)
    CheckIn.objects.filter(patient=cast.record).delete()
    for back in range(35, -1, -1):
        pain = 7 if back < 7 else 3
        CheckIn.objects.create(patient=cast.record, local_date=today - timedelta(days=back),
                               kind="morning", morning_pain=pain)  # fmt: skip
    [row] = triage(cast.sharing_clinician, [cast.record])
    assert [r.kind for r in row.reasons] == ["pain_rising"]
    assert row.reasons[0].text.startswith("7.0/10 on average over the last 7 days")


def test_moving_far_above_the_plan_reaches_the_caseload_and_a_program_change_rereads_it(
    client, cast
):
    from pacewise.diary.models import ActivitySession
    from pacewise.plans import programs
    from program_helpers import build_program

    build_program(cast)
    diary(cast.record, high_from=None, days=20)
    today = today_for(cast.record)
    for back in range(20, -1, -1):  # steady 10-minute walks, then big days every other day
        minutes = 60 if back < 14 and back % 2 == 0 else 10
        ActivitySession.objects.create(patient=cast.record, local_date=today - timedelta(back),
                                       activity="walking", minutes=minutes)  # fmt: skip
    client.force_login(cast.sharing_clinician)
    html = page(client)
    assert "Far from the plan." in html and "Moving well above the plan" in html
    # a program change is part of the kept reading's key: the next visit reads again
    from pacewise.care.models import TriageKept

    before = TriageKept.objects.get().key
    item = programs.active_items(programs.program_for(cast.record)).first()
    programs.remove(item, programs.Actor(cast.sharing_clinician, "S", by_clinician=True))
    page(client)
    assert TriageKept.objects.get().key != before


def test_a_morning_only_diary_is_never_far_from_the_plan(client, cast):
    from program_helpers import build_program

    build_program(cast)
    diary(cast.record, high_from=None, days=35)  # check-ins only, no movement logged
    client.force_login(cast.sharing_clinician)
    assert "Moving well" not in page(client)


def test_a_kept_plan_replay_survives_todays_entries_and_not_an_edit_to_an_earlier_day(
    client, cast
):
    from pacewise.care.models import PlanKept
    from pacewise.diary.models import ActivitySession
    from program_helpers import build_program

    build_program(cast)
    today = today_for(cast.record)
    for back in range(20, 0, -1):
        ActivitySession.objects.create(patient=cast.record, local_date=today - timedelta(back),
                                       activity="walking", minutes=10)  # fmt: skip
    client.force_login(cast.sharing_clinician)
    page(client)
    first = PlanKept.objects.get().key
    ActivitySession.objects.create(patient=cast.record, local_date=today, activity="walking",
                                   minutes=12)  # fmt: skip
    page(client)
    assert PlanKept.objects.get().key == first  # today's walk: the past plans stand
    older = ActivitySession.objects.filter(local_date=today - timedelta(days=3)).first()
    # an edit through the write path bumps the entry's version
    ActivitySession.objects.filter(pk=older.pk).update(minutes=40, version=older.version + 1)
    page(client)
    assert PlanKept.objects.get().key != first


def test_warm_caseload_reads_everyone_sharing_ahead_of_the_visit(client, cast, capsys):
    from django.core.management import call_command

    from pacewise.care.models import TriageKept

    diary(cast.record)
    call_command("warm_caseload")
    assert "Caseload reasons ready for 2 people" in capsys.readouterr().out  # 2 share
    assert TriageKept.objects.filter(patient=cast.record).exists()
    client.force_login(cast.sharing_clinician)
    with CaptureQueriesContext(connection) as queries:
        html = page(client)
    assert RISING in html
    diary_reads = [q for q in queries.captured_queries
                   if "diary_checkin" in q["sql"] and "local_date" in q["sql"]]  # fmt: skip
    assert diary_reads == []  # the kept reading, not the diary


def test_my_people_are_the_ones_i_lead(client, cast):
    diary(cast.record)
    client.force_login(cast.sharing_clinician)
    assert "Nobody here matches." in page(client, "?mine=1")
    client.post(reverse("care-lead", args=[cast.record.pk]))
    html = page(client, "?mine=1")
    assert RISING in html
    summary = client.get(reverse("patient-home", args=[cast.record.pk])).content.decode()
    assert "(you)" in summary and "Step down" in summary
    from cast import bearer

    rows = client.get("/api/caseload?mine=true", **bearer(cast.sharing_clinician)).json()
    assert [r["name"] for r in rows] == [cast.patient.name]
    client.post(reverse("care-lead", args=[cast.record.pk]), {"step_down": "1"})
    assert "Nobody here matches." in page(client, "?mine=1")


def test_a_kept_flare_outlook_reaches_the_caseload_and_a_diary_change_drops_it(client, cast):
    from django.core.management import call_command

    from pacewise.care.models import OutlookKept, TriageKept

    diary(cast.record, high_from=None)
    call_command("warm_caseload")
    kept = OutlookKept.objects.get(patient=cast.record)  # read by the warm, not the page
    OutlookKept.objects.filter(pk=kept.pk).update(  # as a year's diary would give it
        level="higher", earned=True, chance=0.3, usual=0.1, signals=["stress"]
    )
    TriageKept.objects.all().delete()
    client.force_login(cast.sharing_clinician)
    html = page(client)
    assert "Flare outlook higher." in html and "About 30 in 100" in html
    CheckIn.objects.create(patient=cast.record, local_date=today_for(cast.record), pain_avg=3)
    assert "About 30 in 100" not in page(client)  # never shown for a diary it was not read from


def test_someone_who_stopped_months_ago_shows_their_real_last_entry(client, cast):
    from pacewise.diary.models import ActivitySession

    CheckIn.objects.filter(patient=cast.record).delete()
    ActivitySession.objects.filter(patient=cast.record).delete()
    long_ago = today_for(cast.record) - timedelta(days=90)
    CheckIn.objects.create(patient=cast.record, local_date=long_ago, pain_avg=4)
    client.force_login(cast.sharing_clinician)
    html = page(client)
    assert f"Last entry {long_ago:%-d %b}" in html
