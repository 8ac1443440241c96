"""Beyond axe: the check-in and Today read in a sensible order with full names in a screen
reader's view (Playwright's accessibility snapshot), and reflow without sideways scrolling at
320 px (WCAG 1.4.10) and at 200% zoom on a 390 px phone (195 CSS px)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from test_today_in_browser import person_with_a_diary, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_morning_check_in_reads_in_order_with_its_scale_ends_named(page, live_server):
    user = person_with_a_diary()
    sign_in(page, live_server, user.email)
    page.goto(live_server.url + reverse("diary-checkin", args=[user.patient.pk, "morning"]))
    snapshot = page.locator("main").aria_snapshot()
    order = ['heading "Good morning"', 'spinbutton "Hours of sleep last night"',
             'group "How well did you sleep last night?"', 'group "Pain when you woke up"',
             'button "Save"']  # fmt: skip
    places = [snapshot.index(item) for item in order]
    assert places == sorted(places), snapshot
    assert 'radio "0 (no pain)"' in snapshot and 'radio "10 (worst pain)"' in snapshot
    pain = page.get_by_role("group", name="Pain when you woke up")
    expect(pain).to_have_accessible_description("0 = no pain, 10 = worst pain")


@pytest.mark.parametrize("width", [320, 195])
def test_today_and_the_check_in_reflow_without_sideways_scrolling(page, live_server, width):
    user = person_with_a_diary()
    sign_in(page, live_server, user.email)
    page.set_viewport_size({"width": width, "height": 700})
    for url in (reverse("today", args=[user.patient.pk]),
                reverse("diary-checkin", args=[user.patient.pk, "full"])):  # fmt: skip
        page.goto(live_server.url + url)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, (url, scroll)


def test_reduced_motion_is_honoured(page, live_server):
    page.emulate_media(reduced_motion="reduce")
    page.goto(live_server.url + reverse("account_login"))
    motion = page.evaluate("getComputedStyle(document.body).transitionDuration")
    assert motion in ("0s", "")
