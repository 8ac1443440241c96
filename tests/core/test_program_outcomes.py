"""A clinic's program outcomes: shares with Wilson intervals, small cells hidden, each figure
counted only over people who could have given it."""

from datetime import date, timedelta

import pytest

from pacewise.core.care.program_outcomes import (
    PersonOutcome,
    flare_rate,
    median_cell,
    movement_ratio,
    outcomes,
    share,
)

START = date(2026, 1, 5)
PEG = [("peg", "PEG")]


def person(days_in: int, *, better=False, answered=True, logged_every=1, flare_every=0,
           minutes=(10, 20)) -> PersonOutcome:  # fmt: skip
    today = START + timedelta(days=days_in)
    logged = {START + timedelta(d) for d in range(0, days_in + 1, logged_every)}
    flare = {d for d in logged if flare_every and (d - START).days % flare_every == 0}
    early, late = minutes
    mins = {d: float(early if (d - START).days < 14 else late) for d in logged}
    occasions = [o for o, w in (("week4", 28), ("week12", 84), ("week26", 182)) if days_in >= w]
    keys = frozenset(("peg", o) for o in occasions) if answered else frozenset()
    return PersonOutcome(START, today, answered=keys, compared=keys,
                         better=keys if better else frozenset(), logged=frozenset(logged),
                         flare=frozenset(flare), minutes=mins)  # fmt: skip


def test_a_share_has_a_wilson_interval_and_small_cells_are_hidden():
    cell = share(10, 20)
    assert cell.value == 0.5 and cell.low == pytest.approx(0.299, abs=0.002)
    assert cell.high == pytest.approx(0.701, abs=0.002)
    assert share(3, 4).hidden and share(3, 40).hidden  # a group or a count of under 5
    assert not share(0, 12).hidden and share(0, 12).value == 0.0


def test_the_median_interval_holds_the_median_and_widens_for_few_people():
    cell = median_cell([0.8, 0.9, 1.0, 1.1, 1.2])
    assert (cell.low, cell.value, cell.high) == (0.8, 1.0, 1.2)
    many = median_cell([i / 100 for i in range(100)])
    assert many.low < many.value < many.high and many.high - many.low < 0.25
    assert median_cell([1.0] * 4).hidden


def test_only_people_who_reached_a_milestone_count_at_it():
    people = [person(100, better=i < 6) for i in range(10)] + [person(20) for _ in range(7)]
    rows = {r.measure: r for r in outcomes(people, PEG)}
    month1, month3, _ = rows["better:peg"].cells
    assert (month1.count, month1.n) == (6, 10)  # the 7 newcomers have not reached a month
    assert month3.hidden is False and month3.n == 10
    answered1 = rows["answered:peg"].cells[0]
    assert answered1.value == 1.0 and answered1.n == 10


def test_answering_counts_only_once_the_window_has_closed():
    people = [person(30, answered=False) for _ in range(8)]  # day 30: still open until 42
    answered1 = {r.measure: r for r in outcomes(people, PEG)}["answered:peg"].cells[0]
    assert answered1.n == 0 and answered1.hidden


def test_flare_days_are_per_logged_day_so_a_few_days_a_week_logger_counts_fairly():
    daily = person(60, flare_every=5)
    few = person(60, logged_every=3, flare_every=6)  # 10 logged days, half of them flares
    assert flare_rate(daily, 28) == pytest.approx(6.0, abs=1.1)
    assert flare_rate(few, 28) == pytest.approx(15.0)
    sparse = person(60, logged_every=5)  # 6 days in a month: too few to say
    assert flare_rate(sparse, 28) is None


def test_movement_is_the_ratio_to_the_first_two_weeks():
    assert movement_ratio(person(60, minutes=(10, 25)), 28) == pytest.approx(2.5)
    assert movement_ratio(person(60, minutes=(0, 25)), 28) is None  # nothing to compare with
    assert movement_ratio(person(10), 28) is None
