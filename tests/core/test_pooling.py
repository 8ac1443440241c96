"""Population pooling (empirical Bayes), with hand-worked numbers."""

from __future__ import annotations

import pytest

from pacewise.core import pooling
from pacewise.core.triggers import Finding

# Two others, 1.0 and 3.0, each with se 0.5: weights 4 and 4, fixed mean 2.0, Q = 8,
# tau^2 = (8 - 1) / (8 - 32 / 8) = 1.75; random-effects weights 1 / 2 each, mean 2.0, se 1.0.
SPREAD = [(1.0, 0.5), (3.0, 0.5)]


def finding(effect: float, se: float, factor: str = "Late coffee", lag: int = 0) -> Finding:
    half = pooling.Z95 * se
    return Finding(factor=factor, status="tested", lag=lag, direction="raises", effect=effect,
                   ci_low=effect - half, ci_high=effect + half, p=0.01, q=0.02, n=60,
                   message="On days you logged 'late coffee', ...")  # fmt: skip


def test_dersimonian_laird_by_hand():
    pop = pooling.population(SPREAD)
    assert pop == pooling.Population(mean=2.0, mean_se=1.0, tau2=1.75, people=2)


def test_a_noisy_estimate_moves_most():
    pop = pooling.population(SPREAD)
    noisy, precise = pooling.shrink(0.0, 2.0, pop), pooling.shrink(0.0, 0.5, pop)
    assert noisy.shrinkage == pytest.approx(4 / 5.75)  # B = s^2 / (s^2 + tau^2)
    assert noisy.effect == pytest.approx(2.0 * 4 / 5.75)  # 1.391
    assert precise.shrinkage == pytest.approx(0.125) and precise.effect == pytest.approx(0.25)
    # variance s^2 (1 - B) + B^2 Var(mu) = 4 * 1.75 / 5.75 + (4 / 5.75)^2 = 1.7013
    assert noisy.ci_high - noisy.effect == pytest.approx(pooling.Z95 * 1.7013**0.5, rel=1e-4)


def test_with_no_between_person_variance_everyone_moves_to_the_mean():
    pop = pooling.population([(1.0, 1.0), (1.5, 1.0), (2.0, 1.0)])  # Q = 0.5 < k - 1
    assert pop.tau2 == 0.0 and pop.mean == pytest.approx(1.5)
    for own in (5.0, -3.0):
        moved = pooling.shrink(own, 0.1, pop)
        assert moved.shrinkage == 1.0 and moved.effect == pytest.approx(1.5)
        assert moved.ci_high - moved.effect == pytest.approx(pooling.Z95 * (1 / 3) ** 0.5)


@pytest.mark.parametrize("others", [[], [(1.0, 0.5)]])
def test_with_one_or_zero_others_nothing_changes(others):
    assert pooling.population(others) is None
    own = [finding(2.5, 0.4)]
    pooled = pooling.pool(own, [{("late coffee", 0): o} for o in others])
    assert pooled == {} and pooling.steady(own, pooled) == own


def test_findings_are_matched_by_name_and_lag_and_the_sentence_says_pooling_was_used():
    own = [finding(0.0, 2.0), finding(1.0, 0.3, lag=1), Finding("walk", "insufficient")]
    others = [{("late coffee", 0): o, ("walk", 0): (9.0, 1.0)} for o in SPREAD]
    pooled = pooling.pool(own, others, min_people=2)
    assert set(pooled) == {("late coffee", 0)}  # the next-day finding has no peers
    assert pooled[("late coffee", 0)].effect == pytest.approx(1.391, abs=1e-3)
    shown = pooling.steady(own, pooled)
    assert shown[0].effect == 0.0  # the person's own estimate is kept beside the pooled one
    assert shown[0].message.endswith(
        "Estimate steadied with patterns from 2 people at your clinic: +1.4 points "
        "(likely between -1.2 and 3.9)."
    )
    assert shown[1:] == own[1:] and pooling.people(pooled) == 2


def test_a_person_contributes_only_tested_estimates():
    own = [finding(2.5, 0.4), Finding("walk", "insufficient", days_needed=5),
           Finding("tea", "entangled", lag=0)]  # fmt: skip
    (only,) = pooling.estimates(own).items()
    assert only[0] == ("late coffee", 0)
    assert only[1] == pytest.approx((2.5, 0.4))


def test_the_product_waits_for_five_others_before_pooling():
    own = [finding(2.5, 0.4)]
    four = [{("late coffee", 0): (1.0 + i / 10, 0.5)} for i in range(4)]
    assert pooling.pool(own, four) == {}
    five = four + [{("late coffee", 0): (1.5, 0.5)}]
    assert pooling.pool(own, five)[("late coffee", 0)].people == 5
