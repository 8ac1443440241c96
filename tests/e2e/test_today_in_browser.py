"""Today on a phone: a person with two weeks of diary sees today's plan with its reasons,
logs a bout in one tap, declares a flare and sees the flare plan; axe on each page."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from e2e_helpers import assert_accessible
from playwright.sync_api import expect

from cast import PASSWORD, make_user
from pacewise.diary.models import ActivitySession, CheckIn
from pacewise.today import actions

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def person_with_a_diary():
    user = make_user("robin@example.com", patient=True, display_name="Robin")
    patient = user.patient
    actions.choose_activities(patient, [actions.Choice("walking", 10)])
    today = timezone.localdate()
    for back in range(14, 0, -1):
        day = today - timedelta(days=back)
        CheckIn.objects.create(patient=patient, local_date=day, morning_pain=3, pain_avg=3)
        ActivitySession.objects.create(
            patient=patient, local_date=day, activity="walking", minutes=10
        )
    return user


def sign_in(page, live_server, email):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("link", name="Today", exact=True)).to_be_visible()


def test_a_person_logs_a_bout_declares_a_flare_and_sees_the_flare_plan(
    page, live_server, csp_errors
):
    user = person_with_a_diary()
    sign_in(page, live_server, user.email)
    page.get_by_role("link", name="Today", exact=True).click()
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    expect(page.get_by_text("9 minutes of walking, in one go.")).to_be_visible()
    expect(page.get_by_text("Done today: 0 of 9 minutes.")).to_be_visible()
    # the day's main actions are within the first screen, or one short scroll, of a phone
    for name in ("Log a bout: 9 minutes of walking", "Easier today", "I'm in a flare"):
        box = page.get_by_role("button", name=name).bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"] * 1.25, (name, box)
    page.screenshot(path=str(Path(os.environ.get("PACEWISE_SCREENSHOTS", "/tmp")) / "today.png"))
    # the explanation folds away behind "Why this plan"
    expect(page.get_by_text("So your plan goes up 20%.")).to_be_hidden()
    page.get_by_text("Why this plan").click()
    expect(page.get_by_text("So your plan goes up 20%.")).to_be_visible()
    expect(page.get_by_text("days of 10 minutes of walking or more have gone well")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Log a bout: 9 minutes of walking").click()
    expect(page.get_by_text("Done today: 9 of 9 minutes.")).to_be_visible()
    assert ActivitySession.objects.filter(patient=user.patient, planned_item="walking").count() == 1
    assert_accessible(page)

    page.get_by_role("link", name="See my weekly review").click()
    expect(page.get_by_role("heading", name="Weekly review")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("group", name="How sure are you").get_by_label("5", exact=True).click()
    page.get_by_role("button", name="Save my answer").click()
    expect(page.get_by_text("Walking: from 8 to 8.8 minutes a day")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Save my choice").click()
    expect(page.get_by_text("Saved: a smaller step this week.")).to_be_visible()

    page.get_by_role("button", name="I'm in a flare").click()
    expect(page.get_by_role("heading", name="Your flare plan")).to_be_visible()
    page.get_by_text("Why this plan").click()
    expect(page.get_by_text("So today's plan is 50% of your usual amount")).to_be_visible()
    expect(page.get_by_role("link", name="Open my flare kit")).to_be_visible()
    assert CheckIn.objects.filter(patient=user.patient, in_flare=True).count() == 1
    assert_accessible(page)
    assert csp_errors == []


def test_a_new_person_chooses_what_to_pace(page, live_server):
    user = make_user("kim@example.com", patient=True, display_name="Kim")
    sign_in(page, live_server, user.email)
    page.get_by_role("link", name="Today", exact=True).click()
    page.get_by_role("link", name="Choose activities").click()
    expect(page.get_by_role("heading", name="Choose what to pace")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Activity 1", exact=True).select_option("walking")
    page.get_by_label("About how much on a usual day? (activity 1, optional)").fill("10")
    page.get_by_role("button", name="Start my plan").click()
    expect(page.locator(".lead")).to_contain_text("Getting to know your usual level")
    expect(page.get_by_role("button", name="Log a bout: 8 minutes of walking")).to_be_visible()
    assert_accessible(page)
