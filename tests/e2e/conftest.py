"""Browser tests in Debian's Chromium (never a downloaded browser), with axe-core checks."""

from __future__ import annotations

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls in test bodies are safe
# here because the live server runs in its own thread. Tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("PACEWISE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    if shutil.which(CHROMIUM):
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"CI needs Chromium at {CHROMIUM} (apt-get install chromium)")
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}: apt-get install chromium")
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def csp_errors(page):
    """Console messages about Content-Security-Policy violations on any page of the test."""
    found: list[str] = []
    page.on(
        "console",
        lambda msg: found.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return found


@pytest.fixture
def page(page):
    page.set_default_timeout(10_000)
    return page
