"""Fixtures for the insights tests."""

from __future__ import annotations

import pytest
from insights_diary import fill_diary


@pytest.fixture
def diary(cast):
    fill_diary(cast.record)
    return cast
