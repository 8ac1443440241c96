"""Flares on a rhythm are expected: the plan holds in the week before the next one and steps
up after it (core.pacing.flare_rhythm); a loose or short history is no rhythm."""

from dataclasses import replace
from datetime import date, timedelta

from pacewise.core.facts import ActivitySession, DayRecord, PlanActivity, Profile
from pacewise.core.pacing.day_plan import plan_day
from pacewise.core.pacing.flare_rhythm import find_cycle_rhythm, find_rhythm

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


def cycle_diary(days, period_starts, flare_starts):
    history = diary(days, flare_starts)
    return [replace(r, cycle_start=n in period_starts) for n, r in enumerate(history)]


def test_flares_that_start_two_days_before_a_period_are_expected_before_the_next_one():
    periods = [0, 29, 57, 86]  # cycles of 29, 28 and 29 days
    flares = [27, 55]  # two days before the second and third periods
    flare_days = {at(s + k) for s in flares for k in range(3)}
    rhythm = find_cycle_rhythm([at(n) for n in periods], flare_days, at(100))
    assert rhythm is not None and rhythm.offset == -2 and rhythm.every == 29
    assert rhythm.next == at(86 + 29 - 2)  # the next period due on day 115
    assert rhythm.because() == (
        "Your flares have tended to start about 2 days before your period starts (your cycle "
        "is about 29 days)"
    )


def test_one_flare_near_a_period_is_not_yet_a_rhythm():
    assert find_cycle_rhythm([at(0), at(28), at(56)], {at(26), at(27)}, at(60)) is None


def test_a_tagged_cycle_holds_the_green_week_before_the_expected_flare():
    periods = [0, 28, 56, 84, 112]  # tagged "period" on each first day
    # flares 2 days before periods 2 and 3; the next period is due on day 140 (a Monday), so
    # a flare is expected on day 138, in the plan week that begins on day 133
    plan = plan_day(PROFILE, cycle_diary(133, periods, [26, 54]), at(133))
    assert plan.last_review.change == "hold"
    assert "Your flares have tended to start about 2 days before your period starts" in " ".join(
        plan.reasons
    )
