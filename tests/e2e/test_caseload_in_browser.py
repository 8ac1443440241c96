"""A clinician's caseload on a phone: who needs them today and why, marked seen by keyboard
and tap, with axe on the page."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from e2e_helpers import assert_accessible, signed_in_as
from playwright.sync_api import expect

from cast import make_clinician, make_user
from pacewise.accounts.models import Clinic, Share
from pacewise.care.models import TriageSeen
from pacewise.diary.models import CheckIn

PHONE = {"width": 390, "height": 844}


def test_the_caseload_lists_who_needs_the_clinician_and_a_reason_is_marked_seen(
    page, live_server, csp_errors
):
    clinic = Clinic.objects.create(name="Harbour Physio")
    kim = make_user("kim@example.com", patient=True, display_name="Kim")
    lee = make_user("lee@example.com", patient=True, display_name="Lee")
    today = timezone.localdate()
    for user, rises in ((kim, True), (lee, False)):
        Share.objects.create(patient=user.patient, clinic=clinic)
        for back in range(35, -1, -1):
            pain = 7 if rises and back < 7 else 4
            CheckIn.objects.create(patient=user.patient, local_date=today - timedelta(days=back),
                                   morning_pain=pain, pain_avg=pain)  # fmt: skip
    clinician = make_clinician("sharer@harbour.example", clinic)
    signed_in_as(page, live_server, clinician)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/care/")
    expect(page.get_by_role("heading", name="Who needs you today")).to_be_visible()
    expect(page.get_by_role("heading", name="Kim")).to_be_visible()
    rising = "7.0/10 on average over the last 7 days"
    expect(page.get_by_text(rising)).to_be_visible()
    expect(page.get_by_role("heading", name="Lee")).to_have_count(0)  # a steady diary
    shots = Path(os.environ.get("PACEWISE_SCREENSHOTS", "/tmp"))
    page.screenshot(path=str(shots / "caseload.png"), full_page=True)
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width  # no sideways scrolling on a phone

    page.get_by_text("Mark as seen").click()
    page.get_by_label("Note (optional)").fill("Rang Kim; a busy week at work.")
    page.get_by_role("button", name="Seen: pain rising").click()
    expect(page.get_by_text("Marked as seen for Kim.")).to_be_visible()
    expect(page.get_by_text(rising)).to_have_count(0)
    assert TriageSeen.objects.get().note == "Rang Kim; a busy week at work."
    assert_accessible(page)
    assert csp_errors == []


def test_a_clinician_writes_and_shares_a_note_and_the_person_reads_it(
    page, live_server, csp_errors
):
    clinic = Clinic.objects.create(name="Harbour Physio")
    kim = make_user("kim@example.com", patient=True, display_name="Kim")
    Share.objects.create(patient=kim.patient, clinic=clinic)
    clinician = make_clinician("sharer@harbour.example", clinic)
    signed_in_as(page, live_server, clinician)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + f"/p/{kim.patient.pk}/")
    page.get_by_role("link", name="Clinical notes").first.click()  # summary and home link it
    expect(page.get_by_role("heading", name="Clinical notes")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Save the note").click()  # empty: a clear message
    expect(page.get_by_text("Write the note first.")).to_be_visible()
    page.get_by_label("Note", exact=True).fill("Great week: two short walks a day. Keep going!")
    page.get_by_label("Share this note with the person").check()
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_text("Note saved. They can read it.")).to_be_visible()
    expect(page.get_by_text("Sharer, Clinician, Harbour Physio")).to_be_visible()
    expect(page.get_by_role("region", name="Summary of Kim")).to_be_visible()
    shots = Path(os.environ.get("PACEWISE_SCREENSHOTS", "/tmp"))
    page.screenshot(path=str(shots / "notes-clinician.png"), full_page=True)
    assert_accessible(page)

    signed_in_as(page, live_server, kim)
    page.goto(live_server.url + f"/p/{kim.patient.pk}/")
    page.get_by_role("link", name="Notes from my care team").click()
    expect(page.get_by_text("Great week: two short walks a day. Keep going!")).to_be_visible()
    page.screenshot(path=str(shots / "notes-person.png"), full_page=True)
    assert_accessible(page)
    assert csp_errors == []


def test_a_person_writes_to_their_clinic_and_the_clinician_answers(page, live_server, csp_errors):
    clinic = Clinic.objects.create(name="Harbour Physio")
    kim = make_user("kim@example.com", patient=True, display_name="Kim")
    Share.objects.create(patient=kim.patient, clinic=clinic)
    clinician = make_clinician("sharer@harbour.example", clinic)
    shots = Path(os.environ.get("PACEWISE_SCREENSHOTS", "/tmp"))
    signed_in_as(page, live_server, kim)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + f"/p/{kim.patient.pk}/")
    page.get_by_role("link", name="Messages with my care team").click()
    page.get_by_role("link", name="Harbour Physio").click()
    expect(page.get_by_role("link", name="see who to call now")).to_be_visible()
    page.get_by_role("button", name="Send").click()  # empty: a clear message
    expect(page.get_by_text("Write your message first.")).to_be_visible()
    page.get_by_label("Your message").fill("My knee swelled after Sunday's walk. Rest or go on?")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Message sent.")).to_be_visible()
    page.screenshot(path=str(shots / "messages-person.png"), full_page=True)
    assert_accessible(page)

    signed_in_as(page, live_server, clinician)
    page.goto(live_server.url + "/care/")
    expect(page.get_by_role("heading", name="Messages waiting for an answer")).to_be_visible()
    page.get_by_role("link", name="Kim").first.click()
    expect(page.get_by_text("My knee swelled after Sunday's walk.")).to_be_visible()
    page.get_by_label("Your message").fill("Rest tomorrow, then half the walk on Thursday.")
    page.get_by_role("button", name="Send").click()
    page.get_by_role("button", name="Mark as answered").click()
    expect(page.get_by_text("Marked answered by Sharer, Clinician, Harbour Physio")).to_be_visible()
    page.screenshot(path=str(shots / "messages-clinician.png"), full_page=True)
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width

    signed_in_as(page, live_server, kim)
    page.goto(live_server.url + f"/p/{kim.patient.pk}/today/")
    page.get_by_role("link", name="Messages (1 new)").click()
    page.get_by_role("link", name="Harbour Physio").click()
    expect(page.get_by_text("Rest tomorrow, then half the walk on Thursday.")).to_be_visible()
    assert_accessible(page)
    assert csp_errors == []


def test_the_demo_clinic_reads_its_program_outcomes_on_a_phone(page, live_server, csp_errors):
    from pacewise.accounts.models import User
    from pacewise.ops.demo import create_demo

    clinic = create_demo(timezone.localdate()).clinic
    signed_in_as(page, live_server, User.objects.get(email="clinician@demo.example"))
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + f"/clinic/{clinic.pk}/")
    page.get_by_role("link", name="How people who share with").click()
    expect(page.get_by_role("heading", name="Program outcomes")).to_be_visible()
    expect(page.get_by_role("rowheader", name="PEG better by a meaningful change")).to_be_visible()
    expect(page.get_by_role("img", name="PEG better by a meaningful change")).to_be_visible()
    shots = Path(os.environ.get("PACEWISE_SCREENSHOTS", "/tmp"))
    page.screenshot(path=str(shots / "clinic-outcomes.png"), full_page=True)
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    assert csp_errors == []


def test_a_clinician_ends_care_and_the_person_sees_when_and_why(page, live_server, csp_errors):
    clinic = Clinic.objects.create(name="Harbour Physio")
    kim = make_user("kim@example.com", patient=True, display_name="Kim")
    Share.objects.create(patient=kim.patient, clinic=clinic)
    clinician = make_clinician("sharer@harbour.example", clinic)
    shots = Path(os.environ.get("PACEWISE_SCREENSHOTS", "/tmp"))
    signed_in_as(page, live_server, clinician)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + f"/p/{kim.patient.pk}/")
    page.get_by_role("link", name="End care").click()
    expect(page.get_by_role("heading", name="End care for Kim")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="End care in 14 days").click()
    expect(page.get_by_text("Write a few words to the person").first).to_be_visible()
    page.get_by_label("Your message to the person").fill(
        "You reached your walking goal. Keep the two short walks; call us if the knee swells."
    )
    page.get_by_role("button", name="End care in 14 days").click()
    expect(page.get_by_text("Kim has your message.")).to_be_visible()
    expect(page.get_by_text("Care ends", exact=True)).to_be_visible()

    signed_in_as(page, live_server, kim)
    page.goto(live_server.url + f"/p/{kim.patient.pk}/sharing/")
    expect(page.get_by_text("Harbour Physio has ended your care.")).to_be_visible()
    expect(page.get_by_text("You reached your walking goal.")).to_be_visible()
    page.screenshot(path=str(shots / "discharge-person.png"), full_page=True)
    assert_accessible(page)
    assert csp_errors == []
