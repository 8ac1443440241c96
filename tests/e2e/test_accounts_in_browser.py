"""Sign up, sign in, see home; a clinician signs in with two-factor; the patient sees the visit."""

from __future__ import annotations

import pytest
from e2e_helpers import assert_accessible
from playwright.sync_api import expect

from cast import PASSWORD, make_clinician, make_user
from pacewise.accounts.models import Clinic, Share

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_sign_up_sign_out_sign_in_and_see_home(page, live_server, csp_errors):
    page.goto(live_server.url)
    assert_accessible(page)
    page.get_by_role("link", name="Create a free account").click()
    assert_accessible(page)
    page.get_by_label("Email").fill("robin@example.com")
    page.get_by_label("What should we call you?").fill("Robin")
    page.get_by_label("Password:", exact=True).fill("short")
    page.get_by_label("Password (again):").fill("short")
    page.get_by_role("button", name="Sign Up").click()
    # a clear message on the field, and what was typed is kept
    expect(page.get_by_text("too short", exact=False)).to_be_visible()
    expect(page.get_by_label("Email")).to_have_value("robin@example.com")
    assert_accessible(page)

    page.get_by_label("Password:", exact=True).fill("gentle-morning-walks")
    page.get_by_label("Password (again):").fill("gentle-morning-walks")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Hello, Robin")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("link", name="Sign in").first.click()
    page.get_by_label("Email").fill("robin@example.com")
    page.get_by_label("Password").fill("gentle-morning-walks")
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="Hello, Robin")).to_be_visible()
    assert csp_errors == []


def test_clinician_signs_in_with_two_factor_and_the_patient_sees_it(page, live_server, csp_errors):
    from allauth.mfa.models import Authenticator

    from pacewise.ops.demo import current_code

    clinic = Clinic.objects.create(name="Harbour Physio")
    patient = make_user("pat@example.com", patient=True, display_name="Pat")
    Share.objects.create(patient=patient.patient, clinic=clinic)
    clinician = make_clinician("sharer@harbour.example", clinic)
    assert Authenticator.objects.filter(user=clinician).exists()

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(clinician.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    assert_accessible(page)
    page.get_by_label("Code").fill(current_code(clinician))
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="Caseload")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Pat").click()
    expect(page.get_by_text("recorded in their access log")).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("pat@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("link", name="Who looked at my record").click()
    expect(page.get_by_role("cell", name="Sharer, Clinician, Harbour Physio")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Change who I share with").click()
    assert_accessible(page)
    page.get_by_role("button", name="Stop sharing with Harbour Physio").click()
    expect(page.get_by_text("can no longer see your record")).to_be_visible()
    assert csp_errors == []


def test_pages_ask_for_nothing_that_is_missing_not_even_a_favicon(page, live_server):
    missing = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    page.goto(live_server.url + "/accounts/login/")
    page.wait_for_load_state("networkidle")
    icon = page.locator('link[rel="icon"]').get_attribute("href")
    assert icon and page.request.get(live_server.url + icon).status == 200
    assert missing == []
