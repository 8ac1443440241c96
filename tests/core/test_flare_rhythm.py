"""Flares on a rhythm are expected: the plan holds in the week before the next one and steps
up after it (core.flare_rhythm); a loose or short history is no rhythm."""

from datetime import date, timedelta

from pacewise.core.flare_rhythm import find_rhythm
from pacewise.core.pacing import plan_day
from pacewise.core.records import ActivitySession, DayRecord, PlanActivity, Profile

WALK = PlanActivity("walk", "Walking", "minutes", min_bout=2)
PROFILE = Profile(activities=(WALK,))
START = date(2025, 1, 6)  # a Monday
EVERY = 28


def at(n):
    return START + timedelta(days=n)


def diary(days, flare_starts):
    flare = {s + k for s in flare_starts for k in range(3)}
    out = []
    for n in range(days):
        pain, minutes = (6.0, 5.0) if n in flare else (3.0, 10.0)
        walk = (ActivitySession("walk", minutes),)
        out.append(DayRecord(at(n), avg_pain=pain, morning_pain=pain, flare=n in flare,
                             sessions=walk))  # fmt: skip
    return out


def test_flares_every_four_weeks_are_a_rhythm_and_the_next_one_is_expected():
    starts = [10, 38, 66, 94]
    rhythm = find_rhythm({at(s + k) for s in starts for k in range(3)}, at(100))
    assert rhythm is not None and rhythm.every == EVERY
    assert rhythm.last == at(94) and rhythm.next == at(122)


def test_irregular_or_too_few_flares_are_no_rhythm():
    assert find_rhythm({at(10), at(38)}, at(60)) is None  # two onsets
    assert find_rhythm({at(10), at(30), at(70), at(80)}, at(90)) is None  # 20, 40, 10 apart


def test_the_week_before_an_expected_flare_holds_and_says_why():
    history = diary(119, [10, 38, 66, 94])  # flares begin on Thursdays, 28 days apart
    plan = plan_day(PROFILE, history, at(119))  # Monday 5 May: the next is due Thursday 8 May
    assert plan.week_start == at(119) and plan.last_review.colour == "green"
    assert plan.last_review.change == "hold" and plan.phase == "holding"
    assert (
        "Your flares have come about every 28 days (the last began on Thursday 10 April), so "
        "another may come around Thursday 8 May. We'll keep your plan the same this week and "
        "take the next step after it." in plan.reasons
    )


def test_without_the_rhythm_the_same_green_week_steps_up():
    history = diary(119, [10, 38, 80, 94])  # 28, 42 and 14 days apart: no rhythm
    plan = plan_day(PROFILE, history, at(119))
    assert not any("Your flares have come about every" in r for r in plan.reasons)
