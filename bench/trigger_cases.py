"""What the trigger benchmark's generators share: scenarios of effect size and the case they
return (bench/trigger_detection.py, bench/trigger_generator_e.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from pacewise.core.insights.triggers import DailyTable

START = date(2025, 1, 1)


@dataclass(frozen=True)
class Scenario:
    name: str
    binary_effect: tuple[float, float]  # pain points when present
    numeric_effect: tuple[float, float]  # pain points per SD of the factor
    noise: tuple[float, float]  # SD of the day-to-day noise
    prevalence: tuple[float, float]


CLEAR = Scenario("clear effects", (1.5, 3.0), (0.8, 1.6), (0.7, 1.4), (0.15, 0.5))
SUBTLE = Scenario("subtle effects", (0.8, 1.5), (0.4, 0.8), (0.8, 1.6), (0.1, 0.5))
# The same diaries with every effect set to zero: any flag is a false one.
NO_EFFECT = Scenario("no effects", (0.0, 0.0), (0.0, 0.0), (0.7, 1.4), (0.15, 0.5))


@dataclass(frozen=True)
class Case:
    table: DailyTable
    truth: dict[tuple[str, int], str]  # (factor, lag) -> "raises" | "lowers"
    complete: dict[str, np.ndarray]  # every factor on every calendar day, before blanks
    related: tuple[str, ...]  # factors the oracle is told about besides the true ones


def ar1(rng: np.random.Generator, days: int, phi: float) -> np.ndarray:
    """AR(1) with unit marginal variance (used by generators E and F)."""
    z = np.empty(days)
    z[0] = rng.normal()
    for t in range(1, days):
        z[t] = phi * z[t - 1] + np.sqrt(1 - phi**2) * rng.normal()
    return z
