"""Shared checks for browser tests."""

from __future__ import annotations


def assert_accessible(page):
    """axe-core: no serious or critical violations on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], f"{page.url}: {bad}"


def signed_in_as(page, live_server, user):
    """The browser signed in as `user` (a clinician's two-factor already passed), by the
    session cookie of a test client's login."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    cookie = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
