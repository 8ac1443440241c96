"""Flare outlook: signals from the diary, a calm message, shrinkage toward the population."""

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pacewise.core.insights import forecast
from pacewise.core.insights.forecast import FEATURES, POPULATION, OutlookDay, features, fit, outlook

TODAY = date(2026, 3, 1)


def steady(n=28, changes=None):
    """n calm days ending today; `changes` maps a day offset back from today to field values."""
    days = []
    for i in range(n):
        d = TODAY - timedelta(days=n - 1 - i)
        values = {"pain": 4.0, "sleep_hours": 7.0, "stress": 4.0, "load": 20.0}
        values.update((changes or {}).get((TODAY - d).days, {}))
        days.append(OutlookDay(d, **values))
    return days


def test_a_steady_month_has_every_signal_at_usual():
    assert features(steady(), TODAY) == pytest.approx((0.0, 0.0, 0.0, 0.0, 0.0))


def test_hand_worked_signals():
    changes = {0: {"load": 50.0, "sleep_hours": 5.0, "stress": 7.0, "pain": 6.0},
               1: {"sleep_hours": 5.0, "pain": 6.0}}  # fmt: skip
    x = dict(zip(FEATURES, features(steady(changes=changes), TODAY), strict=True))
    usual_load = (26 * 20 + 50 + 20) / 28
    assert x["spike"] == pytest.approx(np.log((6 * 20 + 50) / 7 / usual_load))
    assert x["overdid"] == pytest.approx(50 / usual_load - 1.3)
    assert x["sleep_debt"] == pytest.approx(7.0 - (5 + 5 + 7) / 3)
    assert x["stress"] == pytest.approx((7 + 4 + 4) / 3 - (27 * 4 + 7) / 28)
    assert x["pain_trend"] == pytest.approx((6 + 6 + 4) / 3 - 4.0)


def test_missing_answers_count_as_usual_and_never_raise_the_chance():
    days = [OutlookDay(d.date, d.pain, None, None, d.load) for d in steady()]
    x = features(days, TODAY)
    assert x[2] == 0.0 and x[3] == 0.0


def test_too_few_days_and_a_current_flare_give_plain_words_instead_of_a_number():
    assert outlook(steady(n=5), TODAY).status == "not_enough_data"
    days = steady()
    days[-1] = OutlookDay(TODAY, 7.0, flare=True)
    o = outlook(days, TODAY)
    assert o.status == "in_flare" and o.chance is None


def test_a_spike_raises_the_chance_names_the_reason_and_what_helps():
    calm = outlook(steady(), TODAY)
    busy = outlook(steady(changes={i: {"load": 60.0} for i in range(3)}), TODAY)
    assert busy.chance > calm.chance
    assert calm.level == "about usual"
    assert busy.reasons and busy.reasons[0].feature in ("spike", "overdid")
    assert busy.reasons[0].helps
    for word in ("danger", "warning", "alert", "risk!"):
        assert word not in busy.message.lower()
    assert "most days like this pass without a flare" in busy.message


def test_the_population_fit_recovers_known_coefficients():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(20000, 5))
    truth = np.array([-2.0, 1.0, 0.5, 0.0, 0.3, -0.2])
    y = (rng.random(20000) < 1 / (1 + np.exp(-(truth[0] + x @ truth[1:])))).astype(float)
    coef = fit(x, y, prior=(0.0,) * 6, prior_sd=None)
    assert coef == pytest.approx(truth, abs=0.1)


def test_a_strong_prior_keeps_a_few_flares_from_moving_the_coefficients_far():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(100, 5))
    y = np.zeros(100)
    y[:3] = 1.0
    loose = fit(x, y, prior_sd=10.0)
    tight = fit(x, y, prior_sd=0.1)
    assert (
        np.abs(np.subtract(tight, POPULATION)).max() < np.abs(np.subtract(loose, POPULATION)).max()
    )


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 10), st.floats(3, 11), st.floats(0, 10), st.floats(0, 200)),
                min_size=10, max_size=40))  # fmt: skip
def test_any_diary_gives_a_probability(rows):
    days = [OutlookDay(TODAY - timedelta(days=i), *r) for i, r in enumerate(rows)]
    o = outlook(days, TODAY)
    assert o.status in ("ok", "not_enough_data")
    if o.status == "ok":
        assert 0.0 < o.chance < 1.0 and 0.0 < o.usual_chance < 1.0


def test_personal_coefficients_need_enough_own_flares():
    assert forecast.personal_coefficients(steady(n=120)) is None


def test_flare_days_are_declared_or_two_days_two_points_above_usual():
    changes = {
        20: {"flare": True},  # declared
        12: {"pain": 6.5},  # 2.5 above the usual 4, two days running: a flare
        11: {"pain": 6.0},
        5: {"pain": 7.0},  # one high day alone is not
        2: {"pain": 5.5},  # 1.5 above on two days is not
        1: {"pain": 5.5},
    }
    days = steady(changes=changes)
    back = {TODAY - timedelta(days=n) for n in (20, 12, 11)}
    assert forecast.flare_days(days) == back


def test_undeclared_pain_flares_count_toward_a_personal_outlook():
    # 120 calm days with four two-day spells at pain 7, none declared: the person's own model
    # learns from them (learning from declared flares only would see none)
    spells = {n: {"pain": 7.0} for start in (100, 75, 50, 25) for n in (start, start - 1)}
    days = steady(n=120, changes=spells)
    assert not any(d.flare for d in days)
    assert forecast.personal_coefficients(days) is not None


def test_a_personal_chance_is_moderated_by_the_uncertainty_of_its_coefficients():
    spells = {n: {"pain": 7.0} for start in (100, 75, 50, 25) for n in (start, start - 1)}
    days = steady(n=120, changes=spells)
    coef, cov = forecast.personal_coefficients(days)
    assert cov.shape == (len(FEATURES) + 1,) * 2 and np.all(np.linalg.eigvalsh(cov) > 0)
    for x in ((0.0,) * len(FEATURES), (1.0, 2.0, 2.0, 3.0, 2.0), (-1.0, -1.0, -2.0, -3.0, -2.0)):
        raw, moderated = forecast.chance(coef, x), forecast.chance(coef, x, cov)
        assert (raw - 0.5) * (moderated - 0.5) > 0  # the same side of even odds...
        assert abs(moderated - 0.5) < abs(raw - 0.5)  # ...but less sure of it
        assert forecast.chance(coef, x, np.zeros_like(cov)) == pytest.approx(raw)
    shown = outlook(days, TODAY)
    assert shown.personal
    x = features(days, TODAY)
    rows = forecast.diary_rows(days)
    z = coef[0] + rows.x @ np.asarray(coef[1:])
    shift, _ = forecast.calibration(rows, z, TODAY + timedelta(days=3))
    level = (coef[0] + shift, *coef[1:])  # calibrated to the person
    assert shown.chance == pytest.approx(forecast.chance(level, x, cov))
    assert shown.chance != pytest.approx(forecast.chance(level, x), rel=1e-6)


def _flares_after_boom(n=240, every=20, predictable=True):
    """A diary of n days with a declared two-day flare about every `every` days; with
    `predictable`, each comes two days after a day of three times the usual activity,
    otherwise flares and busy days fall at random, unrelated to each other."""
    import random

    rng = random.Random(7)
    changes = {}
    start = every
    while start < n - 5:
        back = n - 1 - start  # offset back from today of the flare's first day
        if predictable:
            changes[back + 2] = {"load": 70.0}
        else:
            changes[n - 1 - rng.randrange(n)] = {"load": 70.0}
        changes[back] = changes[back - 1] = {"flare": True, "pain": 7.0}
        start += every if predictable else rng.randrange(8, 2 * every)
    return steady(n=n, changes=changes)


def test_the_stated_chance_matches_the_persons_own_rate_on_average():
    days = _flares_after_boom(predictable=False)
    rows = forecast.diary_rows(days)
    shown = outlook(days, TODAY)
    coef = forecast.personal_coefficients(days)
    base = coef[0] if coef else forecast.PRIOR
    z = base[0] + rows.x @ np.asarray(base[1:])
    start = TODAY + timedelta(days=3 - forecast.RATE_DAYS)  # what today's 48 hours use
    recent = np.array([d >= start for d in rows.dates])
    model_mean = float(np.mean(1 / (1 + np.exp(-z[recent]))))
    prior = forecast.PRIOR_DAYS
    expected = (rows.said[recent].sum() + prior * model_mean) / (recent.sum() + prior)
    assert shown.own_rate == pytest.approx(expected)  # own recent rate, shrunk to the model's
    # calibration in the large: the level moves until the mean chance over those days is it
    shift = forecast.level_shift(z[recent], shown.own_rate)
    stated = 1 / (1 + np.exp(-(z[recent] + shift)))
    assert stated.mean() == pytest.approx(shown.own_rate, abs=1e-5)
    observed = rows.said[recent].mean()
    assert abs(shown.own_rate - observed) < abs(model_mean - observed)


def test_without_an_earned_number_the_outlook_speaks_in_words_and_says_why():
    shown = outlook(_flares_after_boom(predictable=False), TODAY)
    assert shown.status == "ok" and not shown.earned and shown.shown_chance is None
    assert "in 100" not in shown.message and "No number yet" in shown.message
    young = outlook(steady(n=40), TODAY)
    assert not young.earned and "two months of your own days" in young.message


def test_a_number_is_shown_once_it_beats_the_persons_usual_rate_on_their_own_days():
    shown = outlook(_flares_after_boom(predictable=True), TODAY)
    assert shown.scored_days >= forecast.EARN_MIN_DAYS
    assert shown.earned and shown.skill > 0
    assert shown.shown_chance == shown.chance and "in 100" in shown.message
