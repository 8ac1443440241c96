"""Trigger detection: planted patterns are found, companions and chance are not."""

import math
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pacewise.core.insights.trigger_model import (
    Estimate,
    build_design,
    echo_check,
    estimate,
    level_columns,
    runs_df,
    static_design,
)
from pacewise.core.insights.trigger_text import left_out_sentence
from pacewise.core.insights.triggers import (
    EARLY_DAYS,
    ENTANGLED,
    INSUFFICIENT,
    MIN_DAYS_EACH,
    MIN_USABLE_DAYS,
    P_MAX,
    P_MAX_EARLY,
    RELATED_P,
    RELATED_SE_RATIO,
    TESTED,
    DailyTable,
    Finding,
    _without_related,
    benjamini_hochberg,
    days_before_testing,
    detect,
)

START = date(2025, 1, 1)


def planted(
    days=180,
    seed=1,
    effects=(("alcohol", 0, 2.0),),
    companion_of=None,
    extra_nulls=4,
    phi=0.5,
    sigma=1.0,
    drop_days=0.0,
    blank_cells=0.0,
):
    """A diary whose pain follows yesterday's pain plus the planted effects and noise."""
    rng = np.random.default_rng(seed)
    factors = {name: (rng.random(days) < 0.35).astype(float) for name, _, _ in effects}
    for i in range(extra_nulls):
        factors[f"null{i}"] = (rng.random(days) < 0.3).astype(float)
    if companion_of:
        source = factors[companion_of]
        copy = rng.random(days) < 0.8
        factors["companion"] = np.where(copy, source, rng.random(days) < 0.35).astype(float)
    pain = np.empty(days)
    for t in range(days):
        level = 5.0 + (phi * (pain[t - 1] - 5.0) if t else 0.0)
        for name, lag, size in effects:
            if t - lag >= 0:
                level += size * factors[name][t - lag]
        pain[t] = level + sigma * rng.normal()
    keep = rng.random(days) >= drop_days

    def cells(values):
        hole = rng.random(days) < blank_cells
        return tuple(None if hole[t] else float(values[t]) for t in range(days) if keep[t])

    return DailyTable(
        dates=tuple(START + timedelta(days=t) for t in range(days) if keep[t]),
        pain=cells(pain),
        factors={name: cells(values) for name, values in factors.items()},
    )


def finding(findings, factor, lag):
    matches = [f for f in findings if f.factor == factor and f.lag == lag]
    assert len(matches) == 1, (factor, lag, findings)
    return matches[0]


def flagged(findings):
    return {(f.factor, f.lag, f.direction) for f in findings if f.significant}


def test_a_planted_same_day_trigger_is_found_with_its_lag_direction_and_size():
    findings = detect(planted(effects=(("alcohol", 0, 2.0),)))
    hit = finding(findings, "alcohol", 0)
    assert hit.significant and hit.direction == "raises" and hit.status == TESTED
    assert hit.ci_low <= 2.0 <= hit.ci_high
    assert hit.kind == "binary" and hit.n > 100
    assert flagged(findings) == {("alcohol", 0, "raises")}


def test_a_planted_next_day_helper_is_found_on_the_next_day_only():
    findings = detect(planted(effects=(("walk", 1, -1.5),), seed=2))
    hit = finding(findings, "walk", 1)
    assert hit.significant and hit.direction == "lowers"
    assert hit.ci_low <= -1.5 <= hit.ci_high
    assert flagged(findings) == {("walk", 1, "lowers")}


def test_a_companion_that_only_travels_with_the_trigger_is_not_flagged():
    for seed in range(3):
        findings = detect(
            planted(effects=(("alcohol", 0, 2.0),), companion_of="alcohol", seed=seed)
        )
        assert ("alcohol", 0, "raises") in flagged(findings)
        assert not any(f.significant for f in findings if f.factor == "companion")


def test_a_trigger_blurred_by_a_close_companion_is_still_named_at_90_days():
    # The companion copies the trigger on 80% of days, so adjusting for it widens the
    # trigger's error; testing without it as well (Method item 12) finds the trigger in
    # 17 of these 20 diaries (11 when only the adjusted test counted) and the companion in none.
    named, told = 0, 0
    for seed in range(20):
        diary = planted(days=90, effects=(("alcohol", 0, 1.3),), companion_of="alcohol", seed=seed)
        findings = detect(diary)
        found = flagged(findings)
        named += ("alcohol", 0, "raises") in found
        assert not any(factor == "companion" for factor, _, _ in found), seed
        message = finding(findings, "alcohol", 0).message
        told += "tends to come together with 'companion'" in message
    assert named >= 16
    assert told >= 5  # the person is told when leaving the companion out let it be seen


def test_the_left_out_sentence_names_the_entries_that_come_with_the_factor():
    one = left_out_sentence(["late night"])
    assert one == (
        "It tends to come together with 'late night'; the pattern was checked both with and "
        "without it."
    )
    assert "'a', 'b' and 'c'" in left_out_sentence(["a", "b", "c"])
    assert left_out_sentence(["a", "b"]).endswith("without them.")


def blurred(effect=0.50, se=0.25, p=0.03):
    """A test adjusted for its related entries: wide because they travel with the factor."""
    return Estimate(effect, se, 60, p)


def test_without_related_entries_the_test_must_pass_the_bar_while_the_adjusted_one_holds():
    lean = Estimate(0.55, 0.12, 62, 1e-5)
    combined = _without_related(blurred(), blurred(), lean, lean)
    assert combined.p == pytest.approx(0.03 * P_MAX / RELATED_P)  # 0.0006 <= P_MAX
    assert combined.effect == 0.50 and combined.se == 0.25  # the adjusted estimate is shown
    weak = _without_related(blurred(p=0.2), blurred(p=0.2), lean, lean)
    assert weak.p == pytest.approx(0.2 * P_MAX / RELATED_P) and weak.p > P_MAX


def test_the_test_without_related_entries_does_not_count_when_it_changes_the_answer():
    full = blurred()
    moved = Estimate(1.2, 0.12, 62, 1e-12)  # |0.5 - 1.2| / sqrt(0.25^2 - 0.12^2) = 3.2
    assert _without_related(full, full, moved, moved) is full
    barely = Estimate(0.5, 0.22, 62, 1e-5)  # the entries widen the error by less than a fifth
    assert RELATED_SE_RATIO * 0.22 > 0.25
    assert _without_related(full, full, barely, barely) is full
    other_way = Estimate(-0.05, 0.12, 62, 0.6)
    assert _without_related(full, full, other_way, other_way) is full
    assert _without_related(full, full, None, None) is full


def same_day_trigger_with_ar_noise(days=365):
    """A steady pain level with AR(1) noise (phi 0.7) and a same-day trigger of +2.5."""
    rng = np.random.default_rng(5)
    x = (rng.random(days) < 0.4).astype(float)
    noise = np.zeros(days)
    for t in range(1, days):
        noise[t] = 0.7 * noise[t - 1] + rng.normal()
    return x, 5 + 2.5 * x + noise


def test_a_same_day_trigger_does_not_echo_as_a_next_day_helper_with_ar_noise():
    """Static pain level with AR(1) noise: lagged-pain models see a fake opposite lag-1 link."""
    days = 365
    x, pain = same_day_trigger_with_ar_noise(days)
    table = DailyTable(
        tuple(START + timedelta(days=t) for t in range(days)), tuple(pain), {"x": tuple(x)}
    )
    findings = detect(table)
    assert finding(findings, "x", 0).significant
    assert not finding(findings, "x", 1).significant


@pytest.mark.parametrize("seed", [27, 42, 45])
def test_a_next_day_helper_is_kept_when_pain_carries_over_from_day_to_day(seed):
    """Pain that carries over (phi 0.6), a next-day helper whose same-day estimate points the
    other way, and a companion of it: a model without yesterday's pain mistakes part of the
    carry-over for noise and lost these; the check inside the lagged model keeps them."""
    table = planted(
        days=90,
        seed=seed,
        effects=(("walk", 1, -1.5), ("alcohol", 0, 1.5)),
        companion_of="walk",
        phi=0.6,
        blank_cells=0.03,
    )
    findings = detect(table)
    assert finding(findings, "walk", 0).direction == "raises"  # the same-day estimate
    assert flagged(findings) == {("alcohol", 0, "raises"), ("walk", 1, "lowers")}


def steady_level_with_spells(seed, days=90, effect=1.0, phi=0.7):
    """Pain as a steady level with AR(1) noise; 'cold' comes in spells and acts the next day."""
    rng = np.random.default_rng(seed)
    cold = np.empty(days)
    cold[0] = rng.random() < 0.35
    for t in range(1, days):
        cold[t] = cold[t - 1] if rng.random() < 0.7 else rng.random() < 0.35
    factors = {"cold": cold, **{f"null{i}": (rng.random(days) < 0.3) * 1.0 for i in range(4)}}
    noise = np.zeros(days)
    for t in range(1, days):
        noise[t] = phi * noise[t - 1] + np.sqrt(1 - phi**2) * rng.normal()
    pain = 5 + effect * np.concatenate([[0.0], cold[:-1]]) + noise
    dates = tuple(START + timedelta(days=t) for t in range(days))
    return DailyTable(dates, tuple(pain), {k: tuple(v) for k, v in factors.items()})


@pytest.mark.parametrize("seed", [0, 3, 4, 13])
def test_a_next_day_trigger_is_named_when_pain_is_a_steady_level_with_ar_noise(seed):
    """The lagged model alone missed these at 90 days (it has no term for the trigger two
    days back, which AR(1) noise brings in); the steady-level model sees them."""
    assert flagged(detect(steady_level_with_spells(seed))) == {("cold", 1, "raises")}


@pytest.mark.parametrize("seed", range(3))
def test_a_same_day_trigger_carried_over_by_pain_is_not_named_for_the_next_day(seed):
    """Pain carries over (phi 0.7): the day after a trigger is worse only through today's pain.
    The steady-level model reads that carry-over as a next-day link unless the next day is
    measured beyond it (b1 - rho * b0), as the lagged model does."""
    table = planted(days=180, seed=seed, effects=(("alcohol", 0, 2.0),), phi=0.7)
    assert flagged(detect(table)) == {("alcohol", 0, "raises")}


def slow_recovery(seed, days=150):
    """Pain improves by 2.5 points over five months while the plan's walking grows from 10 to
    30 minutes a day (walking does nothing here); 'alcohol' raises pain on the day."""
    rng = np.random.default_rng(seed)
    t = np.arange(days)
    walk = np.round(10 + 20 * t / days + rng.normal(0, 4, days))
    alcohol = (rng.random(days) < 0.3).astype(float)
    nulls = {f"null{i}": (rng.random(days) < 0.3) * 1.0 for i in range(3)}
    noise = np.zeros(days)
    for i in range(1, days):
        noise[i] = 0.6 * noise[i - 1] + 0.8 * rng.normal()
    pain = 6 - 2.5 * t / days + 1.5 * alcohol + noise
    factors = {"minutes walked": walk, "alcohol": alcohol, **nulls}
    dates = tuple(START + timedelta(days=i) for i in range(days))
    return DailyTable(dates, tuple(pain), {k: tuple(v) for k, v in factors.items()})


@pytest.mark.parametrize("seed", [15, 26, 30, 33])
def test_walking_that_grows_while_pain_slowly_improves_is_not_named_a_helper(seed):
    """Without the slowly changing level among the controls these four diaries named walking
    as lowering pain: it only shared the months' trend (8 of seeds 0-59 did; none do now)."""
    table = slow_recovery(seed)
    walk = np.array(table.factors["minutes walked"])
    assert np.corrcoef(walk, table.pain)[0, 1] < -0.3  # the trap: the trend is shared
    assert flagged(detect(table)) == {("alcohol", 0, "raises")}


def test_level_columns_are_tents_about_four_weeks_apart_that_add_up_to_one():
    assert level_columns(27) == []
    tents = np.column_stack(level_columns(90))
    assert tents.shape == (90, 3)  # knots on days 0, 29.7, 59.3 and 89; the first is the intercept
    assert tents[0].sum() == 0 and np.allclose(tents[30:].sum(axis=1), 1.0)
    assert [int(np.argmax(c)) for c in tents.T] == [30, 59, 89]


def test_the_steady_level_design_recovers_rho_and_quasi_differences_with_gaps():
    rng = np.random.default_rng(8)
    days = 400
    noise = np.zeros(days)
    for t in range(1, days):
        noise[t] = 0.6 * noise[t - 1] + rng.normal()
    pain = 5 + noise
    pain[200] = np.nan  # a missing day: day 201 has no yesterday, day 202 starts afresh
    x = (rng.random(days) < 0.3).astype(float)
    design = _design(pain, x)
    static = static_design(design, [])
    assert static.rho == pytest.approx(0.6, abs=0.08)
    i = int(np.flatnonzero(design.days == 202)[0])  # first usable day after the gap
    assert static.y[i] == pytest.approx(np.sqrt(1 - static.rho**2) * design.y[i])
    assert static.y[i + 1] == pytest.approx(design.y[i + 1] - static.rho * design.y[i])
    assert static.intercept[i + 1] == pytest.approx(1 - static.rho)


def _design(pain, x):
    lagged = [x, np.concatenate([[np.nan], x[:-1]])]
    return build_design(pain, lagged)


def test_the_echo_check_sees_no_next_day_link_in_a_pure_echo():
    """Same-day effect only, steady level with AR(1) noise: b1 = -phi * b0, so b1 + phi * b0
    is about zero even though the lagged model's own next-day coefficient is not."""
    x, pain = same_day_trigger_with_ar_noise()
    design = _design(pain, x)
    controls = np.column_stack([np.ones(design.y.size), design.columns[:, [0, 1]]])
    echo = estimate(design.y, design.columns[:, 2], controls)
    assert echo.effect < 0 and echo.p < 1e-4  # the lagged model's own next-day coefficient
    check = echo_check(design, 2, [0, 1])
    assert check is not None and check.p > 0.05
    assert abs(check.effect * design.y_scale / design.scales[2]) < 0.5


def test_the_echo_check_measures_a_next_day_link_when_pain_carries_over():
    rng = np.random.default_rng(6)
    days = 365
    x = (rng.random(days) < 0.4).astype(float)
    pain = np.empty(days)
    for t in range(days):
        carry = 0.6 * (pain[t - 1] - 5.0) if t else 0.0
        pain[t] = 5.0 + carry - 1.5 * (x[t - 1] if t else 0.0) + rng.normal()
    design = _design(pain, x)
    check = echo_check(design, 2, [0, 1])
    assert check is not None and check.p < 1e-6
    assert check.effect * design.y_scale / design.scales[2] == pytest.approx(-1.5, abs=0.35)
    assert echo_check(design, 2, [1]) is None  # without yesterday's pain there is no phi


def test_a_numeric_factor_is_reported_per_natural_unit():
    rng = np.random.default_rng(3)
    days = 200
    sleep = rng.normal(7, 1.2, days)
    pain = 5 - 0.8 * (sleep - 7) + rng.normal(0, 0.8, days)
    table = DailyTable(
        tuple(START + timedelta(days=t) for t in range(days)),
        tuple(pain),
        {"sleep_hours": tuple(sleep)},
    )
    hit = finding(detect(table), "sleep_hours", 0)
    assert hit.kind == "numeric" and hit.significant and hit.direction == "lowers"
    assert hit.ci_low <= -0.8 <= hit.ci_high
    assert hit.step == 1.0 and "'sleep_hours' was 1 higher" in hit.message


def test_too_few_days_gives_not_enough_data_with_days_needed():
    findings = detect(planted(days=20))
    for f in findings:
        assert f.status == INSUFFICIENT and f.lag is None and not f.significant
        assert f.days_needed >= 1 and f.effect is None and f.p is None
        assert f.message.startswith(f"Not enough data yet for '{f.factor}'")
        assert f"about {f.days_needed} more day" in f.message


def test_days_needed_counts_the_missing_days_with_and_without():
    days = 60
    tag = [1.0 if t % 20 == 4 else 0.0 for t in range(days)]  # 3 separate days with it
    table = DailyTable(
        tuple(START + timedelta(days=t) for t in range(days)),
        tuple(5.0 + (t % 3) for t in range(days)),
        {"rare": tuple(tag)},
    )
    (only,) = detect(table)
    assert only.status == INSUFFICIENT
    assert only.days_needed == MIN_DAYS_EACH - 3
    assert "with and without it" in only.message


def test_a_tag_seen_in_one_long_run_waits_for_it_to_come_again():
    days = 120
    tag = [1.0 if 40 <= t < 64 else 0.0 for t in range(days)]  # one run of 24 days
    rng = np.random.default_rng(0)
    pain = tuple(5.0 + 1.5 * v + rng.normal() for v in tag)
    table = DailyTable(
        tuple(START + timedelta(days=t) for t in range(days)), pain, {"holiday": tuple(tag)}
    )
    (only,) = detect(table)
    assert only.status == INSUFFICIENT
    assert only.days_needed == 120  # 1 more run, at one run per 120 days so far


def test_no_factor_is_tested_before_six_weeks_of_usable_days():
    rng = np.random.default_rng(3)
    tag = rng.integers(0, 2, MIN_USABLE_DAYS + 1).astype(float)
    pain = 4.0 + 3.0 * tag + rng.normal(0, 0.3, tag.size)  # a plain, strong same-day pattern

    def first(days):
        dates = tuple(START + timedelta(days=t) for t in range(days))
        return DailyTable(dates, tuple(pain[:days]), {"coffee": tuple(tag[:days])})

    (only,) = detect(first(30))  # 29 usable days: pain today and yesterday
    assert only.status == INSUFFICIENT and not only.significant
    assert only.days_needed == MIN_USABLE_DAYS - 29
    assert "after six weeks" in only.message and f"about {MIN_USABLE_DAYS - 29} more days" in (
        only.message
    )
    assert finding(detect(first(MIN_USABLE_DAYS + 1)), "coffee", 0).significant
    assert days_before_testing(first(30)) == MIN_USABLE_DAYS - 29
    assert days_before_testing(first(MIN_USABLE_DAYS + 1)) == 0


def test_yesterday_means_the_calendar_day_before_not_the_previous_row():
    every_other_day = DailyTable(
        tuple(START + timedelta(days=2 * t) for t in range(120)),
        tuple(float(t % 7) for t in range(120)),
        {"tag": tuple(float(t % 2) for t in range(120))},
    )
    (only,) = detect(every_other_day)
    assert only.status == INSUFFICIENT and only.n == 0


def test_missing_days_and_blank_cells_are_handled():
    table = planted(days=240, drop_days=0.12, blank_cells=0.06, seed=4)
    findings = detect(table)
    hit = finding(findings, "alcohol", 0)
    assert hit.significant and hit.ci_low <= 2.0 <= hit.ci_high
    logged_rows = sum(v is not None for v in table.factors["alcohol"])
    assert hit.n < logged_rows


def test_nan_and_none_are_both_blanks():
    with_none = planted(days=120, blank_cells=0.1, seed=6)
    with_nan = DailyTable(
        with_none.dates,
        tuple(math.nan if v is None else v for v in with_none.pain),
        {
            k: tuple(math.nan if v is None else v for v in vals)
            for k, vals in with_none.factors.items()
        },
    )
    assert detect(with_none) == detect(with_nan)


def test_constant_and_all_blank_columns_abstain():
    base = planted(days=120, seed=7)
    n = len(base.dates)
    table = DailyTable(
        base.dates, base.pain, {**base.factors, "always": (1.0,) * n, "never_logged": (None,) * n}
    )
    findings = detect(table)
    for name in ("always", "never_logged"):
        (entry,) = [f for f in findings if f.factor == name]
        assert entry.status == INSUFFICIENT and entry.days_needed >= 2 * MIN_DAYS_EACH


def test_a_duplicated_column_cannot_be_told_apart():
    base = planted(days=150, seed=8)
    table = DailyTable(base.dates, base.pain, {**base.factors, "wine": base.factors["alcohol"]})
    findings = detect(table)
    for name in ("alcohol", "wine"):
        same_day = [f for f in findings if f.factor == name and f.lag == 0]
        assert same_day[0].status == ENTANGLED and not same_day[0].significant
    assert "cannot be told apart" in same_day[0].message


def test_benjamini_hochberg_on_a_hand_example():
    # sorted p 0.005, 0.01, 0.03, 0.04 -> m*p/rank 0.02, 0.02, 0.04, 0.04
    assert benjamini_hochberg([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.02, 0.04, 0.04, 0.02])
    # step-up: a larger p with a smaller m*p/rank lowers the q before it
    assert benjamini_hochberg([0.04, 0.041]) == pytest.approx([0.041, 0.041])
    assert benjamini_hochberg([0.9, 0.8]) == pytest.approx([0.9, 0.9])
    assert benjamini_hochberg([]) == []


def test_q_values_follow_the_two_level_rule_on_a_hand_example():
    from pacewise.core.insights.trigger_model import Estimate
    from pacewise.core.insights.triggers import _hierarchical_q

    def est(p):
        return Estimate(0.0, 1.0, 50, p)

    # factor A: lags at p .001 / .2, joint p .002; factor B: .03 / .5, joint .04
    estimates = {
        1: est(0.001),
        2: est(0.2),
        3: est(0.03),
        4: est(0.5),
        -1: est(0.002),
        -3: est(0.04),
    }
    q = _hierarchical_q(estimates, 0.05)
    # factors: BH of (.002, .04) = (.004, .04), both selected, so the within-pair scale is 1;
    # each factor's own q is kept under its negative key
    assert q == pytest.approx({1: 0.004, 2: 0.2, 3: 0.06, 4: 0.5, -1: 0.004, -3: 0.04})


def test_significant_means_q_and_p_bars_and_q_is_never_below_p():
    for f in detect(planted(seed=9)):
        if f.status == TESTED:
            assert f.p <= f.q + 1e-12
            assert f.significant == (f.q <= 0.05 and f.p <= 0.005)


FORBIDDEN = ("causes", "caused", "because", "makes your", "leads to", "triggers your")


def test_sentences_describe_patterns_and_never_claim_cause():
    findings = detect(planted(effects=(("alcohol", 1, 2.0), ("walk", 0, -1.5)), seed=10))
    assert {f.factor for f in findings if f.significant} == {"alcohol", "walk"}
    for f in findings:
        assert not any(word in f.message.lower() for word in FORBIDDEN), f.message
        if f.significant:
            assert "This is a pattern, not proof of cause." in f.message
            assert "after allowing for yesterday's pain and your other entries" in f.message
    alcohol = finding(findings, "alcohol", 1)
    assert alcohol.message.startswith("On days after you logged 'alcohol', your pain was")
    assert alcohol.message.endswith("This is a pattern, not proof of cause.")
    # a same-day pattern also says it may be pain shaping what was done
    walk = finding(findings, "walk", 0)
    assert walk.message.endswith(
        "This is a pattern, not proof of cause. On the same day it can also run the other "
        "way: pain can change what you do."
    )


def test_detect_is_deterministic_and_order_free():
    table = planted(days=90, seed=11, blank_cells=0.05)
    shuffled_order = list(reversed(range(len(table.dates))))
    shuffled = DailyTable(
        tuple(table.dates[i] for i in shuffled_order),
        tuple(table.pain[i] for i in shuffled_order),
        {k: tuple(v[i] for i in shuffled_order) for k, v in table.factors.items()},
    )
    assert detect(table) == detect(table) == detect(shuffled)


def test_daily_table_rejects_ragged_or_repeated_rows():
    with pytest.raises(ValueError, match="one value per date"):
        DailyTable((START,), (1.0, 2.0), {})
    with pytest.raises(ValueError, match="factor 'x'"):
        DailyTable((START,), (1.0,), {"x": (1.0, 0.0)})
    with pytest.raises(ValueError, match="unique"):
        DailyTable((START, START), (1.0, 2.0), {})


def test_no_factors_means_no_findings():
    assert detect(DailyTable((START,), (3.0,), {})) == []
    assert detect(DailyTable((), (), {"x": ()}))[0].status == INSUFFICIENT


cell = st.one_of(
    st.none(),
    st.just(math.nan),
    st.sampled_from([0.0, 1.0]),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.sampled_from([math.inf, -math.inf, 1e300, -1e300, 5e-324]),
)


@st.composite
def tables(draw):
    n = draw(st.integers(min_value=0, max_value=70))
    offsets = draw(st.lists(st.integers(0, 120), min_size=n, max_size=n, unique=True))
    k = draw(st.integers(0, 5))
    pain = draw(
        st.lists(st.one_of(st.none(), st.integers(0, 10).map(float), cell), min_size=n, max_size=n)
    )
    factors = {f"f{i}": draw(st.lists(cell, min_size=n, max_size=n)) for i in range(k)}
    if k and n and draw(st.booleans()):
        factors["dup"] = list(factors["f0"])
    return DailyTable(tuple(START + timedelta(days=o) for o in offsets), tuple(pain), factors)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_random_tables_never_crash_and_findings_are_well_formed(table):
    findings = detect(table)
    assert {f.factor for f in findings} == set(table.factors)
    for f in findings:
        assert isinstance(f, Finding) and f.status in {TESTED, INSUFFICIENT, ENTANGLED}
        if f.status == TESTED:
            # lag None: a named pattern for "the day or the day after"
            assert f.lag in (0, 1) or (f.lag is None and f.significant)
            assert f.direction in ("raises", "lowers")
            assert 0.0 <= f.p <= 1.0 and 0.0 <= f.q <= 1.0
            assert f.ci_low <= f.effect <= f.ci_high
            assert all(math.isfinite(v) for v in (f.effect, f.ci_low, f.ci_high))
        elif f.status == INSUFFICIENT:
            assert f.days_needed >= 1 and not f.significant
        assert f.message


def test_pure_noise_diaries_rarely_flag_anything():
    """Fixed seeds, so the test is deterministic; the rate it pins is the point."""
    false_flags = 0
    for seed in range(20):
        rng = np.random.default_rng(seed)
        table = planted(
            days=int(rng.integers(30, 200)),
            seed=seed,
            extra_nulls=6,
            effects=(("alcohol", 0, 0.0),),
        )
        false_flags += len(flagged(detect(table)))
    assert false_flags <= 1


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    days=st.integers(20, 150),
    k=st.integers(1, 12),
    blank=st.sampled_from([0.0, 0.05, 0.3, 0.9]),
    scale=st.sampled_from([1e-6, 1.0, 1e6]),
    twins=st.booleans(),
)
def test_dense_random_diaries_never_crash(seed, days, k, blank, scale, twins):
    """Consecutive days, so the models really run: collinear, constant, huge and tiny columns."""
    rng = np.random.default_rng(seed)
    factors = {}
    for i in range(k):
        kind = rng.integers(0, 3)
        if kind == 0:
            values = (rng.random(days) < rng.uniform(0, 1)).astype(float)
        elif kind == 1:
            values = scale * rng.normal(size=days)
        else:
            values = np.full(days, float(rng.integers(0, 2)))
        factors[f"f{i}"] = [None if rng.random() < blank else float(v) for v in values]
    if twins:
        factors["twin"] = list(factors["f0"])
    pain = [None if rng.random() < blank / 2 else float(rng.integers(0, 11)) for _ in range(days)]
    table = DailyTable(tuple(START + timedelta(days=t) for t in range(days)), tuple(pain), factors)
    findings = detect(table)
    assert {f.factor for f in findings} == set(factors)
    for f in findings:
        if f.status == TESTED:
            assert 0.0 <= f.p <= 1.0 and f.ci_low <= f.effect <= f.ci_high


def test_runs_df_scales_degrees_of_freedom_for_a_tag_that_comes_in_long_runs():
    clumped = np.array([1.0] * 10 + [0.0] * 20 + [1.0] * 10 + [0.0] * 20)
    # 4 runs where 1 + 2 * 20 * 40 / 60 = 27.67 were expected: (60 - 2) * 4 / 27.67 = 8.4
    assert runs_df(clumped) == 8
    assert runs_df(np.array([0.0, 1.0] * 30)) is None  # more runs than chance: not clumped
    assert runs_df(np.ones(60)) is None


def test_the_same_difference_is_weaker_evidence_when_the_tag_comes_in_a_few_long_runs():
    days = 60
    rng = np.random.default_rng(8)
    noise = rng.normal(0, 1.0, days)
    clumped = np.array(([1.0] * 8 + [0.0] * 12) * 3)  # three 8-day runs, as a cycle would
    scattered = rng.permutation(clumped)
    dates = tuple(START + timedelta(days=t) for t in range(days))

    def same_day(tag):
        table = DailyTable(dates, tuple(5.0 + 1.2 * tag + noise), {"tag": tuple(tag)})
        return finding(detect(table), "tag", 0)

    cycle, spread = same_day(clumped), same_day(scattered)
    assert spread.significant and spread.p < 0.005
    assert not cycle.significant and cycle.p > 0.005


def test_a_rare_tag_with_wild_days_gets_the_wider_robust_interval_and_is_not_named():
    rng = np.random.default_rng(4)
    days = 400
    tag = np.zeros(days)
    tag[rng.choice(days, 12, replace=False)] = 1.0
    # pain is steady except on the 12 tag days, where it swings widely around +1.5
    pain = 5 + rng.normal(0, 0.5, days) + tag * (1.5 + rng.normal(0, 3, days))
    dates = tuple(START + timedelta(days=t) for t in range(days))
    same_day = finding(detect(DailyTable(dates, tuple(pain), {"tag": tuple(tag)})), "tag", 0)
    assert same_day.p < 1e-10  # the classical test alone would call it
    assert same_day.ci_low < 0 < same_day.ci_high  # the robust interval shown does not
    assert not same_day.significant and same_day.message.startswith("No clear link yet")


def test_in_the_first_eight_weeks_a_pattern_must_be_stronger_to_be_named():
    rng = np.random.default_rng(33)
    days = 51  # 50 usable days, fewer than EARLY_DAYS
    tag = (rng.random(days) < 0.4).astype(float)
    pain = 5 + 1.0 * tag + rng.normal(0, 1, days)
    dates = tuple(START + timedelta(days=t) for t in range(days))
    same_day = finding(detect(DailyTable(dates, tuple(pain), {"tag": tuple(tag)})), "tag", 0)
    assert days - 1 < EARLY_DAYS
    assert P_MAX_EARLY < same_day.p < P_MAX and same_day.q < 0.05 and same_day.ci_low > 0
    assert not same_day.significant  # would be named from eight weeks on


def spells_diary(seed, days=120, effect=1.5, lag=1):
    """A tag that comes in spells of 3-7 days ('cold spell') acting on the next day."""
    rng = np.random.default_rng(seed)
    spell, t = np.zeros(days), 0
    while t < days:
        t += int(rng.integers(3, 12))
        length = int(rng.integers(3, 8))
        spell[t : t + length] = 1
        t += length
    spell = spell[:days]
    nulls = {f"null{i}": (rng.random(days) < 0.3).astype(float) for i in range(3)}
    pain = np.empty(days)
    for d in range(days):
        level = 5.0 + (0.5 * (pain[d - 1] - 5.0) if d else 0.0)
        level += effect * spell[d - lag] if d >= lag else 0.0
        pain[d] = level + rng.normal()
    factors = {"cold spell": tuple(spell), **{k: tuple(v) for k, v in nulls.items()}}
    dates = tuple(START + timedelta(days=d) for d in range(days))
    return DailyTable(dates, tuple(np.round(pain, 1)), factors)


def test_a_tag_in_spells_is_named_for_the_day_or_the_day_after_when_the_day_is_unclear():
    found = [f for f in detect(spells_diary(seed=2)) if f.factor == "cold spell"]
    (spell,) = found  # one entry instead of two unclear single days
    assert spell.status == TESTED and spell.lag is None and spell.significant
    assert spell.direction == "raises" and spell.ci_low < 1.5 < spell.ci_high
    assert spell.p <= P_MAX and spell.q <= 0.05
    assert spell.message.startswith(
        "'cold spell' goes with more pain on the day or the day after; the diary cannot yet "
        "tell which. When you logged it two days running, your pain was on average 1.6 points "
        "higher than after two days without it (likely between"
    )
    # most such diaries can still tell the day: the next day is named
    named = [
        (f.lag, f.direction) for s in (1, 3, 4) for f in detect(spells_diary(seed=s))
        if f.significant
    ]
    assert named == [(1, "raises")] * 3


def test_either_day_needs_both_days_to_point_the_same_way():
    from pacewise.core.insights.trigger_model import Estimate
    from pacewise.core.insights.triggers import _Bar, _either_day

    def day(lag, effect):
        return Finding("x", TESTED, lag, "raises" if effect > 0 else "lowers", effect,
                       effect - 2, effect + 2, 0.01, 0.02, 90)  # fmt: skip

    joint = Estimate(1.6, 0.3, 80, 1e-5)
    same = _either_day([day(0, 0.7), day(1, 0.9)], "x", joint, 0.001, _Bar(0.05, P_MAX))
    assert [(f.lag, f.significant) for f in same] == [(None, True)]
    split = [day(0, -0.4), day(1, 1.9)]
    assert _either_day(split, "x", joint, 0.001, _Bar(0.05, P_MAX)) == split
    weak = Estimate(1.6, 0.3, 80, 0.002)  # joint p above the bar
    kept = [day(0, 0.7), day(1, 0.9)]
    assert _either_day(kept, "x", weak, 0.001, _Bar(0.05, P_MAX)) == kept



def blank_zeros_on_harder_days(table, name):
    """Leave `name` blank instead of 0 on the days with pain above its 40th centile, as a
    person who ticks only what happened might on a bad day."""
    pain = np.array([np.nan if p is None else p for p in table.pain])
    cut = np.nanquantile(pain, 0.4)
    cells = [None if v == 0.0 and pain[t] > cut else v for t, v in enumerate(table.factors[name])]
    return DailyTable(table.dates, table.pain, {**table.factors, name: tuple(cells)})


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_a_tag_left_blank_on_harder_days_is_held_back_unless_it_holds_with_blanks_as_no(seed):
    diary = planted(days=240, seed=seed, effects=(("alcohol", 0, 2.0),), extra_nulls=3)
    findings = detect(blank_zeros_on_harder_days(diary, "null0"))
    assert flagged(findings) == {("alcohol", 0, "raises")}
    held = [f for f in findings if f.factor == "null0" and "left blank on harder days" in f.message]
    assert held, "the blank days made null0 look like a trigger; the check must have held it"
    assert all(f.status == TESTED and not f.significant and f.effect > 0 for f in held)
    assert "enter 0" in held[0].message


@pytest.mark.parametrize("seed", range(4))
def test_a_real_trigger_left_blank_on_harder_days_is_still_named(seed):
    diary = planted(days=240, seed=seed, effects=(("alcohol", 0, 2.0),), extra_nulls=3)
    findings = detect(blank_zeros_on_harder_days(diary, "alcohol"))
    assert ("alcohol", 0, "raises") in flagged(findings)
    assert not any("left blank" in f.message for f in findings)


def test_blanks_at_random_do_not_hold_a_pattern_back():
    findings = detect(planted(days=180, seed=2, blank_cells=0.15))
    assert ("alcohol", 0, "raises") in flagged(findings)
    assert not any("left blank" in f.message for f in findings)


def test_the_table_of_days_leaves_a_tag_blank_on_a_day_with_no_check_in():
    from pacewise.core.day_summary import DaySummary
    from pacewise.core.insights.triggers import table_of_days

    def day(d, pain):
        return DaySummary(date=d, avg_pain=pain, morning_pain=None, fatigue=None,
                          sleep_hours=7.0, sleep_quality=None, stress=3, mood=None,
                          flare=False, minutes=10.0, checkins=1, sessions=())  # fmt: skip

    first, second, third = date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 3)
    table = table_of_days(
        [day(first, 4.0), day(second, 5.0), day(third, None)],
        {first: {"wine"}, second: set()},
    )
    assert table.factors["wine"] == (1.0, 0.0, None)  # not logged is not "no"
    assert table.factors["stress"] == (3.0, 3.0, 3.0)
    assert table.pain == (4.0, 5.0, None)
