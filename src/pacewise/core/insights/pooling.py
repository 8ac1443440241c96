"""Population pooling: steady a person's effect estimates with their clinic's (empirical Bayes).

For one factor at one lag, each of the *other* consenting people at the clinic brings an
estimate y_i with its standard error s_i. Their population mean mu and between-person
variance tau^2 come from the DerSimonian-Laird moment estimator (Control Clin Trials
1986;7:177-188). The person's own estimate y (standard error s) is then shrunk toward mu by
the factor B = s^2 / (s^2 + tau^2), scaled by (k - 3)/(k - 1) for k others: a noisy
estimate (large s) moves most, and with no between-person variance (tau^2 = 0) everyone moves
most of the way to the mean. The variance of the result, s^2 (1 - B) + B^2 Var(mu) +
2/(k - 3) B^2 (y - mu)^2, allows for mu and B being estimated (Morris, JASA 1983;78:47-55).
Without the last two corrections 95% intervals covered the truth only 83% of the time in
simulated clinics (bench/pooling_coverage.py). With fewer than MIN_OTHERS others nothing
changes.

Pooling only ever changes the *size* shown for a pattern the person's own diary already
tested; whether a pattern is named (`significant`) stays with the person's own data and its
false-discovery control (docs/evidence/triggers.md).

Pure: no Django, no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from pacewise.core.insights import trigger_text as text
from pacewise.core.insights.triggers import TESTED, Finding

MIN_OTHERS = 4  # Morris's corrections in `shrink` need k - 3 >= 1
# Privacy: with very few others, a person could roughly work out their average effect from
# their own pooled figure. Pooling in the product waits for at least five (a convention).
PRIVACY_MIN_PEOPLE = 5
Z95 = 1.959963984540054

Key = tuple[str, int]  # (factor name as compared across people, lag)


@dataclass(frozen=True)
class Population:
    mean: float
    mean_se: float
    tau2: float  # between-person variance of the true effects
    people: int


@dataclass(frozen=True)
class Pooled:
    effect: float
    ci_low: float
    ci_high: float
    shrinkage: float  # B: 0 = own estimate kept, 1 = moved all the way to the mean
    people: int


def population(others: Sequence[tuple[float, float]]) -> Population | None:
    """DerSimonian-Laird mean and between-person variance from (estimate, se) pairs."""
    usable = [(y, s) for y, s in others if math.isfinite(y) and math.isfinite(s) and s > 0]
    k = len(usable)
    if k < MIN_OTHERS:
        return None
    w = [1 / s**2 for _, s in usable]
    sw = sum(w)
    fixed = sum(wi * y for wi, (y, _) in zip(w, usable, strict=True)) / sw
    q = sum(wi * (y - fixed) ** 2 for wi, (y, _) in zip(w, usable, strict=True))
    tau2 = max(0.0, (q - (k - 1)) / (sw - sum(wi**2 for wi in w) / sw))
    w_star = [1 / (s**2 + tau2) for _, s in usable]
    mean = sum(wi * y for wi, (y, _) in zip(w_star, usable, strict=True)) / sum(w_star)
    return Population(mean, math.sqrt(1 / sum(w_star)), tau2, k)


def shrink(effect: float, se: float, pop: Population) -> Pooled:
    """The person's estimate moved toward the population mean, with a 95% interval.

    Morris's corrections for an estimated tau^2: the shrinkage is scaled by (k - 3)/(k - 1),
    and the variance gains 2/(k - 3) * B^2 * (y - mu)^2, so a person far from the others is
    not pulled in with false confidence when tau^2 happened to be estimated near zero.
    """
    k = pop.people
    full = 1.0 if pop.tau2 + se**2 == 0 else se**2 / (se**2 + pop.tau2)
    b = full * (k - 3) / (k - 1)
    centre = b * pop.mean + (1 - b) * effect
    spread = 2 / (k - 3) * b**2 * (effect - pop.mean) ** 2
    sd = math.sqrt(se**2 * (1 - b) + b**2 * pop.mean_se**2 + spread)
    return Pooled(centre, centre - Z95 * sd, centre + Z95 * sd, b, pop.people)


def key(factor: str, lag: int) -> Key:
    return (" ".join(factor.casefold().split()), lag)


def estimates(findings: Sequence[Finding]) -> dict[Key, tuple[float, float]]:
    """A person's own tested estimates, (effect, se) per factor and lag: what they contribute.

    The standard error is read back from the 95% interval as half its width / 1.96; the
    interval used t with at least 15 degrees of freedom, so this overstates the error by at
    most 9% (under 2% from 60 usable days): pooling then leans, if anything, less on anyone.
    """
    out: dict[Key, tuple[float, float]] = {}
    for f in findings:
        if f.status != TESTED or f.lag is None or f.effect is None:
            continue
        if f.ci_low is None or f.ci_high is None:
            continue
        se = (f.ci_high - f.ci_low) / (2 * Z95)
        if math.isfinite(se) and se > 0 and math.isfinite(f.effect):
            out[key(f.factor, f.lag)] = (f.effect, se)
    return out


def pool(
    findings: Sequence[Finding],
    others: Sequence[Mapping[Key, tuple[float, float]]],
    *,
    min_people: int = PRIVACY_MIN_PEOPLE,
) -> dict[Key, Pooled]:
    """Pooled estimates for the person's tested findings where enough others tested the same."""
    out: dict[Key, Pooled] = {}
    for k, (effect, se) in estimates(findings).items():
        pop = population([o[k] for o in others if k in o])
        if pop is not None and pop.people >= min_people:
            out[k] = shrink(effect, se, pop)
    return out


def steady(findings: Sequence[Finding], pooled: Mapping[Key, Pooled]) -> list[Finding]:
    """The findings with a sentence on the pooled estimate added where pooling was used."""
    out = []
    for f in findings:
        p = pooled.get(key(f.factor, f.lag)) if f.lag is not None else None
        if p is None:
            out.append(f)
            continue
        words = text.pooled_sentence(f.kind, f.step, p.effect, p.ci_low, p.ci_high, p.people)
        out.append(replace(f, message=f"{f.message} {words}"))
    return out


def people(pooled: Mapping[Key, Pooled]) -> int:
    """How many other people the pooled estimates drew on (the most for any one finding)."""
    return max((p.people for p in pooled.values()), default=0)
