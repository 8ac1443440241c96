"""The diary on the web: check-ins, movement, edits with history, delete and restore."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pacewise.diary.models import ActivitySession, CheckIn, Revision, Tag


@pytest.fixture
def patient_client(client, cast):
    client.force_login(cast.patient)
    return client


def url(name, cast, **kwargs):
    return reverse(name, kwargs={"patient_id": cast.record.pk, **kwargs})


EVENING = {
    "pain_avg": "5",
    "pain_now": "4",
    "fatigue": "6",
    "stress": "3",
    "mood": "6",
    "in_flare": "False",
}


def post_checkin(client, cast, kind="full", **data):
    form = client.get(url("diary-checkin", cast, kind=kind)).context["form"]
    return client.post(
        url("diary-checkin", cast, kind=kind),
        {"local_date": form.initial["local_date"].isoformat(), **data},
    )


def test_evening_checkin_saves_and_thanks(patient_client, cast):
    response = post_checkin(
        patient_client,
        cast,
        **EVENING,
        new_tags="long drive, Gardening",
        locations=["lower_back", "hips"],
        note="Tired after work",
    )
    assert response.status_code == 302
    entry = CheckIn.objects.exclude(pk=cast.checkin.pk).get()
    assert (entry.pain_avg, entry.pain_now, entry.fatigue, entry.stress, entry.mood) == (
        5,
        4,
        6,
        3,
        6,
    )
    assert entry.in_flare is False and entry.kind == "full"
    assert entry.locations == ["lower_back", "hips"]
    assert sorted(t.name for t in entry.tags.all()) == ["Gardening", "long drive"]
    page = patient_client.get(response["Location"]).content.decode()
    assert "Thank you for checking in" in page


def test_tags_are_reused_case_insensitively(patient_client, cast):
    post_checkin(patient_client, cast, pain_avg="4", new_tags="Long drive")
    post_checkin(patient_client, cast, pain_avg="4", new_tags="long DRIVE")
    assert Tag.objects.filter(patient=cast.record).count() == 1


def test_bad_values_are_refused_on_the_field_and_the_rest_is_kept(patient_client, cast):
    response = post_checkin(patient_client, cast, **{**EVENING, "pain_avg": "11"}, note="keep me")
    assert response.status_code == 200
    form = response.context["form"]
    assert "0 to 10" in " ".join(form.errors["pain_avg"])
    body = response.content.decode()
    assert 'value="6" id="id_fatigue_6" checked' in body
    assert "keep me" in body
    assert CheckIn.objects.count() == 1


def test_future_days_are_refused_with_a_message(patient_client, cast):
    tomorrow = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = patient_client.post(
        url("diary-checkin", cast, kind="full"), {"local_date": tomorrow, "pain_avg": "4"}
    )
    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()
    assert CheckIn.objects.count() == 1


def test_same_as_yesterday_offers_yesterdays_values(patient_client, cast):
    yesterday = timezone.localdate() - timedelta(days=1)
    entry = CheckIn.objects.create(patient=cast.record, local_date=yesterday, pain_avg=7, mood=3)
    page = patient_client.get(url("diary-checkin", cast, kind="full"))
    assert "Same as yesterday" in page.content.decode()
    filled = patient_client.get(url("diary-checkin", cast, kind="full") + "?same=1")
    assert filled.context["form"].initial["pain_avg"] == entry.pain_avg
    assert 'value="7" id="id_pain_avg_7" checked' in filled.content.decode()
    swapped = patient_client.get(
        url("diary-checkin", cast, kind="full") + "?same=1", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert swapped.startswith('<form method="post" id="checkin-form"') and "<html" not in swapped
    assert 'value="7" id="id_pain_avg_7" checked' in swapped  # htmx gets only the form


def test_morning_and_flare_checkins_are_their_own_short_forms(patient_client, cast):
    morning = patient_client.get(url("diary-checkin", cast, kind="morning")).context["form"]
    assert set(morning.fields) >= {"morning_pain", "sleep_hours", "sleep_quality"}
    assert "pain_avg" not in morning.fields
    post_checkin(patient_client, cast, kind="morning", morning_pain="6", sleep_hours="6.5")
    post_checkin(patient_client, cast, kind="flare", pain_avg="8")
    flare = CheckIn.objects.get(kind="flare")
    assert flare.in_flare is True and flare.pain_avg == 8
    assert CheckIn.objects.get(kind="morning").sleep_hours == pytest.approx(6.5)
    assert patient_client.get(url("diary-checkin", cast, kind="weekly")).status_code == 404


def test_logging_movement_by_minutes_or_sets_and_reps(patient_client, cast):
    day = timezone.localdate().isoformat()
    response = patient_client.post(
        url("diary-activity", cast),
        {"local_date": day, "activity": "Walking", "minutes": "12", "pain_peak": "4"},
    )
    assert response.status_code == 302
    assert ActivitySession.objects.filter(activity="walking", minutes=12, pain_peak=4).exists()
    patient_client.post(
        url("diary-activity", cast),
        {"local_date": day, "activity": "Wall push-ups", "sets": "2", "reps": "8"},
    )
    assert ActivitySession.objects.filter(activity="Wall push-ups", sets=2, reps=8).exists()
    missing = patient_client.post(
        url("diary-activity", cast), {"local_date": day, "activity": "Yoga", "sets": "2"}
    )
    assert "Give both sets and reps" in " ".join(missing.context["form"].errors["reps"])
    assert 'value="Yoga"' in missing.content.decode()


def test_edit_keeps_the_old_values_in_the_history(patient_client, cast):
    edit = url("diary-edit", cast, entry_id=cast.checkin.pk)
    form = patient_client.get(edit).context["form"]
    assert form.initial["pain_avg"] == 4
    response = patient_client.post(
        edit, {"local_date": cast.checkin.local_date.isoformat(), "version": "1", "pain_avg": "6"}
    )
    assert response.status_code == 302
    cast.checkin.refresh_from_db()
    assert cast.checkin.pain_avg == 6 and cast.checkin.version == 2
    revision = Revision.objects.get(entry_id=cast.checkin.pk, action="update")
    assert revision.old_values["pain_avg"] == 4
    history = patient_client.get(url("diary-history", cast, entry_id=cast.checkin.pk))
    assert "Changed" in history.content.decode()


def test_edit_from_a_stale_page_is_detected_and_keeps_the_typed_values(patient_client, cast):
    edit = url("diary-edit", cast, entry_id=cast.checkin.pk)
    data = {"local_date": cast.checkin.local_date.isoformat(), "version": "1"}
    patient_client.post(edit, {**data, "pain_avg": "6"})
    stale = patient_client.post(edit, {**data, "pain_avg": "2", "note": "from the laptop"})
    assert stale.status_code == 200
    body = stale.content.decode()
    assert "changed on another device" in body
    assert "from the laptop" in body
    assert 'name="version" value="2"' in body
    cast.checkin.refresh_from_db()
    assert cast.checkin.pain_avg == 6


def test_delete_then_restore_from_recently_deleted(patient_client, cast):
    patient_client.post(url("diary-delete", cast, entry_id=cast.activity.pk))
    cast.activity.refresh_from_db()
    assert cast.activity.deleted_at is not None
    listing = patient_client.get(url("diary-deleted", cast)).content.decode()
    assert "Restore this entry" in listing
    patient_client.post(url("diary-restore", cast, entry_id=cast.activity.pk))
    cast.activity.refresh_from_db()
    assert cast.activity.deleted_at is None


def test_timeline_has_a_chart_with_a_text_alternative_and_a_table(patient_client, cast):
    page = patient_client.get(url("diary-timeline", cast)).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert 'role="img"' in page and '<title id="chart-title">' in page
    assert "average pain 4.0 out of 10" in page
    assert "8 min" in page


def test_day_page_lists_the_days_entries(patient_client, cast):
    page = patient_client.get(url("diary-day", cast, day=cast.checkin.local_date.isoformat()))
    body = page.content.decode()
    assert "Average pain 4." in body and "Walking" in body
    assert patient_client.get(url("diary-day", cast, day="not-a-day")).status_code == 404


def test_clinicians_read_the_diary_without_edit_controls(client, cast):
    client.force_login(cast.sharing_clinician)
    body = client.get(url("diary-day", cast, day=cast.checkin.local_date.isoformat())).content
    assert b"Average pain 4." in body
    assert b">Change<" not in body and b">Delete<" not in body


def test_a_direction_override_in_a_note_is_refused_and_the_note_kept(patient_client, cast):
    note = "fine \u202eevil"
    response = patient_client.post(
        url("diary-checkin", cast, kind="full"),
        {"local_date": timezone.localdate().isoformat(), "pain_avg": "4", "note": note},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "direction override characters" in body
    assert "fine" in body  # what was typed is still in the form
    assert CheckIn.objects.count() == 1


def test_a_checkin_sent_twice_with_its_id_is_stored_once(patient_client, cast):
    """A double tap, or a phone that kept it offline and sends it again: one entry."""
    form = patient_client.get(url("diary-checkin", cast, kind="full")).context["form"]
    data = {"local_date": form.initial["local_date"].isoformat(), **EVENING,
            "entry_id": str(form.initial["entry_id"])}  # fmt: skip
    for _ in range(2):
        assert patient_client.post(url("diary-checkin", cast, kind="full"), data).status_code == 302
    assert CheckIn.objects.exclude(pk=cast.checkin.pk).count() == 1
    other = patient_client.get(url("diary-checkin", cast, kind="full")).context["form"]
    assert other.initial["entry_id"] != form.initial["entry_id"]  # each page its own id
