"""Insights in the browser: findings and the outlook are readable; an experiment starts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from e2e_helpers import assert_accessible
from playwright.sync_api import expect

from cast import PASSWORD, make_user
from pacewise.insights.models import Experiment

sys.path.insert(0, str(Path(__file__).parent.parent / "insights"))
from insights_diary import fill_diary  # noqa: E402

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, email):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("link", name="Insights")).to_be_visible()


def test_see_findings_and_the_outlook_then_start_an_experiment(page, live_server, csp_errors):
    user = make_user("kim@example.com", patient=True, display_name="Kim")
    fill_diary(user.patient, days=120)
    sign_in(page, live_server, user.email)
    page.get_by_role("link", name="Insights").click()
    expect(page.get_by_role("heading", name="My insights")).to_be_visible()
    expect(page.get_by_text("On days you logged 'late coffee'")).to_be_visible()
    expect(page.get_by_role("heading", name="Flare outlook for the next two days")).to_be_visible()
    expect(page.get_by_role("img", name="Pain", exact=False).first).to_be_visible()
    assert_accessible(page)

    page.get_by_label("What to test").fill("late coffee")
    page.get_by_role("button", name="Start a self-experiment").click()
    expect(page.get_by_text("Your self-experiment starts tomorrow")).to_be_visible()
    expect(page.get_by_role("heading", name="Schedule")).to_be_visible()
    assert_accessible(page)
    assert Experiment.objects.filter(patient=user.patient, factor="late coffee").exists()

    page.get_by_role("link", name="My record").click()
    expect(page.get_by_text("Your experiment with 'late coffee' starts on")).to_be_visible()
    assert csp_errors == []


def test_a_three_days_a_week_diary_on_insights_on_a_phone(page, live_server, csp_errors):
    """Monday, Wednesday and Friday for eight weeks, at 390x844: the outlook speaks in words
    (no number yet) and the patterns section says why the days do not count yet."""
    import os
    from datetime import timedelta

    from pacewise.diary.days import today_for
    from pacewise.diary.models import ActivitySession, CheckIn

    user = make_user("tia@example.com", patient=True, display_name="Tia")
    today = today_for(user.patient)
    monday = today - timedelta(days=today.weekday() + 56)
    for n in range(8 * 7):
        day = monday + timedelta(days=n)
        if day.weekday() in (0, 2, 4) and day <= today:
            CheckIn.objects.create(patient=user.patient, local_date=day, pain_avg=4, stress=3,
                                   sleep_hours=7)  # fmt: skip
            ActivitySession.objects.create(
                patient=user.patient, local_date=day, activity="walking", minutes=20
            )
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, user.email)
    page.goto(f"{live_server.url}/p/{user.patient.pk}/insights/")
    why = page.get_by_text("do not count yet, because the day before", exact=False)
    expect(why).to_be_visible()
    outlook = page.get_by_role("heading", name="Flare outlook for the next two days")
    expect(outlook).to_be_visible()
    assert "in 100" not in page.locator(".insights-outlook").inner_text()
    assert_accessible(page)
    folder = os.environ.get("PACEWISE_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / "insights-three-days.png"), full_page=True)
    assert csp_errors == []
