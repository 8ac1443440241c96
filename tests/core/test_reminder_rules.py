"""Reminders at the person's own time of day, across clock changes and travel, with quiet
hours, "not today", and spacing out after reminders that went unanswered."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from pacewise.core.reminders import (
    LATE_BY,
    Sent,
    Wish,
    Wishes,
    due,
    every,
    in_quiet_hours,
    wishes_or_defaults,
)

MORNING = Wishes((Wish("morning", True, time(8, 30)), Wish("evening", False, time(20, 0))))
ALL = {"morning", "evening", "bouts", "weekly_review"}


def at(zone_hour_utc: datetime):
    return zone_hour_utc.replace(tzinfo=UTC)


def kinds(found):
    return [d.kind for d in found]


def test_nothing_is_on_until_the_person_asks():
    wishes = wishes_or_defaults(None)
    assert not any(w.on for w in wishes.wishes)
    assert due(wishes, "UTC", at(datetime(2026, 12, 8, 9)), [], needed=ALL) == []


def test_at_their_own_time_in_their_own_zone_and_once_a_day():
    zone = "America/New_York"  # 08:30 there is 13:30 UTC in December
    assert due(MORNING, zone, at(datetime(2026, 12, 8, 13, 20)), [], needed=ALL) == []
    found = due(MORNING, zone, at(datetime(2026, 12, 8, 13, 40)), [], needed=ALL)
    assert kinds(found) == ["morning"] and found[0].day == date(2026, 12, 8)
    sent = [Sent("morning", date(2026, 12, 8), answered=False)]
    assert due(MORNING, zone, at(datetime(2026, 12, 8, 14)), sent, needed=ALL) == []


def test_not_when_already_done_or_too_late_to_help():
    now = at(datetime(2026, 12, 8, 9))
    assert due(MORNING, "UTC", now, [], needed=ALL - {"morning"}) == []  # checked in already
    late = at(datetime(2026, 12, 8, 8, 30)) + LATE_BY + timedelta(minutes=1)
    assert due(MORNING, "UTC", late, [], needed=ALL) == []


def test_a_traveller_is_reminded_where_they_are():
    # 08:30 in Tokyo is 23:30 UTC the day before: the reminder belongs to Tokyo's day
    found = due(MORNING, "Asia/Tokyo", at(datetime(2026, 12, 7, 23, 35)), [], needed=ALL)
    assert kinds(found) == ["morning"] and found[0].day == date(2026, 12, 8)
    # the London-day reminder sent earlier does not stop Tokyo's next morning
    sent = [Sent("morning", date(2026, 12, 7), answered=True)]
    assert kinds(due(MORNING, "Asia/Tokyo", at(datetime(2026, 12, 7, 23, 35)), sent,
                     needed=ALL)) == ["morning"]  # fmt: skip


def test_clock_changes_neither_skip_nor_double_a_reminder():
    early = Wishes((Wish("morning", True, time(1, 30)),))
    # spring: 01:00-02:00 does not exist in London on 28 March 2027; it comes at 02:00 BST
    spring = due(early, "Europe/London", at(datetime(2027, 3, 28, 1, 0)), [], needed=ALL)
    assert kinds(spring) == ["morning"]
    # autumn: 01:30 happens twice on 25 October 2026; the second time nothing is sent
    first = due(early, "Europe/London", at(datetime(2026, 10, 25, 0, 30)), [], needed=ALL)
    assert kinds(first) == ["morning"]
    sent = [Sent("morning", date(2026, 10, 25), answered=False)]
    assert due(early, "Europe/London", at(datetime(2026, 10, 25, 1, 30)), sent, needed=ALL) == []


def test_quiet_hours_past_midnight_hold_reminders_back():
    quiet = Wishes(MORNING.wishes, quiet_from=time(21, 30), quiet_until=time(9, 0))
    assert in_quiet_hours(quiet, time(23, 0)) and in_quiet_hours(quiet, time(8, 45))
    assert not in_quiet_hours(quiet, time(9, 0))
    assert due(quiet, "UTC", at(datetime(2026, 12, 8, 8, 45)), [], needed=ALL) == []
    assert kinds(due(quiet, "UTC", at(datetime(2026, 12, 8, 9, 5)), [], needed=ALL)) == [
        "morning"
    ]


def test_not_today_means_nothing_more_today():
    now = at(datetime(2026, 12, 8, 9))
    assert due(MORNING, "UTC", now, [], needed=ALL, skipped_today=True) == []


@pytest.mark.parametrize(("unanswered", "spacing"), [(0, 1), (2, 1), (3, 2), (5, 2), (6, 3)])
def test_unanswered_reminders_space_themselves_out(unanswered, spacing):
    days = [date(2026, 12, 7) - timedelta(days=i) for i in range(unanswered)]
    history = [Sent("morning", d, answered=False) for d in days]
    history.append(Sent("morning", date(2026, 11, 1), answered=True))
    assert every(history, "morning") == spacing


def test_spaced_out_reminders_skip_days_and_say_why():
    history = [Sent("morning", date(2026, 12, 7) - timedelta(days=i), False) for i in range(3)]
    assert due(MORNING, "UTC", at(datetime(2026, 12, 8, 9)), history, needed=ALL) == []
    found = due(MORNING, "UTC", at(datetime(2026, 12, 9, 9)), history, needed=ALL)
    assert found[0].every == 2 and "every 2 days" in found[0].spacing_words
    answered = [*history, Sent("morning", date(2026, 12, 8), answered=True)]
    assert every(answered, "morning") == 1  # one answered resets it


def test_a_reminder_set_inside_quiet_hours_comes_when_they_end_the_same_day():
    early = Wishes((Wish("morning", True, time(6, 0)),), time(22, 0), time(10, 0))
    assert due(early, "UTC", at(datetime(2026, 12, 8, 9, 59)), [], needed=ALL) == []
    assert kinds(due(early, "UTC", at(datetime(2026, 12, 8, 10, 5)), [], needed=ALL)) == [
        "morning"
    ]
    late = Wishes((Wish("evening", True, time(23, 0)),), time(22, 0), time(7, 0))
    assert due(late, "UTC", at(datetime(2026, 12, 8, 23, 30)), [], needed=ALL) == []
