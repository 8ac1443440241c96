"""Exercises done on some days a week: which days they are asked for (core.pacing.week_days), and
that the plan, its weekly amount and the API read the same answer."""

from datetime import date, timedelta

import pytest

from pacewise.core.facts import ActivitySession, DayRecord, PlanActivity, Profile
from pacewise.core.pacing.day_plan import plan_day
from pacewise.core.pacing.week_days import week_day

MONDAY = date(2026, 12, 7)


def on(*offsets):
    return [MONDAY + timedelta(days=n) for n in offsets]


@pytest.mark.parametrize(
    ("per_week", "done", "today", "asked", "why_not"),
    [
        (2, [], 0, True, ""),  # Monday, nothing yet
        (2, [0], 1, False, "rest"),  # the day after a strength session
        (2, [0], 2, True, ""),  # Wednesday: the second day
        (2, [0, 2], 3, False, "week_done"),
        (2, [0, 2], 6, False, "week_done"),  # still done on Sunday
        (2, [5], 6, True, ""),  # Sunday: the last day the week can still use
        (3, [4], 5, True, ""),  # two needed, two days left: asked even after yesterday
        (5, [0, 1, 2], 3, True, ""),  # no rest days for five a week
        (2, [0], 0, True, ""),  # done today: today's session still shows
        (7, [0], 1, True, ""),  # every day: always asked
    ],
)
def test_which_days_are_asked_for(per_week, done, today, asked, why_not):
    answer = week_day(per_week, on(*done), MONDAY + timedelta(days=today))
    assert (answer.asked_today, answer.why_not) == (asked, why_not)


def test_last_weeks_days_do_not_count_this_week():
    answer = week_day(2, on(-3, -2), MONDAY)  # Friday and Saturday before
    assert answer.asked_today and answer.done_days == 0


STRENGTH = PlanActivity("sit_to_stand", "Sit to stand", "reps", min_bout=5, starting_amount=20,
                        days_per_week=2)  # fmt: skip
WALK = PlanActivity("walk", "Walking", "minutes", min_bout=2, starting_amount=10)
PROFILE = Profile(activities=(WALK, STRENGTH))


def record(day, reps=0.0, minutes=10.0):
    sessions = [ActivitySession("walk", minutes)]
    if reps:
        sessions.append(ActivitySession("sit_to_stand", reps))
    return DayRecord(day, avg_pain=3, morning_pain=3, sessions=tuple(sessions))


def test_the_plan_asks_for_a_twice_weekly_exercise_on_two_days_and_counts_two_in_its_week():
    start = MONDAY - timedelta(days=21)
    history = [record(start + timedelta(days=n), reps=20 if n % 7 in (0, 3) else 0)
               for n in range(21)]  # fmt: skip
    monday = plan_day(PROFILE, history, MONDAY)
    strength = monday.target("sit_to_stand")
    assert strength.asked_today and strength.days_per_week == 2
    assert monday.weekly_quota["sit_to_stand"] == round(strength.quota * 2, 2)
    assert monday.weekly_quota["walk"] == round(monday.target("walk").quota * 7, 2)
    tuesday = plan_day(PROFILE, [*history, record(MONDAY, reps=20)], MONDAY + timedelta(days=1))
    assert not tuesday.target("sit_to_stand").asked_today
    assert tuesday.target("sit_to_stand").why_not == "rest"
    assert tuesday.target("walk").asked_today
    easier = tuesday.easier_option.targets[1]
    assert not easier.asked_today  # the easier plan keeps the same days


def test_the_plan_s_words_name_only_what_is_asked_for_today():
    start = MONDAY - timedelta(days=21)
    history = [record(start + timedelta(days=n), reps=20 if n % 7 in (0, 3) else 0)
               for n in range(21)]  # fmt: skip
    tuesday = plan_day(PROFILE, [*history, record(MONDAY, reps=20)], MONDAY + timedelta(days=1))
    today = next(r for r in tuesday.reasons if r.startswith("Today:"))
    for words in (today, tuesday.easier_option.text):
        assert "sit to stand" not in words.lower() and "walking" in words  # the week's
    # change may still name it: "Sit to stand from 16 to 17 reps a day"
