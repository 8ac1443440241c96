"""The reminders page on a phone: labelled, keyboard-usable, saved in a few taps."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from e2e_helpers import assert_accessible
from playwright.sync_api import expect
from test_today_in_browser import person_with_a_diary, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_asking_for_a_morning_reminder_on_a_phone(page, live_server, csp_errors):
    user = person_with_a_diary()
    sign_in(page, live_server, user.email)
    page.goto(f"{live_server.url}/p/{user.patient.pk}/")
    page.get_by_role("link", name="Reminders").click()
    expect(page.get_by_role("heading", name="Reminders", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Morning check-in", exact=True).check()
    page.get_by_label("Morning check-in: at").fill("07:45")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved. Reminders come at these times")).to_be_visible()
    expect(page.get_by_label("Morning check-in", exact=True)).to_be_checked()
    expect(page.get_by_label("Morning check-in: at")).to_have_value("07:45")
    shots = Path(os.environ.get("PACEWISE_SCREENSHOTS", "/tmp"))
    page.screenshot(path=str(shots / "reminders.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert csp_errors == []


def test_a_morning_check_in_from_the_reminder_takes_five_interactions(page, live_server):
    """The notification (or the email's link) opens the morning check-in itself: one tap on
    it, then pain on waking, hours of sleep, how well, Save."""
    from test_diary_in_browser import Counter

    user = person_with_a_diary()
    sign_in(page, live_server, user.email)
    you = Counter(page)
    you.count += 1  # the tap on the notification, which opens this address
    page.goto(f"{live_server.url}/p/{user.patient.pk}/checkin/morning/")
    you.tap(page.get_by_role("group", name="Pain when you woke up").get_by_label("3", exact=True))
    you.count += 1  # typing the hours is one interaction
    page.get_by_label("Hours of sleep last night").fill("7")
    group = page.get_by_role("group", name="How well did you sleep last night?")
    you.tap(group.get_by_label("6", exact=True))
    you.tap(page.get_by_role("button", name="Save"))
    expect(page.get_by_text("Thank you for checking in")).to_be_visible()
    assert you.count == 5
