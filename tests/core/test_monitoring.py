from datetime import date, timedelta

from pacewise.core.care.monitoring import month_minutes, periods

BEGAN = date(2026, 10, 1)


def test_days_with_data_are_counted_per_30_day_period_since_monitoring_began():
    data = {BEGAN + timedelta(days=n) for n in range(0, 70, 2)}  # every other day
    found = periods(data, BEGAN, date(2026, 12, 7))
    assert [(p.first, p.last, p.days_with_data) for p in found] == [
        (date(2026, 10, 1), date(2026, 10, 30), 15),
        (date(2026, 10, 31), date(2026, 11, 29), 15),
        (date(2026, 11, 30), date(2026, 12, 7), 4),  # the current period ends today
    ]


def test_minutes_are_summed_per_calendar_month_with_the_live_part():
    entries = [(date(2026, 11, 30), 15, False), (date(2026, 12, 1), 20, True),
               (date(2026, 12, 5), 10, False)]  # fmt: skip
    december = month_minutes(entries, 2026, 12)
    assert (december.total, december.live) == (30, 20)
