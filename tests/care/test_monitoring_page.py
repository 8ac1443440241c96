"""Monitoring figures: a clinician logs time; the clinic downloads the month as CSV."""

import csv
import io
from datetime import timedelta

from django.urls import reverse

from pacewise.care.models import TimeEntry
from pacewise.diary.days import today_for
from pacewise.diary.models import CheckIn


def test_time_is_logged_signed_and_a_bad_entry_is_refused_with_the_rule(client, cast):
    client.force_login(cast.sharing_clinician)
    url = reverse("care-monitoring", args=[cast.record.pk])
    today = today_for(cast.record)
    assert "Days with data" in client.get(url).content.decode()
    later = client.post(url, {"on": (today + timedelta(days=1)).isoformat(), "minutes": 20})
    assert later.status_code == 400
    assert "Time can only be logged for today or an earlier day." in later.content.decode()
    too_long = client.post(url, {"on": today.isoformat(), "minutes": 500, "note": "Long call"})
    assert too_long.status_code == 400 and 'value="Long call"' in too_long.content.decode()
    done = client.post(url, {"on": today.isoformat(), "minutes": 20, "live": "on",
                             "note": "Phone call about the flare"})  # fmt: skip
    assert done.status_code == 302
    entry = TimeEntry.objects.get()
    assert entry.live and entry.signed.endswith("Clinician, Harbour Physio")


def test_the_clinic_downloads_the_months_figures(client, cast):
    from django.utils import timezone

    # sharing (monitoring) began 10 days ago: days before it are not counted
    cast.share.__class__.objects.filter(pk=cast.share.pk).update(
        granted_at=timezone.now() - timedelta(days=10)
    )
    today = today_for(cast.record)
    for back in (0, 1, 2, 30):
        CheckIn.objects.create(patient=cast.record, local_date=today - timedelta(days=back),
                               pain_avg=3)  # fmt: skip
    TimeEntry.objects.create(patient=cast.record, clinic=cast.clinic, signed="x", on=today,
                             minutes=25, live=True)  # fmt: skip
    client.force_login(cast.sharing_clinician)
    month = f"{today:%Y-%m}"
    url = reverse("clinic-monitoring-csv", args=[cast.clinic.pk])
    response = client.get(url + f"?month={month}")
    assert response["Content-Type"].startswith("text/csv")
    [row] = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert row["person"] == "Pat" and row["month"] == month
    assert (row["minutes"], row["live_minutes"]) == ("25", "25")
    assert row["days_with_data"] == "3"  # the day 30 days ago came before sharing began


def test_another_clinic_cannot_download_this_clinics_figures(client, cast):
    client.force_login(cast.other_clinic_clinician)
    response = client.get(reverse("clinic-monitoring-csv", args=[cast.clinic.pk]))
    assert response.status_code == 404


def test_the_api_gives_the_same_periods_and_logs_time_through_the_same_rule(client, cast):
    import json

    from cast import bearer

    url = f"/api/patients/{cast.record.pk}/monitoring"
    clinician = bearer(cast.sharing_clinician)
    made = client.post(f"{url}/time", json.dumps({"on": "2026-12-01", "minutes": 25,
                                                  "live": True}),
                       content_type="application/json", **clinician)  # fmt: skip
    assert made.status_code == 201 and made.json()["signed"].endswith("Harbour Physio")
    got = client.get(url, **clinician).json()
    assert got["time"][0]["minutes"] == 25 and got["periods"]
    late = client.post(f"{url}/time", json.dumps({"on": "2999-01-01", "minutes": 5}),
                       content_type="application/json", **clinician)  # fmt: skip
    assert late.status_code == 422 and late.json()["errors"][0]["field"] == "on"
