"""A day's summary is derived from all its entries by one documented rule."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pacewise.core.day_summary import CheckInEntry, SessionEntry, summarize_day, summarize_days

DAY = date(2026, 5, 4)


def at(hour: int) -> datetime:
    return datetime(2026, 5, 4, hour, tzinfo=UTC)


def test_morning_values_come_from_the_earliest_day_values_from_the_latest():
    morning = CheckInEntry(DAY, at(7), morning_pain=6, sleep_hours=5.5, sleep_quality=3, fatigue=7)
    evening = CheckInEntry(DAY, at(21), pain_avg=4, fatigue=5, stress=3, mood=6, morning_pain=2)
    summary = summarize_day(DAY, [evening, morning], [])
    assert summary.morning_pain == 6
    assert summary.sleep_hours == 5.5 and summary.sleep_quality == 3
    assert summary.fatigue == 5 and summary.stress == 3 and summary.mood == 6
    assert summary.avg_pain == 4.0
    assert summary.checkins == 2


def test_average_pain_falls_back_to_the_mean_of_pain_now():
    entries = [CheckInEntry(DAY, at(9), pain_now=3), CheckInEntry(DAY, at(15), pain_now=6)]
    assert summarize_day(DAY, entries, []).avg_pain == 4.5


def test_any_flare_answer_makes_it_a_flare_day():
    entries = [CheckInEntry(DAY, at(9), in_flare=True), CheckInEntry(DAY, at(20), pain_avg=5)]
    assert summarize_day(DAY, entries, []).flare is True


def test_sessions_add_up_and_reach_the_pacing_record():
    sessions = [
        SessionEntry(DAY, "walking", minutes=6, pain_peak=4, pain_after=3),
        SessionEntry(DAY, "walking", minutes=5),
        SessionEntry(DAY, "sit_to_stand", sets=2, reps=8),
    ]
    summary = summarize_day(DAY, [], sessions)
    assert summary.minutes == 11
    record = summary.to_record()
    assert record.amount("walking") == 11
    assert record.amount("sit_to_stand") == 16
    assert record.avg_pain is None


def test_entries_of_other_days_are_ignored_and_days_without_entries_are_gaps():
    other = date(2026, 5, 6)
    checkins = [CheckInEntry(DAY, at(20), pain_avg=4), CheckInEntry(other, at(20), pain_avg=7)]
    days = summarize_days(checkins, [SessionEntry(other, "walking", minutes=10)])
    assert [d.date for d in days] == [DAY, other]
    assert days[1].avg_pain == 7 and days[1].minutes == 10
