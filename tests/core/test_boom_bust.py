"""Boom-bust pattern: counted on the person's own days, compared with their other days."""

from datetime import date, timedelta

from pacewise.core.insights.boom_bust import LoadDay, boom_bust

START = date(2026, 1, 1)


def diary(n=40, booms=(), harder_after=(), pain=4.0, minutes=20.0):
    days = []
    for i in range(n):
        amount = 40.0 if i in booms else minutes
        p = pain + 2.0 if (i - 1 in harder_after or i - 2 in harder_after) else pain
        days.append(LoadDay(START + timedelta(days=i), amount, p))
    return days


def test_the_hand_example_counts_booms_and_harder_days():
    booms = (10, 16, 22, 28)
    result = boom_bust(diary(booms=booms, harder_after=(10, 16, 22)))
    assert result.status == "ok"
    assert (result.harder, result.judged) == (3, 4)
    assert [b.date for b in result.booms] == [START + timedelta(days=i) for i in booms]
    assert result.booms[0].reference == 20.0 and not result.uses_plan
    assert result.message.startswith("On 3 of the 4 days you did more than 1.5x your usual amount")
    assert "no plan yet" in result.message and "not proof of cause" in result.message


def test_other_days_are_counted_for_comparison():
    result = boom_bust(diary(booms=(10, 16, 22), harder_after=(10, 16, 22)))
    # the days just before a boom's hard days are "other" days whose next two days were hard
    assert result.other_judged > 0
    assert f"After your other {result.other_judged} active days" in result.message


def test_all_and_none_are_said_in_words_not_as_counts():
    every = boom_bust(diary(booms=(10, 16, 22), harder_after=(10, 16, 22)))
    assert every.message.startswith("On all 3 days you did more than 1.5x your usual amount,")
    none = boom_bust(diary(booms=(10, 16, 22)))
    assert (none.harder, none.judged) == (0, 3)
    assert none.message.startswith(
        "None of the 3 days you did more than 1.5x your usual amount was followed by two "
        "harder days"
    )
    assert "After your other 30 active days, that never happened." in none.message


def test_a_plan_is_the_reference_when_there_is_one():
    days = [LoadDay(d.date, d.amount, d.pain, planned=10.0) for d in diary(booms=(10, 16, 22))]
    result = boom_bust(days)
    assert result.uses_plan and "your plan" in result.message
    assert len(result.booms) == 40  # every day is at least 2x a 10-minute plan


def test_too_few_days_says_how_many_more():
    result = boom_bust(diary(n=10))
    assert result.status == "not_enough_data" and "about 4 more days" in result.message


def test_no_booms_says_there_is_nothing_to_describe():
    result = boom_bust(diary())
    assert result.status == "no_booms" and result.harder == 0
    assert "no boom-bust pattern" in result.message
