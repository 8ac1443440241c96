"""Goal setting: when to shrink a goal, the smaller versions, the sentence and the rulers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pacewise.core.learn.goals import (
    GoalDraft,
    check_goal,
    default_by_date,
    goal_sentence,
    how_often,
    needs_shrinking,
    reflection_due,
    ruler_follow_ups,
    smaller_versions,
)

TODAY = date(2026, 6, 1)  # a Monday
WALK = GoalDraft("walk around the block", 20, "minutes", 5, date(2026, 6, 14))


@pytest.mark.parametrize(
    ("confidence", "shrink"), [(0, True), (5, True), (6, True), (7, False), (10, False)]
)
def test_needs_shrinking_below_seven(confidence, shrink):
    assert needs_shrinking(confidence) is shrink


def test_no_rating_is_not_a_reason_to_shrink():
    assert needs_shrinking(None) is False


def test_smaller_versions_halve_amount_days_and_both():
    versions = smaller_versions(WALK)
    assert [(v.amount, v.times_per_week) for v in versions] == [(10, 5), (20, 2), (10, 2)]
    assert all(v.by_date == WALK.by_date and v.what == WALK.what for v in versions)


def test_the_smallest_goal_has_no_smaller_versions():
    tiny = replace(WALK, amount=1, times_per_week=1)
    assert smaller_versions(tiny) == ()


def test_only_distinct_versions_are_offered():
    once = replace(WALK, times_per_week=1)
    assert [(v.amount, v.times_per_week) for v in smaller_versions(once)] == [(10, 1)]


@given(
    amount=st.integers(1, 500),
    times=st.integers(1, 7),
)
def test_smaller_versions_are_never_bigger_and_never_the_same(amount, times):
    goal = replace(WALK, amount=amount, times_per_week=times)
    for version in smaller_versions(goal):
        assert version != goal
        assert 1 <= version.amount <= goal.amount
        assert 1 <= version.times_per_week <= goal.times_per_week
        assert version.amount * version.times_per_week < goal.amount * goal.times_per_week


def test_goal_sentence_reads_plainly():
    assert goal_sentence(WALK) == (
        "Walk around the block, for 20 minutes, 5 times a week, until Sunday 14 June."
    )
    stretch = GoalDraft("do my knee stretches.", 1, "times", 7, date(2026, 6, 5))
    assert goal_sentence(stretch) == "Do my knee stretches, 1 time, every day, until Friday 5 June."


@pytest.mark.parametrize(
    ("times", "words"),
    [(1, "once a week"), (2, "twice a week"), (3, "3 times a week"), (7, "every day")],
)
def test_how_often(times, words):
    assert how_often(times) == words


def test_check_goal_accepts_a_specific_small_time_bound_goal():
    assert check_goal(WALK, TODAY) == ()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"what": "  "}, "what"),
        ({"amount": 0}, "amount"),
        ({"unit": "miles"}, "unit"),
        ({"times_per_week": 8}, "times_per_week"),
        ({"times_per_week": 0}, "times_per_week"),
        ({"by_date": TODAY}, "by_date"),
        ({"by_date": TODAY + timedelta(weeks=13)}, "by_date"),
    ],
)
def test_check_goal_names_the_field(changes, field):
    problems = check_goal(replace(WALK, **changes), TODAY)
    assert [p.field for p in problems] == [field]


def test_ruler_questions_use_the_persons_numbers():
    assert ruler_follow_ups("confidence", 5) == (
        "What makes it a 5 and not a 2?",
        "What would it take to move it up one, to a 6?",
    )
    assert ruler_follow_ups("importance", 8)[0] == "What makes it an 8 and not a 5?"
    assert ruler_follow_ups("importance", 1)[0] == "What makes it a 1 and not a 0?"


def test_ruler_ends():
    low = ruler_follow_ups("confidence", 0)
    assert low[0] == "What would need to happen for you to feel even a little confident?"
    assert low[1] == "What would it take to move it up one, to a 1?"
    assert ruler_follow_ups("importance", 10)[1] == "What helps you feel this way?"


def test_ruler_out_of_range_is_an_error():
    with pytest.raises(ValueError):
        ruler_follow_ups("confidence", 11)


def test_default_by_date_is_two_weeks_ahead():
    assert default_by_date(TODAY) == date(2026, 6, 15)


def test_reflection_is_offered_weekly():
    assert not reflection_due(TODAY, None, TODAY + timedelta(days=6))
    assert reflection_due(TODAY, None, TODAY + timedelta(days=7))
    assert not reflection_due(TODAY, TODAY + timedelta(days=7), TODAY + timedelta(days=10))
