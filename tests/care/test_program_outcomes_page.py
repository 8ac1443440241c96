"""The clinic's program outcomes page and CSV, read from real records: members only, small
cells hidden, a person's improvement counted by the questionnaire's MCID."""

import csv
import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from cast import make_user
from pacewise.accounts.models import Patient, Share
from pacewise.diary.models import CheckIn
from pacewise.outcomes.models import Response


def peg(patient, occasion, score, on):
    Response.objects.create(
        patient=patient, instrument_id="peg", instrument_version="1", occasion=occasion,
        answers={"peg_1": score, "peg_2": score, "peg_3": score}, total=float(score),
        local_date=on,
    )  # fmt: skip


def sharing_people(cast, n, *, better):
    """n people who began 100 days ago, share with the cast's clinic and answered the PEG at
    the start and after a month; `better` of them improved by 2 points (MCID 1)."""
    began = timezone.now() - timedelta(days=100)
    start = timezone.localdate() - timedelta(days=100)
    for i in range(n):
        user = make_user(f"p{i}@example.com", patient=True, display_name=f"P{i}")
        Patient.objects.filter(pk=user.patient.pk).update(created_at=began)
        Share.objects.create(patient=user.patient, clinic=cast.clinic)
        peg(user.patient, "baseline", 6, start)
        peg(user.patient, "week4", 4 if i < better else 6, start + timedelta(days=29))
        for day in range(0, 100, 2):  # logs every other day
            CheckIn.objects.create(patient=user.patient, local_date=start + timedelta(days=day),
                                   pain_avg=5, in_flare=day % 10 == 0)  # fmt: skip


def test_the_page_shows_shares_with_intervals_and_hides_small_cells(client, cast):
    sharing_people(cast, 8, better=6)
    client.force_login(cast.sharing_clinician)
    page = client.get(reverse("clinic-outcomes", args=[cast.clinic.pk])).content.decode()
    assert "PEG better by a meaningful change" in page
    assert "75% (41%–93%), 6 of 8" in page
    assert "not shown (fewer than 5 people)" in page  # nobody has reached 6 months
    assert "PEG 1 point" in page and "<svg" in page


def test_the_csv_carries_the_same_figures_and_hides_the_same_cells(client, cast):
    sharing_people(cast, 6, better=3)  # 3 of 6: a count under 5 is hidden
    client.force_login(cast.sharing_clinician)
    response = client.get(reverse("clinic-outcomes-csv", args=[cast.clinic.pk]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    better = next(r for r in rows if r["measure"].startswith("PEG better")
                  and r["milestone"] == "After 1 month")  # fmt: skip
    assert better["value"] == "" and better["note"] == "fewer than 5 people"
    logging = next(r for r in rows if r["measure"].startswith("Still logging")
                   and r["milestone"] == "After 1 month")  # fmt: skip
    assert (logging["people"], logging["count"], logging["value"]) == ("6", "6", "1.0")
    flares = next(r for r in rows if r["measure"] == "Flare days per month"
                  and r["milestone"] == "After 3 months")  # fmt: skip
    assert float(flares["value"]) == 6.0  # a flare on every fifth logged day


def test_only_members_of_the_clinic_see_it(client, cast):
    url = reverse("clinic-outcomes", args=[cast.clinic.pk])
    for outsider in (cast.other_clinic_clinician, cast.patient, cast.superuser):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_the_demo_clinic_has_outcomes_to_show_and_no_safety_alert(client, db):
    from pacewise.accounts.models import Clinic, User
    from pacewise.ops.demo import create_demo
    from pacewise.outcomes.models import SafetyAlert

    create_demo(timezone.localdate())
    client.force_login(User.objects.get(email="clinician@demo.example"))
    clinic = Clinic.objects.get()
    page = client.get(reverse("clinic-outcomes", args=[clinic.pk])).content.decode()
    body = page[page.find("<tbody>"):page.find("</tbody>")]
    print(body)
    assert body.count("not shown") < body.count("<td>") / 2  # most figures are shown
    assert "PEG better by a meaningful change" in body
    assert not SafetyAlert.objects.exists()


def test_the_api_gives_the_same_figures_to_members_only(client, cast):
    from cast import bearer

    sharing_people(cast, 8, better=6)
    url = f"/api/clinics/{cast.clinic.pk}/outcomes"
    rows = client.get(url, **bearer(cast.sharing_clinician)).json()
    better = next(r for r in rows if r["measure"] == "better:peg")
    month1, _, month6 = better["cells"]
    assert (month1["people"], month1["count"], month1["value"]) == (8, 6, 0.75)
    assert month6["hidden"] and month6["people"] is None
    assert client.get(url, **bearer(cast.other_clinic_clinician)).status_code == 404
    assert client.get(url, **bearer(cast.patient)).status_code == 404
    assert client.get(url).status_code == 401
