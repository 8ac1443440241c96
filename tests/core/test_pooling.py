"""Population pooling (empirical Bayes), with hand-worked numbers."""

from __future__ import annotations

import pytest

from pacewise.core.insights import pooling
from pacewise.core.insights.triggers import Finding

# Four others, 1.0, 3.0, 1.0 and 3.0, each with se 0.5: weights 4 each, fixed mean 2.0,
# Q = 16, tau^2 = (16 - 3) / (16 - 64 / 16) = 13 / 12; random-effects weights 3 / 4 each,
# mean 2.0, Var(mu) = 1 / 3.
SPREAD = [(1.0, 0.5), (3.0, 0.5)] * 2


def finding(effect: float, se: float, factor: str = "Late coffee", lag: int = 0) -> Finding:
    half = pooling.Z95 * se
    return Finding(factor=factor, status="tested", lag=lag, direction="raises", effect=effect,
                   ci_low=effect - half, ci_high=effect + half, p=0.01, q=0.02, n=60,
                   message="On days you logged 'late coffee', ...")  # fmt: skip


def test_dersimonian_laird_by_hand():
    pop = pooling.population(SPREAD)
    assert pop.mean == pytest.approx(2.0) and pop.tau2 == pytest.approx(13 / 12)
    assert pop.mean_se == pytest.approx((1 / 3) ** 0.5) and pop.people == 4


def test_a_noisy_estimate_moves_most():
    pop = pooling.population(SPREAD)
    noisy, precise = pooling.shrink(0.0, 2.0, pop), pooling.shrink(0.0, 0.5, pop)
    # B = s^2 / (s^2 + tau^2) * (k - 3) / (k - 1) = (48 / 61) * (1 / 3) = 16 / 61
    assert noisy.shrinkage == pytest.approx(16 / 61)
    assert noisy.effect == pytest.approx(32 / 61)  # 0.525
    assert precise.shrinkage == pytest.approx(0.0625) and precise.effect == pytest.approx(0.125)
    # s^2 (1 - B) + B^2 Var(mu) + 2 / (k - 3) B^2 (y - mu)^2 = 2.9508 + 0.0229 + 0.5504
    assert noisy.ci_high - noisy.effect == pytest.approx(pooling.Z95 * 3.52414**0.5, rel=1e-4)


def test_with_no_between_person_variance_estimates_move_most_of_the_way_to_the_mean():
    others = [(1.5, 1.0)] * 5 + [(1.0, 1.0), (2.0, 1.0)] * 2  # Q = 1 < k - 1: tau^2 = 0
    pop = pooling.population(others)
    assert pop.tau2 == 0.0 and pop.mean == pytest.approx(1.5) and pop.people == 9
    near, far = pooling.shrink(1.5, 0.1, pop), pooling.shrink(5.0, 0.1, pop)
    assert near.shrinkage == far.shrinkage == pytest.approx(6 / 8)  # (k - 3) / (k - 1)
    assert far.effect == pytest.approx(0.75 * 1.5 + 0.25 * 5.0)
    # 0.01 * 0.25 + 0.5625 / 9 (+ 2 / 6 * 0.5625 * 3.5^2 for the one far from the others)
    assert near.ci_high - near.effect == pytest.approx(pooling.Z95 * 0.065**0.5)
    assert far.ci_high - far.effect == pytest.approx(pooling.Z95 * 2.361875**0.5)


@pytest.mark.parametrize("others", [[], [(1.0, 0.5)], SPREAD[:3]])
def test_with_fewer_than_four_others_nothing_changes(others):
    assert pooling.population(others) is None
    own = [finding(2.5, 0.4)]
    pooled = pooling.pool(own, [{("late coffee", 0): o} for o in others])
    assert pooled == {} and pooling.steady(own, pooled) == own


def test_findings_are_matched_by_name_and_lag_and_the_sentence_says_pooling_was_used():
    own = [finding(0.0, 2.0), finding(1.0, 0.3, lag=1), Finding("walk", "insufficient")]
    others = [{("late coffee", 0): o, ("walk", 0): (9.0, 1.0)} for o in SPREAD]
    pooled = pooling.pool(own, others, min_people=4)
    assert set(pooled) == {("late coffee", 0)}  # the next-day finding has no peers
    assert pooled[("late coffee", 0)].effect == pytest.approx(32 / 61)
    shown = pooling.steady(own, pooled)
    assert shown[0].effect == 0.0  # the person's own estimate is kept beside the pooled one
    assert shown[0].message.endswith(
        "Estimate steadied with patterns from 4 people at your clinic: +0.5 points "
        "(likely between -3.2 and 4.2)."
    )
    assert shown[1:] == own[1:] and pooling.people(pooled) == 4


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
