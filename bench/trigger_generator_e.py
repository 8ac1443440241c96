"""Generator E: an out-of-sample test, written without reading the detector or its notes.

Each diary comes from a day-by-day life and a person's way of keeping the diary:
- Rating style: some people rate on a narrow band (pain 3-6 where others use 1-9) and favour
  some numbers (even numbers, or a 5 when unsure), so whole-point pain loses information.
- A change of treatment: in most diaries pain steps down by 0.8-2 points over 1-2 weeks
  at a random point mid-diary, and physio exercises become more frequent from then on (the new
  plan includes them; they are a common-cause companion of the step, not a helper).
- A wearable: "sleep hours" and "steps" come from a watch; the sleep that matters is the true
  sleep, the watch reads it with about half an hour of error.
- Effects change shape: some fade over the months (habituation, 1.5x at the start to 0.5x at
  the end) and numeric ones may saturate (diminishing returns), with the same average
  direction and size as a straight-line effect.
- Logging: weekends are skipped more often, a bad stretch is often followed by a gap of 4-12
  days, and on bad days a tag that did not happen is often left blank rather than recorded as
  0 (only what happened gets ticked); late entries copy yesterday's answers (pain too).
- Common causes: an evening out brings drinks and a late night, and a late night shortens the
  next night's sleep; a workday brings long sitting, stress, fewer steps and more coffee.
- Reverse causation: after a bad few days (the mean of the last three, not just yesterday)
  the heat pack comes out and screen hours go up; neither has any effect on pain. Reactions
  to the same day's pain are left out: they look exactly like a same-day effect.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
from trigger_cases import CLEAR, START, Case, Scenario, ar1

from pacewise.core.insights.triggers import DailyTable

GROUPS = (  # factors that share a common cause: related to one another
    ("drinks", "late night", "sleep hours"),
    ("long sitting", "stress", "steps", "coffee cups"),
)
TAGS = ("drinks", "late night", "long sitting", "physio exercises", "takeaway", "heat pack")
SELF_REPORTED = TAGS + ("stress", "coffee cups", "screen hours")  # can be copied forward


def _life(rng: np.random.Generator, days: int, weekday: np.ndarray, after: np.ndarray):
    """Factor values on every day, plus the true sleep the watch tries to measure."""
    work = (weekday < 5) & (rng.random(days) < 0.9)
    out = rng.random(days) < np.where(np.isin(weekday, (4, 5)), 0.35, 0.08)
    late = (out & (rng.random(days) < 0.6)) | (rng.random(days) < 0.07)
    prev_late = np.concatenate([[0.0], late[:-1]])
    sleep = rng.uniform(6.5, 7.8) + 0.7 * ar1(rng, days, 0.3) - 1.0 * prev_late
    sitting = (work & (rng.random(days) < 0.8)) | (rng.random(days) < 0.05)
    physio = rng.random(days) < rng.uniform(0.15, 0.35) + 0.25 * after
    pool = {
        "sleep hours": np.round(sleep + rng.normal(0, 0.5, days), 1),
        "steps": np.round(rng.lognormal(8.7, 0.35, days) * np.where(sitting, 0.75, 1.0), -1),
        "drinks": ((out & (rng.random(days) < 0.75)) | (rng.random(days) < 0.04)).astype(float),
        "late night": late.astype(float),
        "long sitting": sitting.astype(float),
        "stress": np.clip(np.round(3.5 + 1.6 * ar1(rng, days, 0.5) + 1.2 * work), 0, 10),
        "coffee cups": np.clip(rng.poisson(rng.uniform(1.0, 2.5) + 1.0 * work), 0, 7) * 1.0,
        "physio exercises": physio.astype(float),
        "takeaway": (rng.random(days) < np.where(weekday >= 4, 0.25, 0.08)).astype(float),
    }
    return pool, sleep


def _shaped(rng: np.random.Generator, z: np.ndarray, binary: bool) -> np.ndarray:
    """The effect's course per unit: straight, fading over the months, or saturating."""
    shape = rng.choice(["straight", "fading", "saturating"][: 2 if binary else 3])
    if shape == "fading":
        return z * np.linspace(1.5, 0.5, z.size)
    if shape == "saturating":  # rescaled so its average slope on z is still 1
        f = np.tanh(z)
        f -= f.mean()
        return f * (z @ z) / (f @ z)
    return z


def _report(rng: np.random.Generator, latent: np.ndarray, level: float) -> np.ndarray:
    """Whole-point ratings with a person's band and favourite numbers."""
    band = rng.uniform(0.6, 0.85) if rng.random() < 0.3 else 1.0
    v = np.clip(level + band * (latent - level), 0, 10)
    favour, q = rng.choice(["even", "five", "none"]), rng.uniform(0.15, 0.4)
    pick = rng.random(v.size) < q  # the days the favourite numbers win
    if favour == "even":
        return np.where(pick, np.clip(2 * np.round(v / 2), 0, 10), np.round(v))
    if favour == "five":
        return np.where(pick & (np.abs(v - 5) < 1.0), 5.0, np.round(v))
    return np.round(v)


def make_case_e(rng: np.random.Generator, days: int, scenario: Scenario = CLEAR) -> Case:
    t = np.arange(days)
    weekday = (START.weekday() + t) % 7
    treated = rng.random() < 0.7
    start, ramp = int(rng.integers(int(0.3 * days), int(0.7 * days))), int(rng.integers(7, 15))
    step = np.clip((t - start) / ramp, 0, 1) if treated else np.zeros(days)
    pool, sleep = _life(rng, days, weekday, step >= 1)
    names = list(pool)
    k = int(rng.integers(5, len(names) + 1))
    chosen = sorted(rng.choice(len(names), size=k, replace=False))
    pool = {names[i]: pool[names[i]] for i in chosen}
    sigma, phi = rng.uniform(0.8, 1.4), rng.uniform(0.3, 0.7)
    scale = sum(scenario.numeric_effect) / 2 / 1.2  # 1.0 clear, 0.5 subtle, 0 no effect
    effects, truth = np.zeros(days), {}
    if scale > 0:
        n_true = int(rng.integers(1, 4))
        causal = rng.choice(list(pool), size=n_true, replace=False)
        for name in causal:
            x = sleep if name == "sleep hours" else pool[name]  # the true sleep matters
            binary = name in TAGS
            z = x - x.mean() if binary else (x - x.mean()) / (x.std() or 1.0)
            size = scale * sigma * rng.uniform(0.6, 1.0) * (2.0 if binary else 1.0)
            lag, sign = int(rng.integers(0, 2)), rng.choice([-1.0, 1.0])
            course = _shaped(rng, z, binary)
            effects += sign * size * (np.concatenate([[0.0], course[:-1]]) if lag else course)
            truth[(str(name), lag)] = "raises" if sign > 0 else "lowers"
    level = rng.uniform(3.5, 6.5)
    latent = level - rng.uniform(0.8, 2.0) * step + sigma * ar1(rng, days, phi) + effects
    # the mean of the last three days' pain, today excluded: what the reactive factors follow
    past = np.convolve(latent - np.median(latent), np.ones(3) / 3, mode="full")[:days]
    past = np.concatenate([[0.0], past[:-1]])
    pool["heat pack"] = (rng.random(days) < np.clip(0.08 + 0.2 * past, 0, 0.8)) * 1.0
    if rng.random() < 0.6:
        screen = 2.5 + 0.7 * past + rng.normal(0, 1.0, days)
        pool["screen hours"] = np.round(2 * np.clip(screen, 0, 12)) / 2
    pain = _report(rng, latent, level)
    keep = _kept_days(rng, latent, weekday)
    related = {g for n, _ in truth for group in GROUPS if n in group for g in group} & set(pool)
    related -= {n for n, _ in truth}
    return Case(_diary(rng, pain, pool, keep, weekday), truth, pool, tuple(sorted(related)))


def _kept_days(rng: np.random.Generator, latent: np.ndarray, weekday: np.ndarray) -> np.ndarray:
    days = latent.size
    skip = rng.uniform(0.02, 0.08) + np.where(weekday >= 5, rng.uniform(0.1, 0.25), 0.0)
    keep = rng.random(days) >= skip
    stretch = np.convolve(latent, np.ones(3) / 3, mode="full")[:days]  # mean of the last 3 days
    bar, last_gap = np.quantile(stretch[2:], 0.9) if days > 3 else np.inf, -99
    for t in range(3, days):
        if stretch[t] >= bar and t - last_gap > 20 and rng.random() < 0.5:
            keep[t + 1 : t + 1 + int(rng.integers(4, 13))] = False
            last_gap = t
    return keep


def _diary(
    rng: np.random.Generator, pain: np.ndarray, pool: dict, keep: np.ndarray, weekday: np.ndarray
) -> DailyTable:
    """Logged values: blank 0s on bad days, random blanks, then late entries copied forward."""
    days = pain.size
    bad = pain >= np.median(pain) + 1
    skip_zero = np.where(bad, rng.uniform(0.3, 0.6), rng.uniform(0.0, 0.06))
    logged = {}
    for name, x in pool.items():
        hole = rng.random(days) < 0.02
        if name in TAGS:
            hole |= (x == 0) & (rng.random(days) < skip_zero)
        logged[name] = np.where(hole, np.nan, x)
    pain = pain.copy()
    late = rng.random(days) < rng.uniform(0.03, 0.1) * np.where(np.isin(weekday, (0, 6)), 2, 1)
    for t in np.flatnonzero(late[1:] & keep[1:] & keep[:-1]) + 1:
        for name in SELF_REPORTED:
            if name in logged and rng.random() < 0.8:
                logged[name][t] = logged[name][t - 1]
        if rng.random() < 0.5:
            pain[t] = pain[t - 1]

    kept = np.flatnonzero(keep)

    def cells(values: np.ndarray) -> tuple[float | None, ...]:
        return tuple(None if np.isnan(values[i]) else float(values[i]) for i in kept)

    return DailyTable(
        dates=tuple(START + timedelta(days=int(i)) for i in kept),
        pain=cells(pain),
        factors={name: cells(x) for name, x in logged.items()},
    )
