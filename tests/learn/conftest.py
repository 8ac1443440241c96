"""Fixtures for the Learn tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def me(client, cast):
    """The cast's patient, signed in."""
    client.force_login(cast.patient)
    return cast.record
