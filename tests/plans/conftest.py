"""Fixtures for the program tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def me(client, cast):
    """The cast's patient, signed in; returns their Patient record."""
    client.force_login(cast.patient)
    return cast.record


@pytest.fixture
def clinician(client, cast):
    """The sharing clinician (with two-factor), signed in; returns the patient they see."""
    client.force_login(cast.sharing_clinician)
    return cast.record
