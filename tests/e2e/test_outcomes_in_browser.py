"""A PHQ-9 with a self-harm answer shows the crisis screen first and alerts the care team."""

from __future__ import annotations

from pathlib import Path

import pytest
from e2e_helpers import assert_accessible
from playwright.sync_api import expect

from cast import PASSWORD, make_clinician, make_user
from pacewise.accounts.models import Clinic, Share
from pacewise.outcomes.models import SafetyAlert

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_phq9_with_self_harm_answer_then_progress(page, live_server, csp_errors):
    clinic = Clinic.objects.create(name="Harbour Physio")
    user = make_user("pat@example.com", patient=True, display_name="Pat")
    Share.objects.create(patient=user.patient, clinic=clinic)
    make_clinician("sharer@harbour.example", clinic)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("link", name="Questionnaires and progress").click()
    assert_accessible(page)
    page.get_by_role("link", name="Answer the PHQ-9").click()
    assert_accessible(page)
    for number in range(1, 10):
        group = page.get_by_role("group", name=f"{number}.")
        answer = "Several days" if number in (1, 2, 9) else "Not at all"
        group.get_by_label(answer, exact=True).check()
    page.get_by_role("button", name="Save my answers").click()

    expect(page.get_by_role("heading", name="You don't have to face this alone")).to_be_visible()
    expect(page.get_by_text("Call or text 988")).to_be_visible()
    expect(page.get_by_text("We have told your care team")).to_be_visible()
    assert_accessible(page)
    alert = SafetyAlert.objects.get(patient=user.patient)
    assert alert.value == 1 and alert.emailed_to == ["sharer@harbour.example"]

    page.get_by_role("link", name="My record").click()  # cannot skip past the crisis screen
    expect(page.get_by_role("heading", name="You don't have to face this alone")).to_be_visible()
    page.get_by_role("button", name="I have read this").click()
    expect(page.get_by_role("heading", name="PHQ-9: 3")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Progress over time").click()
    expect(page.get_by_role("img", name="PHQ-9 scores over time")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Visit report to bring to your appointment (PDF)").click()
    assert_accessible(page)
    page.get_by_label("Your questions for the visit").fill("Is swimming a good idea?")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the visit report (PDF)").click()
    pdf = download.value
    assert pdf.suggested_filename.startswith("pacewise-visit-report-")
    assert Path(pdf.path()).read_bytes()[:5] == b"%PDF-"
    assert csp_errors == []
