"""Pacewise as an installable app: a manifest with icons, a service worker that controls the
pages, and Today opening without signal with the time of the plan; signing out empties it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from e2e_helpers import assert_accessible
from playwright.sync_api import expect
from test_today_in_browser import person_with_a_diary, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
OFFLINE = "You’re offline — this is your plan as of"


def go_offline(context):
    """No network for the page or its service worker (context.set_offline does not reach a
    service worker's own fetches: microsoft/playwright#2311)."""
    context.set_offline(True)
    context.route("**/*", lambda route: route.abort("internetdisconnected"))


def test_the_app_installs_and_today_opens_offline_with_its_time(page, live_server, csp_errors):
    user = person_with_a_diary()
    sign_in(page, live_server, user.email)
    today_url = live_server.url + f"/p/{user.patient.pk}/today/"
    page.goto(today_url)
    manifest = page.evaluate(
        "fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json())"
    )
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes and manifest["display"] == "standalone"
    assert page.evaluate("navigator.serviceWorker.ready.then(r => !!r.active)")
    page.reload()  # now the worker controls the page and keeps this Today
    assert page.evaluate("!!navigator.serviceWorker.controller")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    go_offline(page.context)
    page.goto(today_url)
    expect(page.get_by_text(OFFLINE)).to_be_visible()
    expect(page.get_by_role("link", name="Today", exact=True)).to_be_visible()
    shots = Path(os.environ.get("PACEWISE_SCREENSHOTS", "/tmp"))
    page.screenshot(path=str(shots / "today-offline.png"), full_page=True)
    assert_accessible(page)
    page.goto(live_server.url + "/diary/nowhere/")
    expect(page.get_by_role("heading", name="You're offline")).to_be_visible()
    assert csp_errors == []


def test_signing_out_empties_what_the_phone_kept(page, live_server):
    user = person_with_a_diary()
    sign_in(page, live_server, user.email)
    page.goto(live_server.url + f"/p/{user.patient.pk}/today/")
    page.evaluate("navigator.serviceWorker.ready")
    page.reload()
    kept = "caches.open('pacewise-today').then(c => c.keys()).then(k => k.length)"
    assert page.evaluate(kept) >= 1
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()
    assert page.evaluate(kept) == 0


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("icon.svg")
