"""A new person's plan grows from day one: the reported usual amount is the prior, short days
with settled symptoms do not lower it, the symptoms' answer does, and a green week's step
follows the tolerance their own diary shows (core.pacing.tolerance), saying which evidence
moved it."""

from dataclasses import replace
from datetime import date, timedelta

from pacewise.core.diary import Diary, Usual
from pacewise.core.facts import ActivitySession, DayRecord, PlanActivity, Profile
from pacewise.core.pacing.day_plan import plan_day
from pacewise.core.pacing.tolerance import learn

WALK = PlanActivity("walk", "Walking", "minutes", min_bout=2, starting_amount=20)
START = date(2025, 3, 3)
NEW = Profile(activities=(WALK,))


def day(n, minutes, pain=3.0, during=None, flare=False):
    sessions = (ActivitySession("walk", minutes, pain_during=during),) if minutes else ()
    return DayRecord(START + timedelta(days=n), avg_pain=pain, morning_pain=pain, flare=flare,
                     sessions=sessions)  # fmt: skip


def at(n):
    return START + timedelta(days=n)


def test_day_one_asks_for_80_percent_of_the_reported_usual_amount():
    assert plan_day(NEW, [], at(0)).target("walk").target == 16


def test_a_short_busy_day_with_settled_symptoms_does_not_lower_the_next_suggestion():
    # the traced case: asked 16, did 6.5 on a busy day, pain unchanged
    history = [day(0, 6.5)]
    assert plan_day(NEW, history, at(1)).target("walk").target == 16
    history += [day(1, 5), day(2, 16), day(3, 4)]
    assert plan_day(NEW, history, at(4)).target("walk").quota == 16


def test_the_first_plan_starts_from_the_reported_amount_when_the_person_followed_the_suggestion():
    history = [day(n, 16) for n in range(7)]
    plan = plan_day(NEW, history, at(7))
    assert plan.phase == "building" and plan.target("walk").quota == 16


def test_the_baseline_learns_up_from_fuller_days_that_went_well():
    history = [day(n, 30) for n in range(7)]
    assert plan_day(NEW, history, at(7)).target("walk").quota == 24


def test_symptoms_that_answer_a_load_bring_the_reported_amount_down_to_it():
    # 12 a day goes well; two days of 18 are followed by mornings 3 points up
    history = []
    for n in range(10):
        big = n in (1, 4)
        history.append(day(n, 18 if big else 12, pain=6.0 if n in (2, 5) else 3.0))
    plan = plan_day(NEW, history, at(10))
    assert plan.target("walk").quota == 14.4  # 80% of the 18 that symptoms answered


def test_a_response_after_an_ordinary_day_is_not_laid_at_the_loads_door():
    # high mornings after days no bigger than the days that went well: noise, not the load
    usual = Usual(pain=3.0)
    history = [day(n, 10, pain=6.0 if n in (3, 6) else 3.0) for n in range(8)]
    shown = learn("walk", history, Diary(history, at(8)), usual, False, reported=20)
    assert shown.answered is None and shown.settled == 20 and shown.from_report


def test_a_green_week_below_what_went_well_takes_a_bigger_step_and_says_why():
    # a reported 10, a baseline at 10 (plan 8), then a plan week of 10 minutes a day that
    # went well: 8 x 1.2 = 9.6 stays at or below 10, so the step is doubled
    walk = replace(WALK, starting_amount=10)
    profile = Profile(activities=(walk,))
    history = [day(n, 10) for n in range(14)]
    plan = plan_day(profile, history, at(14))
    assert plan.target("walk").quota == 9.6
    assert "So your plan goes up 20%." in plan.reasons
    assert any("days of 10 minutes of walking or more have gone well" in r for r in plan.reasons)


def test_the_ordinary_step_when_the_plan_already_matches_what_went_well():
    walk = replace(WALK, starting_amount=10)
    profile = Profile(activities=(walk,))
    history = [day(n, 10) for n in range(7)] + [day(n, 8) for n in range(7, 14)]
    plan = plan_day(profile, history, at(14))
    assert plan.target("walk").quota == 9.6  # the reported 10 still stands above 8 x 1.2
    history = [day(n, 10) for n in range(7)] + [day(n, 8) for n in range(7, 14)]
    plan = plan_day(Profile(activities=(replace(WALK, starting_amount=None),)), history, at(14))
    assert plan.target("walk").quota == 8.8
    assert "So your plan goes up 10%." in plan.reasons


def test_the_step_is_halved_near_a_load_the_symptoms_answered():
    profile = Profile(activities=(replace(WALK, starting_amount=None),))
    history = [day(n, 10) for n in range(7)]  # plan 8
    # a plan week of 8 a day, but two days of 9 each followed by a high morning (amber) ...
    for n in range(7, 14):
        history.append(day(n, 9 if n in (8, 11) else 8, pain=6.0 if n in (9, 12) else 3.0))
    # ... then a calm week at the plan: green, and the step comes near the answered 9
    history += [day(n, 8) for n in range(14, 21)]
    plan = plan_day(profile, history, at(21))
    assert plan.last_review.colour == "green" and plan.target("walk").quota == 8.4
    assert "So your plan goes up 5%." in plan.reasons
    assert any(
        "After about 9 minutes of walking your symptoms have answered before" in r
        for r in plan.reasons
    )


def test_a_smaller_step_chosen_after_a_bigger_one_says_only_what_was_chosen():
    from pacewise.core.facts import Decision

    walk = replace(WALK, starting_amount=10)
    history = [day(n, 10) for n in range(14)]
    smaller = Decision("smaller", 0.5, 5)
    profile = Profile(activities=(walk,), decisions={at(7): smaller})
    plan = plan_day(profile, history, at(14))
    assert plan.target("walk").quota == 8.8  # half of the 20% step
    assert "You chose a smaller step this week: up 10% instead of 20%." in " ".join(plan.reasons)
    assert not any("The step is bigger" in r for r in plan.reasons)
