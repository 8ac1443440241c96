"""Each triage rule, with figures worked out by hand (core.care.triage)."""

from datetime import date, timedelta

from pacewise.core.care.triage import CaseFacts, Overdue, Worse, reasons
from pacewise.core.facts import ActivitySession, DayRecord

TODAY = date(2026, 12, 7)


def ago(n):
    return TODAY - timedelta(days=n)


def day(n, pain=3.0, flare=False, minutes=10.0):
    return DayRecord(ago(n), avg_pain=pain, morning_pain=pain, flare=flare,
                     sessions=(ActivitySession("walk", minutes),))  # fmt: skip


def kinds(facts):
    return [r.kind for r in reasons(facts)]


def test_a_steady_diary_gives_no_reason():
    assert reasons(CaseFacts(TODAY, [day(n) for n in range(35, 0, -1)])) == []


def test_pain_rising_by_two_points_over_the_week_names_the_figures_and_where_it_began():
    days = [day(n) for n in range(35, 7, -1)] + [day(n, pain=5.5) for n in range(7, 0, -1)]
    [reason] = reasons(CaseFacts(TODAY, days))
    assert reason.kind == "pain_rising"
    assert reason.text == (
        # the 4 weeks before hold the first high day: (27 x 3 + 5.5) / 28 = 3.1
        "5.5/10 on average over the last 7 days, against 3.1 over the 4 weeks before."
    )
    # the rule reads the 7 days up to a day: it first held when 3 high days were in them
    # ((4 x 3 + 3 x 5.5) / 7 = 4.07: a point and 36% up; 2 high days, 3.71, are not), the
    # day the third high day was logged
    assert reason.episode == ago(5)


def test_a_rise_of_30_percent_counts_and_a_smaller_one_or_one_under_a_point_does_not():
    def rise(before, after):
        days = [day(n, pain=before) for n in range(35, 7, -1)]
        return kinds(CaseFacts(TODAY, days + [day(n, pain=after) for n in range(7, 0, -1)]))

    assert rise(4.8, 6.4) == ["pain_rising"]  # 1.6 points, 33%
    assert rise(5.0, 6.2) == []  # 1.2 points, 24%
    assert rise(1.0, 1.8) == []  # 80%, but under a point
    assert rise(7.5, 9.8) == ["pain_rising"]  # 2.2 points against 7.58 (the first high day
    # is in the 4 weeks before), 29%


def test_a_rise_with_few_ratings_is_not_a_reason():
    sparse = [day(n) for n in range(35, 7, -1)] + [day(n, pain=8) for n in (3, 1)]
    assert kinds(CaseFacts(TODAY, sparse)) == []


def test_stopped_logging_after_a_regular_month():
    days = [day(n) for n in range(30, 8, -1)]  # last entry 9 days ago
    [reason] = reasons(CaseFacts(TODAY, days))
    assert reason.kind == "drop_off" and reason.episode == ago(9)
    assert reason.text.startswith("No entries for 8 days, after 22 days logged")


def test_a_person_who_logs_a_few_days_a_month_has_not_dropped_off():
    days = [day(n) for n in (30, 24, 17, 9)]
    assert kinds(CaseFacts(TODAY, days)) == []


def test_a_flare_of_two_weeks_is_listed_and_a_short_one_is_not():
    days = [day(n) for n in range(35, 0, -1)]
    assert kinds(CaseFacts(TODAY, days, flare_days=13)) == []
    [reason] = reasons(CaseFacts(TODAY, days, flare_days=14))
    assert reason.kind == "long_flare" and reason.episode == ago(13)
    assert reason.text.startswith("In a flare for 14 days.")


def test_a_flare_longer_than_their_own_usual_flares_is_listed():
    days = []
    for start in (80, 60, 40):  # three earlier flares of 3 days
        days += [day(start - k, pain=7, flare=True) for k in range(3)]
    days += [day(n, pain=7, flare=True) for n in range(6, -1, -1)]  # 7 days now
    [reason] = reasons(CaseFacts(TODAY, days, flare_days=7))
    assert reason.text.startswith(
        "In a flare for 7 days (their flares usually last about 3 days)."
    )


def test_questionnaires_worse_and_overdue_are_ordered_after_pain():
    days = [day(n) for n in range(35, 7, -1)] + [day(n, pain=6) for n in range(7, 0, -1)]
    facts = CaseFacts(
        TODAY,
        days,
        overdue=(Overdue("PEG (after 1 month)", ago(9)), Overdue("GAD-7 (after 1 month)", ago(2))),
        worse=(Worse("PHQ-9", 6, 12, 5, ago(20)),),
    )
    found = reasons(facts)
    kinds_found = [r.kind for r in found]
    assert kinds_found == ["pain_rising", "questionnaire_worse", "questionnaire_overdue"]
    assert found[1].text == (
        "PHQ-9 went from 6 to 12 (a meaningful change is 5)."
    )
    assert found[2].text == "PEG (after 1 month), due 28 Nov."


def plan_facts(moved: dict[int, float], planned: float = 10.0, span: int = 35) -> CaseFacts:
    days = [day(n) for n in range(span, -1, -1)]
    return CaseFacts(
        TODAY, days,
        planned={ago(n): planned for n in range(span, -1, -1)},
        moved={ago(n): m for n, m in moved.items()},
    )  # fmt: skip


def test_moving_well_above_the_plan_for_two_weeks_is_a_reason_with_its_figures():
    facts = plan_facts({n: 25.0 if n % 2 == 0 else 10.0 for n in range(14)})  # 7 of 14 big
    [reason] = [r for r in reasons(facts) if r.kind == "far_from_plan"]
    assert "well above the plan: on 7 of 14 logged days" in reason.text and "2.5×" in reason.text
    assert reason.episode == ago(12)  # the run of big days began there


def test_moving_well_below_the_plan_is_a_reason_too():
    facts = plan_facts({n: 3.0 for n in range(0, 14, 2)})  # 7 logged days, each 30%
    [reason] = [r for r in reasons(facts) if r.kind == "far_from_plan"]
    assert "well below the plan" in reason.text and "30% of what was asked" in reason.text


def test_days_without_movement_logged_are_not_read_as_no_movement():
    morning_only = plan_facts({})  # check-ins only: nothing to judge
    few = plan_facts({0: 3.0, 4: 3.0, 9: 3.0})  # three logged days: too few
    close = plan_facts({n: 11.0 for n in range(14)})  # near the plan
    for facts in (morning_only, few, close):
        assert "far_from_plan" not in kinds(facts)
    no_plan = CaseFacts(TODAY, [day(n) for n in range(20)], moved={ago(n): 30.0 for n in range(14)})
    assert "far_from_plan" not in kinds(no_plan)


def test_the_episode_stays_put_as_the_days_go_by():
    first = plan_facts({n: 25.0 for n in range(2, 14)})
    later = CaseFacts(
        TODAY + timedelta(days=1), first.days, planned=first.planned,
        moved={**first.moved, TODAY + timedelta(days=1): 25.0},
    )  # fmt: skip
    one = [r for r in reasons(first) if r.kind == "far_from_plan"][0]
    two = [r for r in reasons(later) if r.kind == "far_from_plan"][0]
    assert one.episode == two.episode


def test_a_higher_earned_flare_outlook_is_a_reason_with_its_figures_and_signals():
    from pacewise.core.care.triage import OutlookFacts

    def facts(level="higher", earned=True):
        outlook = OutlookFacts(level, earned, 0.24, 0.09, ("sleep_debt", "spike"), ago(1))
        return CaseFacts(TODAY, [day(n) for n in range(10)], outlook=outlook)

    [reason] = [r for r in reasons(facts()) if r.kind == "high_outlook"]
    assert "About 24 in 100" in reason.text and "their usual: about 9 in 100" in reason.text
    assert "less sleep than usual" in reason.text and reason.episode == ago(1)
    assert "high_outlook" not in kinds(facts(earned=False))  # a number not yet earned
    assert "high_outlook" not in kinds(facts(level="a little higher"))
