"""The simulator: deterministic, paired across strategies, and producing usable diaries."""

import random
from datetime import date

from pacewise.core.pacing.day_plan import plan_day
from pacewise.simulation.model_a import (
    consistency,
    demo_history,
    demo_profile,
    draw_person,
    run_person,
    stimulus,
)
from pacewise.simulation.strategies import ANCHORS, engine, rest_when_it_hurts

TODAY = date(2026, 3, 1)


def test_same_seed_gives_the_same_run():
    person = draw_person(random.Random("p"))
    assert run_person(person, engine, 21, seed=3) == run_person(person, engine, 21, seed=3)


def test_strategies_share_the_same_sleep_and_weather():
    person = draw_person(random.Random("p"))
    a = run_person(person, rest_when_it_hurts, 14, seed=5)
    b = run_person(person, ANCHORS["boom-bust"], 14, seed=5)
    first_a = next(r for r in a.history if r.date >= a.start)
    first_b = next(r for r in b.history if r.date == first_a.date)
    assert first_a.sleep_hours == first_b.sleep_hours


def test_history_has_gaps_and_ends_before_today():
    history = demo_history(seed=1, days=60, today=TODAY)
    assert 30 < len(history) < 60
    assert history[-1].date < TODAY
    assert all(a.date < b.date for a, b in zip(history, history[1:], strict=False))


def test_demo_kinds_give_plans_without_error():
    for kind in ("typical", "fatigue", "boom_bust", "new"):
        history = demo_history(seed=2, days=40, today=TODAY, kind=kind)
        plan = plan_day(demo_profile(kind), history, TODAY)
        assert plan.targets
    assert plan_day(demo_profile("new"), demo_history(2, 40, TODAY, "new"), TODAY).phase == \
        "baseline"


def test_fatigue_dominant_subtype_is_flagged_in_the_profile():
    person = draw_person(random.Random("x"), fatigue_dominant=True)
    assert run_person(person, engine, 7, seed=1).profile.fatigue_dominant


def test_stimulus_is_full_near_capacity_and_negative_far_above_it():
    assert stimulus([0.2] * 7) == 0.0
    assert stimulus([0.9] * 7) == 1.0
    assert stimulus([1.6] * 7) < 0


def test_uneven_load_adapts_less_than_steady_load():
    assert consistency([0.8] * 7) > 0.99
    assert consistency([0.2, 1.6, 0.2, 1.6, 0.2, 1.6, 0.2]) < 0.7
