"""Benchmark: is the flare outlook calibrated on simulated people it never saw?

People come from the pacing simulator (`pacewise.simulation.model_a`), living under three
strategies that give different load patterns (boom-bust, fixed progression, rest when it
hurts). The outlook reads only what the diary shows (reported pain, sleep, stress, minutes and
declared flares); the truth it is judged against is the simulator's hidden flare state: a row is
a day not in a flare, and the outcome is "a flare is going on within the next 48 hours".

--fit fits the population coefficients on training people (seeds "train-*") and prints them
for `POPULATION` in src/pacewise/core/insights/forecast.py. The evaluation uses other people
(seeds "test-*"): Brier score, the Brier score of always saying the base rate, and a
reliability table; then the same with personal refits (population prior) on the people's own
first 180 days, scored on their next 90.

Run: .venv/bin/python bench/flare_outlook.py [--people 120] [--fit]
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import timedelta

import numpy as np

from pacewise.core.insights import forecast
from pacewise.core.insights.forecast import OutlookDay
from pacewise.simulation.model_a import draw_person, run_person
from pacewise.simulation.strategies import boom_bust, fixed_progression, rest_when_it_hurts

STRATEGIES = (boom_bust, fixed_progression, rest_when_it_hurts)
BINS = (0.0, 0.02, 0.05, 0.1, 0.2, 1.01)


def diary(run) -> list[OutlookDay]:
    return [
        OutlookDay(r.date, r.pain, r.sleep_hours, r.stress, sum(s.amount for s in r.sessions),
                   r.flare)
        for r in run.history
    ]  # fmt: skip


def rows(run, first=None, last=None):
    """(features, outcome) for the days of `run` between first and last (dates)."""
    days = diary(run)
    truth = {t.date: t.in_flare for t in run.truth}
    out = []
    for t in run.truth:
        if t.in_flare or (first and t.date < first) or (last and t.date > last):
            continue
        ahead = [truth.get(t.date + timedelta(days=i)) for i in (1, 2)]
        if None in ahead:
            continue
        x = forecast.features([d for d in days if d.date <= t.date], t.date)
        if x is not None:
            out.append((x, float(any(ahead))))
    return out


def people(prefix: str, n: int, days: int):
    for i in range(n):
        person = draw_person(random.Random(f"{prefix}-{i}"))
        yield run_person(person, STRATEGIES[i % len(STRATEGIES)], days, f"{prefix}-{i}")


def reliability(pred: np.ndarray, y: np.ndarray, bins=BINS) -> None:
    print("| predicted chance | days | mean predicted | observed |")
    print("|---|---:|---:|---:|")
    for lo, hi in zip(bins, bins[1:], strict=False):
        sel = (pred >= lo) & (pred < hi)
        if sel.any():
            print(f"| {lo:.0%}–{min(hi, 1):.0%} | {sel.sum()} | {pred[sel].mean():.3f} "
                  f"| {y[sel].mean():.3f} |")  # fmt: skip


def brier(pred: np.ndarray, y: np.ndarray, base: float) -> None:
    b, ref = np.mean((pred - y) ** 2), np.mean((base - y) ** 2)
    print(f"Brier {b:.4f}; always the base rate ({base:.3f}): {ref:.4f}; skill {1 - b / ref:+.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=120)
    parser.add_argument("--fit", action="store_true")
    args = parser.parse_args()
    t0 = time.perf_counter()
    if args.fit:
        train = [r for run in people("train", 3 * args.people, 270) for r in rows(run)]
        x = np.array([r[0] for r in train])
        y = np.array([r[1] for r in train])
        coef = forecast.fit(x, y, prior=(0.0,) * (1 + len(forecast.FEATURES)), prior_sd=None)
        print(f"train rows {len(y)}, flare-ahead rate {y.mean():.3f}")
        print("POPULATION =", tuple(round(c, 2) for c in coef))
        return
    runs = list(people("test", args.people, 270))
    base_rows = [r for run in runs for r in rows(run)]
    x = np.array([r[0] for r in base_rows])
    y = np.array([r[1] for r in base_rows])
    pred = np.array([forecast.chance(forecast.POPULATION, xi) for xi in x])
    print(f"\nPopulation model, {args.people} unseen people x 270 days, {len(y)} days")
    brier(pred, y, y.mean())
    reliability(pred, y)
    # personal refits: learn on days 1-180 (declared flares only), score days 181-270
    p_pop, p_own, y_late, used = [], [], [], 0
    for run in runs:
        cut = run.start + timedelta(days=180 - forecast.WINDOW_DAYS)
        early = [d for d in diary(run) if d.date <= cut]
        own = forecast.personal_coefficients(early)
        used += own is not None
        for xi, yi in rows(run, first=cut + timedelta(days=1)):
            p_pop.append(forecast.chance(forecast.POPULATION, xi))
            coef, cov = own or (forecast.POPULATION, None)
            p_own.append(forecast.chance(coef, xi, cov))
            y_late.append(yi)
    p_pop, p_own, y_late = map(np.array, (p_pop, p_own, y_late))
    print(f"\nLater days ({len(y_late)}), personal refit used for {used} of {len(runs)} people")
    print("population only: ", end="")
    brier(p_pop, y_late, y.mean())
    print("with personal refits: ", end="")
    brier(p_own, y_late, y.mean())
    reliability(p_own, y_late)
    rng = np.random.default_rng(0)
    history = diary(runs[0])
    today = history[-1].date
    t1 = time.perf_counter()
    for _ in range(20):
        forecast.outlook(history, today)
    print(
        f"\noutlook for one person: {(time.perf_counter() - t1) / 20 * 1000:.1f} ms; "
        f"bench {time.perf_counter() - t0:.0f} s"
    )
    del rng


if __name__ == "__main__":
    main()
