"""Planned minutes for past days, replayed one plan week at a time."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from pacewise.core.diary import Diary
from pacewise.core.pacing.day_plan import plan_day
from pacewise.core.pacing.flare import find_flares
from pacewise.core.pacing.plan_history import planned_minutes
from pacewise.simulation.model_a import demo_history, demo_profile

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


def test_shared_weekly_reviews_give_the_same_plans_over_a_long_history():
    # months of diary with flares, missed days and a boom-bust person: the replays share
    # their weekly reviews (ReplayCache), and every day still matches a replay of its own
    for kind in ("typical", "boom_bust"):
        profile, history = demo_profile(kind), demo_history(3, 300, TODAY, kind)
        assert any(r.flare for r in history)
        start = TODAY - timedelta(days=119)
        assert planned_minutes(profile, history, start, TODAY) == day_by_day(
            profile, history, start, TODAY
        )


def test_a_weekly_review_stands_when_the_next_day_reveals_a_flare_in_hindsight():
    # Wed 29 Jul was high; Thu 30 Jul, a plan week's first day, was high too, which makes the
    # 29th part of a two-day flare in hindsight. The review made on the 30th (without it)
    # stands for the whole week: before, the plan dropped from 16 to 14 minutes on the 31st.
    profile, history = demo_profile("typical"), demo_history(3, 300, TODAY, "typical")
    first, last = date(2026, 7, 30), date(2026, 8, 5)
    flares = find_flares(Diary(history, TODAY))
    wed = date(2026, 7, 29)
    assert wed in flares.flare_days and wed not in flares.as_of(first).flare_days
    planned = planned_minutes(profile, history, first, last)
    assert len(set(planned.values())) == 1
    assert planned == day_by_day(profile, history, first, last)


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


def test_flares_found_once_and_cut_back_match_a_search_of_the_shorter_diary():
    # what lets the replays share one search for flares (ReplayCache.flares)
    for kind in ("typical", "boom_bust", "fatigue"):
        history = demo_history(3, 300, TODAY, kind)
        whole = find_flares(Diary(history, TODAY))
        assert whole.hindsight  # the cut-back must handle flares seen only the day after
        for back in range(0, 300, 3):
            day = TODAY - timedelta(days=back)
            assert whole.before(day) == find_flares(Diary(history, day)), (kind, day)
