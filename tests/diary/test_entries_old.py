"""entries.create(allow_old=True): file imports may back-fill years, never the future."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from pacewise.core.localtime import MAX_BACKFILL_DAYS
from pacewise.diary import entries
from pacewise.diary.models import CheckIn


def _create(cast, day, **kw):
    return entries.create(
        CheckIn, cast.record, cast.patient, values={"pain_avg": 3}, local_date=day, **kw
    )


def test_old_days_are_refused_by_default(cast):
    day = timezone.localdate() - timedelta(days=MAX_BACKFILL_DAYS + 1)
    with pytest.raises(entries.EntryError) as err:
        _create(cast, day)
    assert err.value.field == "local_date"


def test_allow_old_accepts_years_ago(cast):
    day = timezone.localdate() - timedelta(days=5 * 365)
    entry, created = _create(cast, day, allow_old=True)
    assert created and entry.local_date == day


def test_allow_old_still_refuses_the_future(cast):
    day = timezone.localdate() + timedelta(days=2)
    with pytest.raises(entries.EntryError) as err:
        _create(cast, day, allow_old=True)
    assert err.value.field == "local_date"
    assert "future" in err.value.message


def test_allow_old_still_refuses_a_future_entered_at(cast):
    day = timezone.localdate() - timedelta(days=400)
    with pytest.raises(entries.EntryError) as err:
        _create(cast, day, allow_old=True, entered_at=timezone.now() + timedelta(hours=2))
    assert err.value.field == "entered_at"
