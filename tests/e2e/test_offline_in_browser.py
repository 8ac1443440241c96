"""Without signal: a check-in and bouts made offline are kept on the phone, said to be kept,
and sent once the connection returns — exactly one of each on the server, in any order, however
often the phone tries."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.db import OperationalError
from e2e_helpers import assert_accessible
from playwright.sync_api import expect
from test_app_in_browser import go_offline
from test_today_in_browser import person_with_a_diary, sign_in

from pacewise.diary.models import ActivitySession, CheckIn

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
BOUT = "Log a bout: 9 minutes of walking"


def counts(patient):
    return (CheckIn.objects.filter(patient=patient).count(),
            ActivitySession.objects.filter(patient=patient).count())  # fmt: skip


def wait_for(page, check, seconds=10):
    """Poll ``check`` while the live server writes (SQLite may say "locked" meanwhile)."""
    for _ in range(seconds * 10):
        try:
            if check():
                return True
        except OperationalError:
            pass
        page.wait_for_timeout(100)
    page.wait_for_timeout(500)  # let the last write finish
    return check()


def test_a_checkin_and_bouts_made_offline_arrive_once_when_back_online(
    page, live_server, csp_errors
):
    user = person_with_a_diary()
    patient = user.patient
    sign_in(page, live_server, user.email)
    today = f"{live_server.url}/p/{patient.pk}/today/"
    checkin = f"{live_server.url}/p/{patient.pk}/checkin/full/"
    page.goto(today)
    page.evaluate("navigator.serviceWorker.ready")
    page.reload()  # the worker controls the page from here
    page.goto(checkin)  # opened once online: the phone keeps it for today
    page.goto(today)
    before = counts(patient)

    go_offline(page.context)
    page.get_by_role("button", name=BOUT).click()
    expect(page.get_by_text("Saved on this phone: your bout")).to_be_visible()
    page.get_by_role("button", name=BOUT).click()  # a second bout is a second bout
    page.goto(checkin)
    expect(page.get_by_role("heading", name="How was today?")).to_be_visible()
    for question, answer in {"Average pain today": "6", "Tiredness today": "5"}.items():
        page.get_by_role("group", name=question).get_by_label(answer, exact=True).click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved on this phone: your check-in")).to_be_visible()
    assert counts(patient) == before  # nothing reached the server
    shots = Path(os.environ.get("PACEWISE_SCREENSHOTS", "/tmp"))
    page.screenshot(path=str(shots / "offline-kept.png"), full_page=True)

    page.context.unroute("**/*")
    page.context.set_offline(False)  # the page hears "online" and asks the worker to send
    expected = (before[0] + 1, before[1] + 2)
    assert wait_for(page, lambda: counts(patient) == expected), counts(patient)
    page.goto(today)
    page.evaluate("navigator.serviceWorker.controller.postMessage('flush')")  # once more
    page.wait_for_timeout(500)
    assert counts(patient) == expected  # sent again or not, stored once
    entry = CheckIn.objects.filter(patient=patient).latest("created_at")
    assert (entry.pain_avg, entry.fatigue) == (6, 5)
    assert_accessible(page)
    assert csp_errors == []


def test_the_outbox_says_what_waits_and_sign_out_asks_first(page, live_server):
    user = person_with_a_diary()
    sign_in(page, live_server, user.email)
    today = f"{live_server.url}/p/{user.patient.pk}/today/"
    page.goto(today)
    page.evaluate("navigator.serviceWorker.ready")
    page.reload()
    go_offline(page.context)
    page.get_by_role("button", name=BOUT).click()
    expect(page.get_by_text("Saved on this phone: your bout")).to_be_visible()
    page.goto(today)  # the kept Today, with the outbox's count
    expect(page.get_by_text("1 entry is saved on this phone")).to_be_visible()
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Sign out").click()
    assert asked and "not been sent yet" in asked[0]
    expect(page.get_by_text("1 entry is saved on this phone")).to_be_visible()  # still here


def test_an_entry_the_server_refuses_is_kept_and_shown_so_nothing_is_lost(page, live_server):
    user = person_with_a_diary()
    sign_in(page, live_server, user.email)
    checkin = f"{live_server.url}/p/{user.patient.pk}/checkin/full/"
    page.goto(checkin)
    page.evaluate("navigator.serviceWorker.ready")
    page.reload()
    go_offline(page.context)
    page.goto(checkin)
    page.evaluate("document.querySelector('input[name=local_date]').value = '2099-01-01'")
    page.get_by_role("group", name="Average pain today").get_by_label("7", exact=True).click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved on this phone: your check-in")).to_be_visible()
    before = CheckIn.objects.filter(patient=user.patient).count()
    page.context.unroute("**/*")
    page.context.set_offline(False)
    kept = page.get_by_text("could not be saved as it was", exact=False)
    expect(kept).to_be_visible(timeout=10000)
    expect(kept).to_contain_text("average pain 7")  # what was typed, to enter again
    shots = Path(os.environ.get("PACEWISE_SCREENSHOTS", "/tmp"))
    page.screenshot(path=str(shots / "offline-refused.png"))
    assert_accessible(page)
    assert CheckIn.objects.filter(patient=user.patient).count() == before
    page.get_by_role("button", name="I’ve entered it again").click()
    expect(kept).to_have_count(0)
