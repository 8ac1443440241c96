"""Safety paths on a phone (390x844), with axe: a PHQ-9 too incomplete to score but with a
self-harm answer still reaches the crisis screen; a red-flag pause at the emergency level
turns Today into "what to do now" and cannot be cleared with a date before the report.

Screenshots go to $PACEWISE_SCREENSHOTS when it is set (to look at the pages by eye)."""

from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from e2e_helpers import assert_accessible
from playwright.sync_api import expect

from cast import PASSWORD, make_clinician, make_user
from pacewise.accounts.models import Clinic, Share
from pacewise.outcomes.models import Response, SafetyAlert
from pacewise.plans import red_flags
from pacewise.today import actions

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _shot(page, name):
    folder = os.environ.get("PACEWISE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _sign_in(page, live_server, user):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def _person():
    clinic = Clinic.objects.create(name="Harbour Physio")
    user = make_user("pat@example.com", patient=True, display_name="Pat", country="GB")
    Share.objects.create(patient=user.patient, clinic=clinic)
    make_clinician("sharer@harbour.example", clinic)
    return user


def test_an_unscoreable_phq9_with_a_self_harm_answer_on_a_phone(page, live_server, csp_errors):
    user = _person()
    _sign_in(page, live_server, user)
    page.goto(f"{live_server.url}/p/{user.patient.pk}/questionnaires/take/phq9/")
    for number in (1, 5, 6, 7, 8, 9):  # items 2, 3 and 4 left blank: too many to score
        answer = "More than half the days" if number == 9 else "Several days"
        page.get_by_role("group", name=f"{number}.").get_by_label(answer, exact=True).check()
    page.get_by_role("button", name="Save my answers").click()

    expect(page.get_by_role("heading", name="You don't have to face this alone")).to_be_visible()
    expect(page.get_by_role("link", name="Call 116 123")).to_have_attribute("href", "tel:116123")
    expect(page.get_by_text("We have told your care team")).to_be_visible()
    expect(page.get_by_text("could not work out a score")).to_be_visible()
    assert_accessible(page)
    _shot(page, "phq9-crisis-screen")
    saved = Response.objects.get()
    assert saved.total is None and saved.answers["phq9_9"] == 2
    assert SafetyAlert.objects.get().value == 2

    page.get_by_role("button", name="I have read this").click()
    expect(page.get_by_role("heading", name="PHQ-9: not scored")).to_be_visible()
    expect(page.get_by_text("Your care team was told")).to_be_visible()
    expect(page.get_by_role("link", name="Answer the PHQ-9 again")).to_be_visible()
    assert_accessible(page)
    _shot(page, "phq9-not-scored-result")
    assert csp_errors == []


def test_an_emergency_pause_on_today_and_its_clearance_on_a_phone(page, live_server, csp_errors):
    user = _person()
    actions.choose_activities(user.patient, [actions.Choice("walking", 12)])
    red_flags.record(user.patient, {"neck_dizziness": True}, "symptoms")
    _sign_in(page, live_server, user)
    page.goto(f"{live_server.url}/p/{user.patient.pk}/today/")

    expect(page.get_by_role("heading", name="Please get emergency care now.")).to_be_visible()
    expect(page.get_by_role("link", name="Call 999").first).to_have_attribute("href", "tel:999")
    expect(page.get_by_role("button", name="Choose easier today")).to_have_count(0)
    expect(page.get_by_text("of walking")).to_have_count(0)
    assert_accessible(page)
    _shot(page, "today-emergency-pause")

    page.get_by_role("link", name="What you told us").click()
    expect(page.get_by_role("heading", name="Your program is paused for now")).to_be_visible()
    page.get_by_label("A doctor or clinician has checked me").check()
    before = timezone.localdate() - timedelta(days=2)
    page.get_by_label("The day they checked you").fill(before.isoformat())
    page.get_by_label("Who checked you").fill("Dr Lee, City Hospital")
    page.get_by_role("button", name="Open my program again").click()
    expect(page.get_by_text("The check must be on or after")).to_be_visible()
    assert_accessible(page)
    _shot(page, "paused-clearance-error")
    assert red_flags.open_alert(user.patient) is not None
    assert csp_errors == []


@pytest.mark.parametrize("choice", ["switch", "keep"])
def test_a_traveller_is_asked_once_whether_to_follow_the_device_zone(browser, live_server, choice):
    user = make_user("lisbon@example.com", patient=True, display_name="Rui")
    user.time_zone = "Europe/Lisbon"
    user.save()
    context = browser.new_context(
        timezone_id="America/New_York", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    prompt = page.locator(".zone-prompt")
    expect(prompt).to_be_visible()
    expect(prompt).to_contain_text("America/New_York")
    assert_accessible(page)
    _shot(page, "time-zone-prompt")
    if choice == "switch":
        page.get_by_role("button", name="Switch to America/New_York").click()
        expect(page.get_by_text("Your days now follow America/New_York")).to_be_visible()
        user.refresh_from_db()
        assert user.time_zone == "America/New_York"
    else:
        page.get_by_role("button", name="Keep Europe/Lisbon").click()
        expect(prompt).to_be_hidden()
        page.reload()
        expect(page.locator(".zone-prompt")).to_be_hidden()  # asked once
        user.refresh_from_db()
        assert user.time_zone == "Europe/Lisbon"
    context.close()


@pytest.mark.parametrize("rhythm", ["morning", "evening"])
def test_a_morning_only_or_evening_only_diary_on_a_phone(page, live_server, rhythm):
    """Today, a day page, the weekly review and the visit report for someone who checks in
    only in the morning, or only in the evening, at 390x844."""
    from pacewise.diary.days import today_for
    from pacewise.diary.models import ActivitySession, CheckIn

    user = _person()
    actions.choose_activities(user.patient, [actions.Choice("walking", 10)])
    today = today_for(user.patient)
    for back in range(21, 0, -1):
        day = today - timedelta(days=back)
        if rhythm == "morning":
            values = {"kind": "morning", "morning_pain": 3, "sleep_hours": 7}
        else:
            values = {"kind": "full", "pain_avg": 4, "sleep_hours": 7, "fatigue": 3}
        CheckIn.objects.create(patient=user.patient, local_date=day, **values)
        ActivitySession.objects.create(
            patient=user.patient, local_date=day, activity="walking", minutes=10,
            planned_item="walking",
        )
    _sign_in(page, live_server, user)
    page.goto(f"{live_server.url}/p/{user.patient.pk}/today/")
    log = page.get_by_role("button", name=re.compile(r"Log a bout: \d+ minutes of walking"))
    box = log.bounding_box()
    assert box["y"] + box["height"] <= 844 * 1.25
    assert_accessible(page)
    _shot(page, f"today-{rhythm}-only")
    yesterday = (today - timedelta(days=1)).isoformat()
    page.goto(f"{live_server.url}/p/{user.patient.pk}/diary/{yesterday}/")
    pain = "Pain 3/10 (on waking)" if rhythm == "morning" else "Pain 4/10"
    expect(page.get_by_text(pain, exact=False).first).to_be_visible()
    assert_accessible(page)
    _shot(page, f"day-{rhythm}-only")
    page.goto(f"{live_server.url}/p/{user.patient.pk}/today/review/")
    expect(page.get_by_text("You logged 7 days that week.")).to_be_visible()
    assert_accessible(page)
    _shot(page, f"review-{rhythm}-only")
    page.goto(f"{live_server.url}/p/{user.patient.pk}/questionnaires/visit-report/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the visit report (PDF)").click()
    folder = os.environ.get("PACEWISE_SCREENSHOTS")
    if folder:
        download.value.save_as(str(Path(folder) / f"visit-report-{rhythm}-only.pdf"))
