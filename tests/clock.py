"""Pin "now" for a test without a clock-faking library: Django's timezone.now is the one clock
the shell reads (the core never reads a clock)."""

from __future__ import annotations

from contextlib import contextmanager
from unittest import mock


@contextmanager
def at_instant(instant):
    with mock.patch("django.utils.timezone.now", return_value=instant):
        yield
