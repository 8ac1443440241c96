"""Planned minutes for past days, replayed one plan week at a time."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from pacewise.core.pacing import plan_day
from pacewise.core.plan_history import planned_minutes
from pacewise.core.simulate import demo_history, demo_profile

TODAY = date(2026, 11, 25)


def day_by_day(profile, history, start, end):
    keys = {a.key for a in profile.activities if a.unit == "minutes"}
    out, day = {}, start
    while day <= end:
        plan = plan_day(profile, history, day)
        out[day] = float(round(sum(x.quota for x in plan.targets if x.activity in keys)))
        day += timedelta(days=1)
    return out


def test_one_replay_per_week_gives_the_plan_of_every_day():
    for kind in ("typical", "fatigue", "boom_bust"):
        profile, history = demo_profile(kind), demo_history(3, 120, TODAY, kind)
        start, end = TODAY - timedelta(days=55), TODAY
        planned = planned_minutes(profile, history, start, end)
        assert planned == day_by_day(profile, history, start, end)
        assert len(planned) == 56 and all(v > 0 for v in planned.values())


def test_the_baseline_weeks_are_replayed_day_by_day():
    profile, history = demo_profile("new"), demo_history(2, 20, TODAY, "new")
    start = TODAY - timedelta(days=10)
    assert planned_minutes(profile, history, start, TODAY) == day_by_day(
        profile, history, start, TODAY
    )


def test_without_minute_activities_there_is_no_plan_to_show():
    profile = demo_profile("typical")
    counted = replace(
        profile, activities=tuple(a for a in profile.activities if a.unit != "minutes")
    )
    history = demo_history(3, 60, TODAY)
    assert planned_minutes(counted, history, TODAY - timedelta(days=6), TODAY) == {}
