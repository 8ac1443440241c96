"""Fixtures for Today: a signed-in person or clinician, a plan, and a diary behind it.

The walking plan's numbers (worked out by hand): 14 days of 10 minutes at pain 3 ->
baseline quota 80% x 10 = 8 minutes; the green week after it raises 10% -> 8.8 a day, so
today asks for 8 minutes in one bout (plus the cast's own 8-minute walk already logged today).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from pacewise.diary.models import ActivitySession, CheckIn
from pacewise.today import actions


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


@pytest.fixture
def walking(cast):
    actions.choose_activities(cast.record, [actions.Choice("walking", 10)])
    return cast.record


def add_days(patient, first: int, last: int, *, minutes=10, pain=3, flare=False):
    """Diary days ``first``..``last - 1`` days before today (so 14, 0 = the last 14 days)."""
    today = timezone.localdate()
    for back in range(first, last, -1):
        day = today - timedelta(days=back)
        CheckIn.objects.create(
            patient=patient, local_date=day, morning_pain=pain, pain_avg=pain, in_flare=flare
        )
        if minutes:
            ActivitySession.objects.create(
                patient=patient,
                local_date=day,
                activity="walking",
                minutes=minutes,
                planned_item="walking",
            )


@pytest.fixture
def history(walking):
    add_days(walking, 14, 0)
    return walking
