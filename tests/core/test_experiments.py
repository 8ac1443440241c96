"""N-of-1 self-experiments: a seeded, balanced design and an analysis that respects it."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pacewise.core.insights.experiments import (
    analyse,
    block_summaries,
    design,
    phase_on,
    randomisation_p,
)

START = date(2026, 3, 2)


def test_the_same_seed_gives_the_same_schedule_and_each_pair_has_both_phases():
    a, b = design("coffee", START, seed=42), design("coffee", START, seed=42)
    assert a == b
    blocks = a.blocks()
    assert len(blocks) == 12 and a.end == START + timedelta(days=47)
    for i in range(6):
        assert {blocks[2 * i][2], blocks[2 * i + 1][2]} == {True, False}


def test_the_phase_on_a_day_says_with_or_without_and_until_when():
    d = design("coffee", START, seed=1, pairs=2, block_days=4)
    first_with = d.with_first[0]
    phase = phase_on(d, START + timedelta(days=1))
    assert phase.status == "running" and phase.block == 1 and phase.day_in_block == 2
    assert phase.with_factor is first_with
    assert phase.block_ends == START + timedelta(days=3)
    assert "block 1 of 4" in phase.message
    assert phase_on(d, START - timedelta(days=1)).status == "not_started"
    assert phase_on(d, d.end + timedelta(days=1)).status == "finished"


def test_randomisation_p_on_a_hand_example():
    # 3 pairs, all +1: of the 8 sign patterns only (+,+,+) and (-,-,-) are as extreme
    assert randomisation_p([1.0, 1.0, 1.0]) == pytest.approx(2 / 8)
    # (2, 1, -1): sum 2; the signed sums of 2, 1, 1 are 4, 2, 2, 0, 0, -2, -2, -4: 6 reach |2|
    assert randomisation_p([2.0, 1.0, -1.0]) == pytest.approx(6 / 8)


@given(st.lists(st.floats(-5, 5, allow_nan=False), min_size=1, max_size=8))
def test_randomisation_p_is_a_probability_and_at_least_the_smallest_possible(diffs):
    p = randomisation_p(diffs)
    assert 2 / 2 ** len(diffs) - 1e-12 <= p <= 1.0 or all(x == 0 for x in diffs)


def _pain_for(d, with_effect: float, base: float = 5.0):
    pain = {}
    for begin, last, is_with in d.blocks():
        day = begin
        while day <= last:
            pain[day] = base + (with_effect if is_with else 0.0) + (0.3 if day.day % 2 else -0.3)
            day += timedelta(days=1)
    return pain


def test_a_clear_difference_is_found_with_its_size_and_a_small_p():
    d = design("coffee", START, seed=3)  # 6 pairs of 4 days
    result = analyse(d, _pain_for(d, 2.0))
    assert result.status == "ok" and result.pairs_used == 6
    assert result.effect == pytest.approx(2.0, abs=0.35)
    assert result.p == pytest.approx(2 / 64)
    assert "points higher" in result.message and "rarely" in result.message
    assert "over 6 pairs of phases." in result.message
    assert "cannot show" in result.limits


def test_the_interval_is_said_in_the_sentence_s_own_direction():
    d = design("warm bath", START, seed=3)
    lower = analyse(d, _pain_for(d, -2.0))
    assert lower.ci_high < 0
    near, far = -lower.ci_high, -lower.ci_low
    expected = f"than on the days without (likely {near:.1f} to {far:.1f} points lower)"
    assert expected in lower.message
    pain = _pain_for(d, 0.0)
    for i, (begin, _last, is_with) in enumerate(d.blocks()):  # no difference, some noise
        for k in range(d.block_days):
            pain[begin + timedelta(days=k)] += (0.4 if is_with else -0.3) * (-1) ** (i // 2)
    unclear = analyse(d, pain)
    assert unclear.ci_low < 0 < unclear.ci_high
    assert (
        f"likely anywhere from {-unclear.ci_low:.1f} points lower to "
        f"{unclear.ci_high:.1f} points higher" in unclear.message
    )


def test_too_few_pairs_says_so_even_for_a_big_difference():
    d = design("coffee", START, seed=3, pairs=2, block_days=7)
    result = analyse(d, _pain_for(d, 3.0))
    assert result.status == "not_enough_data"


def test_few_pairs_say_that_chance_cannot_be_ruled_out():
    d = design("coffee", START, seed=3, pairs=3, block_days=7)
    result = analyse(d, _pain_for(d, 3.0))
    assert result.smallest_possible_p == pytest.approx(0.25)
    assert "could not rule out chance" in result.message


def test_the_wash_out_day_is_not_counted_and_blank_days_are_skipped():
    d = design("coffee", START, seed=5, pairs=3, block_days=4)
    pain = _pain_for(d, 0.0)
    for begin, _last, _w in d.blocks():
        pain[begin] = 10.0  # a wash-out day: ignored
    pain[d.blocks()[0][0] + timedelta(days=2)] = None
    result = analyse(d, pain)
    assert result.effect == pytest.approx(0.0, abs=0.5)


def test_adherence_counts_logged_days_that_followed_the_schedule():
    d = design("coffee", START, seed=5, pairs=3, block_days=4)
    followed = {}
    for begin, last, is_with in d.blocks():
        day = begin
        while day <= last:
            followed[day] = is_with
            day += timedelta(days=1)
    followed[START] = not followed[START]
    result = analyse(d, _pain_for(d, 1.0), followed)
    assert result.adherence == pytest.approx(23 / 24)


def test_each_block_reports_its_counted_days_average_pain_and_how_it_was_followed():
    d = design("coffee", START, seed=5, pairs=2, block_days=4)
    blocks = d.blocks()
    pain = {}
    for n, (begin, _last, _w) in enumerate(blocks):
        pain[begin] = 10.0  # the wash-out day: never counted
        for k in (1, 2, 3):
            pain[begin + timedelta(days=k)] = float(n + k)  # average n + 2
    second = blocks[1][0]
    pain[second + timedelta(days=2)] = pain[second + timedelta(days=3)] = None  # 1 day left
    first, _, first_with = blocks[0]
    followed = {first + timedelta(days=k): first_with for k in range(3)}
    followed[first + timedelta(days=3)] = not first_with
    summaries = block_summaries(d, pain, followed)
    assert [s.counted_days for s in summaries] == [3, 1, 3, 3]
    assert [s.pain for s in summaries] == [2.0, None, 4.0, 5.0]
    assert summaries[0].followed == pytest.approx(3 / 4) and summaries[1].followed is None
    assert analyse(d, pain, followed).blocks == tuple(summaries)
