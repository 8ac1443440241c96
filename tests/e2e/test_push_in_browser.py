"""A reminder pushed to the phone shows as a notification with "Not today" on it: the service
worker's push handler, driven through Chromium's DevTools (no push service needed)."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect
from test_today_in_browser import person_with_a_diary, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_pushed_reminder_shows_with_not_today(page, live_server):
    user = person_with_a_diary()
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    sign_in(page, live_server, user.email)
    page.goto(f"{live_server.url}/p/{user.patient.pk}/today/")
    page.evaluate("navigator.serviceWorker.ready")
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    cdp = page.context.new_cdp_session(page)
    registrations = []
    cdp.on("ServiceWorker.workerRegistrationUpdated",
           lambda event: registrations.extend(event["registrations"]))  # fmt: skip
    cdp.send("ServiceWorker.enable")
    page.wait_for_timeout(300)
    assert registrations
    payload = {"title": "Good morning", "body": "A check-in takes under a minute.",
               "url": "/", "notToday": "/reminders/not-today/x/quiet/", "tag": "pacewise-morning"}
    cdp.send("ServiceWorker.deliverPushMessage", {
        "origin": live_server.url, "registrationId": registrations[0]["registrationId"],
        "data": json.dumps(payload)})  # fmt: skip
    shown = page.evaluate("""async () => {
        const reg = await navigator.serviceWorker.ready;
        for (let i = 0; i < 30; i += 1) {
            const list = await reg.getNotifications();
            if (list.length) { return list.map((n) => ({ title: n.title, body: n.body,
                actions: n.actions.map((a) => a.title), tag: n.tag })); }
            await new Promise((r) => setTimeout(r, 100));
        }
        return [];
    }""")
    assert shown == [{"title": "Good morning", "body": "A check-in takes under a minute.",
                      "actions": ["Not today"], "tag": "pacewise-morning"}]
