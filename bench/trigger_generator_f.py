"""Generator F: an out-of-sample test, written without reading the detector or its notes.

Each diary is a few months of a life where entries come in bundles and some causes go unlogged:
- Bundles that travel together, of which at most one entry matters: gym days bring a protein
  shake and stretching, a car commute brings long sitting and traffic stress (a 0-10 rating),
  and "steps" and "active minutes" correlate 0.7-0.9. Companions join their leader on 50-95%
  of its days (drawn per diary) and turn up alone now and then.
- Unlogged common causes: busy weeks raise pain a little and bring takeaway meals; rainy
  spells (a weather front) raise pain a little, bring indoor days and cut the steps.
  "takeaway meals" and "indoor day" have no effect of their own and are never true.
- Rhythms: a Monday bump in pain for many people, a monthly (~28-day) cycle for some, gym on
  fixed weekdays, gardening on Saturdays, more steps and sleep at weekends.
- 1-3 true effects among 6-14 factors, at most one per bundle: triggers and helpers, same-day
  or next-day (lag 1); 0/1 tags move pain by scenario.binary_effect, numeric entries by
  scenario.numeric_effect per SD. Under NO_EFFECT the same diaries come with every planted
  effect zero and an empty truth; confounding, rhythms and reactions stay.
- Pain: 0-10 whole points (some people use half points), with a carry-over of yesterday's
  state (0-0.3) on top of AR(1) noise whose SD is scenario.noise.
- Reverse causation: a painkiller and a rest day follow a bad day (the next day); no effect.
- Logging: 5-25% of days missing, part of them in runs of 2-7 days, single gaps more likely
  after a bad day; 0-10% of cells blank, more so on bad days.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
from trigger_cases import CLEAR, START, Case, Scenario, ar1

from pacewise.core.insights.triggers import DailyTable

GROUPS = (  # correlated by construction: companions of one another
    ("gym", "protein shake", "stretching"),
    ("car commute", "long sitting", "traffic stress"),
    ("steps", "active minutes", "indoor day"),  # rain cuts steps and brings indoor days
)
SINGLES = ("takeaway meals", "sleep hours", "caffeine cups", "gardening", "hot bath")
UNITS = GROUPS + tuple((n,) for n in SINGLES + ("screen hours",))  # a diary's building blocks
NUMERIC = {"traffic stress", "steps", "active minutes", "sleep hours", "caffeine cups"}
NUMERIC |= {"screen hours"}  # every other factor is a 0/1 tag
PROXIES = {"takeaway meals", "indoor day"}  # follow an unlogged cause only
REACTIONS = ("painkiller", "rest day")  # follow yesterday's pain only
HELPS = {"stretching", "hot bath", "sleep hours", "gardening", "steps", "active minutes"}


def _halves(x: np.ndarray) -> np.ndarray:
    return np.round(2 * x) / 2


def _joins(rng: np.random.Generator, leader: np.ndarray, alone: float) -> np.ndarray:
    """A companion tag: on 50-95% of the leader's days, and on a few days by itself."""
    tight = rng.uniform(0.5, 0.95)
    return (leader & (rng.random(leader.size) < tight)) | (rng.random(leader.size) < alone)


def _life(rng, days, weekday, scenario):
    """Every candidate factor on every day, plus the unlogged causes (busy weeks, rain)."""
    u = rng.random
    week = (weekday[0] + np.arange(days)) // 7
    busy = (u(week.max() + 1) < rng.uniform(0.2, 0.4))[week]
    rain = np.empty(days, dtype=bool)  # weather fronts: spells of a few days
    rain[0], stay = u() < 0.3, rng.uniform(0.6, 0.8)
    for t in range(1, days):
        rain[t] = rain[t - 1] if u() < stay else u() < 0.3
    weekend = weekday >= 5
    rate = rng.uniform(*scenario.prevalence)
    plan = rng.choice(7, size=int(np.clip(round(7 * rate / 0.8), 1, 4)), replace=False)
    gym = (np.isin(weekday, plan) & (u(days) < 0.8)) | (u(days) < 0.03)
    car = u(days) < np.where(weekend, 0.05, rng.uniform(0.3, 0.9))
    stressed = car & (u(days) < rng.uniform(0.5, 0.95))  # the rating travels with the commute
    high, low = np.round(rng.normal(5.5, 1.5, days)), np.round(rng.normal(0.3, 0.8, days))
    log_steps = np.log(rng.uniform(5000, 9000)) + 0.3 * ar1(rng, days, 0.4) + 0.12 * weekend
    log_steps -= rng.uniform(0.1, 0.3) * rain
    s = (log_steps - log_steps.mean()) / log_steps.std()
    r = rng.uniform(0.75, 0.95)  # before rounding and clipping: lands at about 0.7-0.9
    active = 35 + 18 * (r * s + np.sqrt(1 - r**2) * rng.normal(size=days))
    pool = {
        "gym": gym,
        "protein shake": _joins(rng, gym, 0.03),
        "stretching": _joins(rng, gym, 0.06),
        "car commute": car,
        "long sitting": _joins(rng, car, 0.08),
        "traffic stress": np.where(stressed, np.clip(high, 1, 10), np.clip(low, 0, 10)),
        "steps": np.round(np.exp(log_steps), -1),
        "active minutes": np.clip(np.round(active), 0, None),
        "indoor day": u(days) < np.where(rain, rng.uniform(0.5, 0.8), 0.08),
        "takeaway meals": u(days) < np.where(busy, rng.uniform(0.35, 0.6), 0.08),
        "sleep hours": _halves(rng.uniform(6, 7.5) + 0.8 * ar1(rng, days, 0.3) + 0.5 * weekend),
        "caffeine cups": rng.poisson(rng.uniform(1.0, 3.0), days) * 1.0,
        "gardening": u(days) < np.where(weekday == 5, 0.7, np.where(weekday == 6, 0.2, 0.03)),
        "hot bath": u(days) < rate,
        "screen hours": _halves(np.clip(2 + 1.5 * weekend + rng.normal(0, 1, days), 0, 12)),
    }
    return {k: np.asarray(v, dtype=float) for k, v in pool.items()}, busy, rain


def _pick(rng: np.random.Generator, budget: int) -> list[str]:
    """Whole bundles and single factors, in random order, until the budget is used."""
    names: list[str] = []
    for i in rng.permutation(len(UNITS)):
        names += list(UNITS[i][: budget - len(names)])  # the last bundle may come in part
    if not PROXIES & set(names):  # always at least one entry that follows an unlogged cause
        names[-1] = str(rng.choice(sorted(PROXIES)))
    return names


def make_case_f(rng: np.random.Generator, days: int, scenario: Scenario = CLEAR) -> Case:
    t = np.arange(days)
    weekday = (START.weekday() + t) % 7
    every, busy, rain = _life(rng, days, weekday, scenario)
    reactions = [n for n in REACTIONS if rng.random() < 0.7]
    names = _pick(rng, int(rng.integers(6, 15)) - len(reactions))

    # planted effects: 1-3, at most one per bundle, none on proxies (drawn under NO_EFFECT too)
    drive, truth, used = np.zeros(days), {}, set()
    for name in rng.permutation([n for n in names if n not in PROXIES])[: rng.integers(1, 4)]:
        group = next((g for g in GROUPS if name in g), (name,))
        if group in used:
            continue
        used.add(group)
        x = every[name]
        binary = name not in NUMERIC
        size = rng.uniform(*(scenario.binary_effect if binary else scenario.numeric_effect))
        lean = -1.0 if name in HELPS else 1.0
        sign = lean if rng.random() < 0.75 else -lean
        lag = int(rng.random() < 0.4)
        z = x - x.mean() if binary else (x - x.mean()) / (x.std() or 1.0)
        drive += sign * size * (np.concatenate([[0.0], z[:-1]]) if lag else z)
        if size > 0:
            truth[(str(name), lag)] = "raises" if sign > 0 else "lowers"

    # what stays under NO_EFFECT: unlogged causes and rhythms
    drive += rng.uniform(0.3, 0.8) * busy + rng.uniform(0.2, 0.6) * rain
    if rng.random() < 0.6:
        drive += rng.uniform(0.2, 0.6) * (weekday == 0)
    if rng.random() < 0.4:
        phase = rng.uniform(0, 2 * np.pi)
        drive += rng.uniform(0.3, 0.8) * np.sin(2 * np.pi * t / rng.uniform(26, 32) + phase)

    # pain: carry-over of yesterday's state plus AR(1) noise, reported in whole (or half) points
    carry = rng.uniform(0.0, 0.3) if rng.random() < 0.5 else 0.0
    state = np.zeros(days)
    for d in range(days):
        state[d] = drive[d] + (carry * state[d - 1] if d else 0.0)
    sigma = rng.uniform(*scenario.noise)
    latent = rng.uniform(3.0, 6.0) + state + sigma * ar1(rng, days, rng.uniform(0.2, 0.6))
    step = 0.5 if rng.random() < 0.25 else 1.0  # a quarter of people use half points
    pain = np.clip(np.round(latent / step) * step, 0, 10) + 0.0  # + 0.0 turns -0.0 into 0.0

    # reverse causation: the day after a bad day
    bad = latent >= np.quantile(latent, rng.uniform(0.75, 0.85))
    after = np.concatenate([[False], bad[:-1]])
    chances = {"painkiller": (0.65, 0.06), "rest day": (0.5, 0.1)}
    for name in reactions:
        hi, lo = chances[name]
        every[name] = (rng.random(days) < np.where(after, hi, lo)).astype(float)

    complete = {n: every[n] for n in names + reactions}
    related = {m for n, _ in truth for g in GROUPS if n in g for m in g} & set(complete)
    related -= {n for n, _ in truth}
    keep = _kept_days(rng, after)
    return Case(_diary(rng, pain, complete, keep, bad), truth, complete, tuple(sorted(related)))


def _kept_days(rng: np.random.Generator, after_bad: np.ndarray) -> np.ndarray:
    """5-25% of days missing: runs of 2-7 days, and single days, more often after bad ones."""
    days = after_bad.size
    missing = int(round(rng.uniform(0.05, 0.25) * days))
    keep = np.ones(days, dtype=bool)
    runs = int(rng.uniform(0.2, 0.6) * missing)  # days given to runs (trips, flares, a lapse)
    while runs >= 2:
        size = min(int(rng.integers(2, 8)), runs)
        start = int(rng.integers(1, days - size + 1))
        runs -= int(keep[start : start + size].sum())
        keep[start : start + size] = False
    singles = missing - int((~keep).sum())
    open_days = np.flatnonzero(keep[1:]) + 1  # the diary starts on its first day
    if singles > 0:
        weight = np.where(after_bad[open_days], rng.uniform(2.0, 4.0), 1.0)
        gone = rng.choice(open_days, size=singles, replace=False, p=weight / weight.sum())
        keep[gone] = False
    return keep


def _diary(rng, pain: np.ndarray, complete: dict, keep: np.ndarray, bad: np.ndarray) -> DailyTable:
    """The kept days, with 0-10% of cells left blank (half again as often on bad days)."""
    blank = rng.uniform(0.0, 0.09) * np.where(bad, 1.5, 1.0) / np.where(bad, 1.5, 1.0).mean()
    kept = np.flatnonzero(keep)

    def cells(values: np.ndarray, share: float) -> tuple[float | None, ...]:
        hole = rng.random(values.size) < blank * share
        return tuple(None if hole[i] else float(values[i]) for i in kept)

    return DailyTable(
        dates=tuple(START + timedelta(days=int(i)) for i in kept),
        pain=cells(pain, 0.3),
        factors={name: cells(x, 1.0) for name, x in complete.items()},
    )
