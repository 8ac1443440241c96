"""The evening check-in on a phone: at most 8 interactions from the home screen."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from e2e_helpers import assert_accessible
from playwright.sync_api import expect

from cast import PASSWORD, make_user
from pacewise.diary.models import CheckIn

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


class Counter:
    """Counts what a person does: each tap or typed field is one interaction."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def tap(self, locator):
        self.count += 1
        locator.click()


def sign_in(page, live_server, email):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("link", name="Evening check-in")).to_be_visible()


def test_full_evening_checkin_takes_at_most_8_interactions(page, live_server, csp_errors):
    user = make_user("robin@example.com", patient=True, display_name="Robin")
    sign_in(page, live_server, user.email)
    assert_accessible(page)

    you = Counter(page)
    you.tap(page.get_by_role("link", name="Evening check-in"))
    expect(page.get_by_role("heading", name="How was today?")).to_be_visible()
    assert_accessible(page)
    answers = {"Average pain today": "5", "Pain right now": "4", "Tiredness today": "7",
               "Stress today": "3", "Mood today": "6", "Are you in a flare?": "No"}  # fmt: skip
    for question, answer in answers.items():
        group = page.get_by_role("group", name=question)
        you.tap(group.get_by_label(answer, exact=True))
    you.tap(page.get_by_role("button", name="Save"))
    expect(page.get_by_text("Thank you for checking in")).to_be_visible()
    assert you.count <= 8

    entry = CheckIn.objects.get(patient=user.patient)
    assert (entry.pain_avg, entry.pain_now, entry.fatigue, entry.stress, entry.mood) == (
        5, 4, 7, 3, 6)  # fmt: skip
    assert entry.in_flare is False
    assert csp_errors == []


def test_same_as_yesterday_takes_three(page, live_server):
    user = make_user("sam@example.com", patient=True, display_name="Sam")
    yesterday = timezone.localdate() - timedelta(days=1)
    CheckIn.objects.create(patient=user.patient, local_date=yesterday, pain_avg=6, fatigue=5,
                           pain_now=5, stress=4, mood=5)  # fmt: skip
    sign_in(page, live_server, user.email)
    you = Counter(page)
    you.tap(page.get_by_role("link", name="Evening check-in"))
    you.tap(page.get_by_role("link", name="Same as yesterday"))
    pain = page.get_by_role("group", name="Average pain today").get_by_label("6", exact=True)
    expect(pain).to_be_checked()  # yesterday's values are in the form (filled in place by htmx)
    you.tap(page.get_by_role("button", name="Save"))
    expect(page.get_by_text("Thank you for checking in")).to_be_visible()
    assert you.count == 3
    today = CheckIn.objects.get(patient=user.patient, local_date=timezone.localdate())
    assert (today.pain_avg, today.fatigue, today.mood) == (6, 5, 5)


def test_keyboard_only_checkin_and_diary_pages_are_accessible(page, live_server):
    user = make_user("kim@example.com", patient=True, display_name="Kim")
    sign_in(page, live_server, user.email)
    page.get_by_role("link", name="Flare-day check-in").click()
    assert_accessible(page)
    page.get_by_role("group", name="Average pain today").get_by_label("8", exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Thank you for checking in")).to_be_visible()
    assert CheckIn.objects.get(patient=user.patient).in_flare is True

    page.get_by_role("link", name="Log movement").click()
    assert_accessible(page)
    page.get_by_label("What did you do?").fill("Walking")
    page.get_by_label("Minutes").fill("9")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="My diary: the last four weeks").click()
    expect(page.get_by_role("img", name="Pain, tiredness and movement")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=timezone.localdate().strftime("%a %-d %b")).click()
    expect(page.get_by_text("Walking, 9 min")).to_be_visible()
    assert_accessible(page)
