"""The variant patient model: deterministic, paired across strategies, usable diaries."""

import random

from pacewise.simulation.model_b import _stimulus, draw_variant_person, run_variant_person
from pacewise.simulation.strategies import ANCHORS, engine, rest_when_it_hurts


def test_same_seed_gives_the_same_run():
    person = draw_variant_person(random.Random("p"))
    assert run_variant_person(person, engine, 21, seed=3) == run_variant_person(
        person, engine, 21, seed=3
    )


def test_strategies_meet_the_same_sleep():
    person = draw_variant_person(random.Random("p"))
    a = run_variant_person(person, rest_when_it_hurts, 14, seed=5)
    b = run_variant_person(person, ANCHORS["boom-bust"], 14, seed=5)
    sleep_a = {r.date: r.sleep_hours for r in a.history}
    sleep_b = {r.date: r.sleep_hours for r in b.history}
    shared = [d for d in sleep_a if d in sleep_b and d >= a.start]
    assert shared and all(sleep_a[d] == sleep_b[d] for d in shared if sleep_a[d] and sleep_b[d])


def test_diary_has_gaps_that_come_in_runs_and_ends_before_the_last_day():
    person = draw_variant_person(random.Random("gaps"))
    run = run_variant_person(person, engine, 70, seed=1)
    assert len(run.history) < len(run.truth)
    assert all(a.date < b.date for a, b in zip(run.history, run.history[1:], strict=False))
    assert run.profile.fatigue_dominant == person.fatigue_dominant


def test_stimulus_is_full_near_capacity_and_negative_well_above_it():
    assert _stimulus(0.3) == 0.0
    assert _stimulus(0.95) == 1.0
    assert _stimulus(1.6) < 0
