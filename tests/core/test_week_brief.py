"""The week in brief: plain sentences, honest comparisons, no scolding."""

from datetime import date, timedelta

from pacewise.core.day_summary import DaySummary
from pacewise.core.insights.week_brief import week_brief

END = date(2026, 12, 4)


def day(offset, pain=None, minutes=0.0, sleep=None, flare=False, checkins=1):
    return DaySummary(
        date=END - timedelta(days=offset), avg_pain=pain, morning_pain=None, fatigue=None,
        sleep_hours=sleep, sleep_quality=None, stress=None, mood=None, flare=flare,
        minutes=minutes, checkins=checkins, sessions=(),
    )  # fmt: skip


def test_a_full_week_against_the_one_before():
    days = [day(i, pain=4.0, minutes=20, sleep=7.0) for i in range(7)]
    days += [day(i, pain=6.5, minutes=10, sleep=6.0, flare=i == 9) for i in range(7, 14)]
    plan = {END - timedelta(days=i): 25.0 for i in range(14)}
    brief = week_brief(days, END, plan)
    assert brief.start == END - timedelta(days=6)
    assert (brief.logged_days, brief.pain, brief.pain_before) == (7, 4.0, 6.5)
    assert brief.comparable
    assert (brief.minutes, brief.planned, brief.flare_days) == (140, 175, 0)
    assert brief.sentences == (
        "Logged on 7 of the last 7 days.",
        "Average pain: 4.0, clearly lower than the week before (6.5).",
        "Movement: 140 minutes, against a plan of 175.",
        "Sleep: 7.0 hours a night on the nights logged.",
    )


def test_changes_under_a_point_are_about_the_same_and_one_to_two_are_a_little():
    def brief(now, before):
        days = [day(i, pain=now) for i in range(3)] + [day(i, pain=before) for i in range(7, 10)]
        return week_brief(days, END).sentences[1]

    assert brief(5.0, 5.9) == "Average pain: 5.0, about the same as the week before (5.9)."
    assert brief(6.2, 5.0) == "Average pain: 6.2, a little higher than the week before (5.0)."
    assert brief(3.0, 5.0) == "Average pain: 3.0, clearly lower than the week before (5.0)."


def test_too_few_days_are_not_compared_and_missed_days_are_only_counted():
    days = [day(0, pain=7.0, flare=True), day(3, pain=6.0)] + [day(i, pain=3.0) for i in (8, 9, 10)]
    brief = week_brief(days, END)
    assert not brief.comparable
    assert brief.sentences == (
        "Logged on 2 of the last 7 days.",
        "Average pain: 6.5 (too few days logged in one of the two weeks to compare them).",
        "Flare days: 1.",
    )


def test_an_empty_week_says_only_how_many_days_were_logged():
    assert week_brief([], END).sentences == ("Logged on 0 of the last 7 days.",)


def test_usual_movement_is_the_median_of_days_with_movement_once_there_are_five():
    from pacewise.core.insights.boom_bust import usual_amount

    assert usual_amount([None, 10, 0, 20, None, 30, 40]) is None  # four days with movement
    assert usual_amount([None, 10, 0, 20, 25, 30, 40, None]) == 25  # unlogged days don't count


def test_flare_days_make_runs_of_consecutive_dates_in_any_order():
    from pacewise.core.pacing.flare import declared_runs as flare_runs

    days = [day(0, flare=True), day(5, flare=True), day(1, flare=True), day(3, flare=True)]
    days.append(day(2))  # a calm day between ends a run
    assert flare_runs(days) == [
        (END - timedelta(days=5), END - timedelta(days=5)),
        (END - timedelta(days=3), END - timedelta(days=3)),
        (END - timedelta(days=1), END),
    ]
    assert flare_runs([day(0)]) == []
