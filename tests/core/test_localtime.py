"""Local days across daylight-saving changes and travel; no future, a bounded past."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from pacewise.core.localtime import MAX_BACKFILL_DAYS, check_entry_day, local_date_at

NOW = datetime(2026, 3, 29, 12, 0, tzinfo=UTC)


def test_the_day_is_the_wall_clock_date_where_the_person_is():
    instant = datetime(2026, 1, 10, 23, 30, tzinfo=UTC)
    assert local_date_at(instant, "Europe/London") == date(2026, 1, 10)
    assert local_date_at(instant, "Australia/Sydney") == date(2026, 1, 11)
    assert local_date_at(instant, "America/Los_Angeles") == date(2026, 1, 10)


def test_spring_forward_night_keeps_both_days_apart():
    # Europe/London jumps 01:00 -> 02:00 on 29 Mar 2026: an entry at 00:30 and one at 02:30
    # local are the same day; 23:30 the evening before is the previous day.
    before = datetime(2026, 3, 28, 23, 30, tzinfo=UTC)  # 23:30 GMT, 28 Mar
    after_jump = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 02:30 BST, 29 Mar
    assert local_date_at(before, "Europe/London") == date(2026, 3, 28)
    assert local_date_at(after_jump, "Europe/London") == date(2026, 3, 29)


def test_fall_back_hour_happens_twice_but_is_one_day():
    # America/New_York repeats 01:00-02:00 on 1 Nov 2026
    first = datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT
    second = datetime(2026, 11, 1, 6, 30, tzinfo=UTC)  # 01:30 EST
    assert local_date_at(first, "America/New_York") == local_date_at(second, "America/New_York")
    assert local_date_at(second, "America/New_York") == date(2026, 11, 1)


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        local_date_at(datetime(2026, 1, 1, 12), "UTC")


def test_today_and_the_past_are_fine_the_future_is_not():
    assert check_entry_day(date(2026, 3, 29), now=NOW, zone="Europe/London") is None
    assert check_entry_day(date(2026, 3, 1), now=NOW, zone="Europe/London") is None
    problem = check_entry_day(date(2026, 3, 30), now=NOW, zone="Europe/London")
    assert problem.field == "local_date" and "future" in problem.message


def test_tomorrow_in_utc_is_already_today_in_sydney():
    late = datetime(2026, 3, 29, 20, 0, tzinfo=UTC)  # 07:00 on 30 Mar in Sydney
    assert check_entry_day(date(2026, 3, 30), now=late, zone="Australia/Sydney") is None
    assert check_entry_day(date(2026, 3, 30), now=late, zone="Europe/London") is not None


def test_a_traveller_whose_profile_lags_can_use_the_devices_own_date():
    # profile still says London, device is in Auckland where it is already 30 Mar
    late = datetime(2026, 3, 29, 20, 0, tzinfo=UTC)
    device = late.astimezone(timezone(timedelta(hours=13)))
    assert (
        check_entry_day(date(2026, 3, 30), now=late, zone="Europe/London", entered_at=device)
        is None
    )


def test_device_times_in_the_future_are_refused():
    ahead = NOW + timedelta(hours=2)
    problem = check_entry_day(date(2026, 3, 29), now=NOW, zone="UTC", entered_at=ahead)
    assert problem.field == "entered_at"


def test_backfill_limit():
    limit = date(2026, 3, 29) - timedelta(days=MAX_BACKFILL_DAYS)
    assert check_entry_day(limit, now=NOW, zone="UTC") is None
    problem = check_entry_day(limit - timedelta(days=1), now=NOW, zone="UTC")
    assert problem.field == "local_date" and str(MAX_BACKFILL_DAYS) in problem.message
