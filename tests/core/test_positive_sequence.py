"""The positive-psychology sequence: its order, and the rule that the hopeful future comes last."""

from __future__ import annotations

import pytest

from pacewise.core.learn.positive import (
    KEYS,
    MIN_PRACTICE,
    MODULES,
    is_open,
    module,
    module_for_week,
    still_to_practise,
)

EARLIER = KEYS[:-1]


def test_the_order_is_the_tested_one():
    assert KEYS == (
        "self-compassion",
        "gratitude",
        "savouring",
        "strengths",
        "kindness",
        "best-self",
    )


@pytest.mark.parametrize(
    ("week", "key"),
    [(1, "self-compassion"), (2, "self-compassion"), (3, "gratitude"), (4, "savouring"),
     (5, "strengths"), (6, "kindness"), (7, "best-self"), (8, "best-self"), (12, "best-self"),
     (0, "self-compassion")],
)  # fmt: skip
def test_module_for_week(week, key):
    assert module_for_week(week).key == key


def test_weeks_cover_eight_without_gaps():
    weeks = [w for m in MODULES for w in range(m.first_week, m.last_week + 1)]
    assert weeks == list(range(1, 9))


def test_self_compassion_is_always_open():
    assert is_open("self-compassion", {}, 1)


def test_best_self_stays_closed_in_its_week_until_the_others_are_practised():
    counts = {k: MIN_PRACTICE for k in EARLIER}
    assert is_open("best-self", counts, 7)
    for missing in EARLIER:
        short = {**counts, missing: MIN_PRACTICE - 1}
        assert not is_open("best-self", short, 8)
        assert [m.key for m in still_to_practise("best-self", short)] == [missing]


def test_best_self_does_not_open_from_the_calendar_alone():
    assert not is_open("best-self", {}, 30)


def test_best_self_can_open_early_when_everything_was_practised():
    assert is_open("best-self", {k: MIN_PRACTICE for k in EARLIER}, 2)


def test_middle_exercises_open_in_their_week():
    assert not is_open("savouring", {}, 3)
    assert is_open("savouring", {}, 4)


def test_middle_exercises_open_early_after_the_one_before_is_practised():
    assert not is_open("gratitude", {"self-compassion": MIN_PRACTICE - 1}, 1)
    assert is_open("gratitude", {"self-compassion": MIN_PRACTICE}, 1)
    assert [m.key for m in still_to_practise("gratitude", {})] == ["self-compassion"]


def test_every_exercise_has_our_own_short_instructions():
    for m in MODULES:
        assert 2 <= len(m.instructions) <= 5
        assert m.prompt and m.why and m.title
    assert module("kindness").title == "Small kindnesses"
