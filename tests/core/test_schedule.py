"""Questionnaire schedule: start, 1, 3 and 6 months, with windows."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pacewise.core.instruments.schedule import (
    Done,
    current_occasion,
    next_reminder,
    schedule,
    window,
)

START = date(2026, 1, 5)


def statuses(items, occasion):
    return {d.instrument_id: d.status for d in items if d.occasion == occasion}


def test_baseline_is_open_from_the_first_day():
    items = schedule(START, START, [])
    assert statuses(items, "baseline") == {"peg": "open", "phq9": "open", "gad7": "open"}
    assert statuses(items, "week4") == {"peg": "upcoming", "phq9": "upcoming", "gad7": "upcoming"}


def test_windows_open_a_week_before_and_stay_two_weeks_after():
    assert window(START, "week4") == (date(2026, 1, 26), date(2026, 2, 16))
    assert window(START, "week12") == (
        START + timedelta(weeks=12, days=-7),
        START + timedelta(weeks=12, days=14),
    )
    assert window(START, "week26")[0] == date(2026, 6, 29)
    with pytest.raises(ValueError):
        window(START, "week99")


def test_done_missed_and_current():
    today = date(2026, 2, 10)  # inside the 1-month window; baseline window closed on 19 Jan
    items = schedule(START, today, [Done("peg", "baseline", START)])
    assert statuses(items, "baseline") == {"peg": "done", "phq9": "missed", "gad7": "missed"}
    assert statuses(items, "week4") == {"peg": "open", "phq9": "open", "gad7": "open"}
    assert current_occasion(START, today) == "week4"
    assert current_occasion(START, date(2026, 3, 1)) is None


def test_flare_days_offer_valid_short_forms_for_open_items_only():
    items = schedule(START, START, [], in_flare=True)
    shorts = {d.instrument_id: d.short_form for d in items if d.occasion == "baseline"}
    assert shorts == {"peg": None, "phq9": "phq2", "gad7": "gad2"}
    assert all(d.short_form is None for d in items if d.occasion == "week4")


def test_the_reminder_is_the_open_item_closing_soonest():
    items = schedule(START, date(2026, 2, 10), [Done("peg", "week4", date(2026, 2, 1))])
    assert next_reminder(items, date(2026, 2, 10)).instrument_id == "gad7"
    assert next_reminder(schedule(START, date(2026, 3, 1), []), date(2026, 3, 1)) is None
