"""Benchmark: is the flare outlook honest for people it was not fitted to?

For each patient model, people live 180 days under boom-bust, fixed +10%/week and rest when it
hurts (a third each). Every day from day 28 that is not in a flare is scored against the
simulator's hidden truth (a flare is going on within the next 48 hours), with the outlook as
Pacewise states it that day: the population coefficients, calibrated to the person's own
diary so far (core.insights.forecast: own rate with a fading prior, level shift), each day predicted
only from the days before it. It also follows the "numbers only when earned" rule day by day.

Per model it prints: days, observed rate, mean stated chance (and its ratio to the observed
rate: calibration in the large), Brier skill against always saying the observed rate, AUC, the
same without personal calibration (the population model as it was), and the share of days a
number would have been shown with the skill on those days; then a reliability table.

Models: A = pacewise.simulation.model_a (the model the coefficients were fitted to; fresh seeds),
B = pacewise.simulation.model_b (fitness-fatigue, clustered flares, gaps in logging,
flares declared on 60-95% of days), C = bench/model_c.py (written apart from both: a
tolerance curve, cyclical flares in a third of people, no diary signal for the cycle).

Run: .venv/bin/python bench/flare_calibration.py [--people 60] [--days 180] [--sample NAME]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import timedelta

import numpy as np

sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))

from flare_outlook import diary, reliability  # noqa: E402 - shared with the population bench
from model_c import draw_person_c, run_person_c

from pacewise.core.insights import forecast
from pacewise.simulation.model_a import draw_person, run_person
from pacewise.simulation.model_b import draw_variant_person, run_variant_person
from pacewise.simulation.strategies import boom_bust, fixed_progression, rest_when_it_hurts

STRATEGIES = (boom_bust, fixed_progression, rest_when_it_hurts)
BINS = (0.0, 0.02, 0.05, 0.1, 0.2, 0.4, 1.01)
MODELS = {
    "A (fitted model, new people)": (draw_person, run_person),
    "B (variant: fitness-fatigue, gaps)": (draw_variant_person, run_variant_person),
    "C (tolerance curve, cycles in a third)": (draw_person_c, run_person_c),
}



def earned_by_day(scored: forecast.Scored) -> list[bool]:
    """Whether the number was earned on each scored day, from the days scored before it."""
    out = []
    for j, day in enumerate(scored.dates):
        past = [i for i in range(j) if scored.dates[i] + timedelta(days=2) < day]
        if not past:
            out.append(False)
            continue
        keep = np.array(past[-forecast.EARN_WINDOW_DAYS :])
        before = forecast.Scored(
            [scored.dates[i] for i in keep], scored.chance[keep], scored.usual[keep],
            scored.y[keep],
        )  # fmt: skip
        out.append(forecast.earned(before)[0])
    return out


def person_rows(run, days_from: int):
    """(stated chance, population chance, earned, truth) for the scored days of one person."""
    days = diary(run)
    rows = forecast.diary_rows(days)
    scored = forecast.score_own_days(rows, forecast.PRIOR)
    shown = earned_by_day(scored)
    truth = {t.date: t.in_flare for t in run.truth}
    first = run.truth[0].date + timedelta(days=days_from)
    out = []
    for j, day in enumerate(scored.dates):
        if day < first or truth.get(day):
            continue
        ahead = [truth.get(day + timedelta(days=i)) for i in (1, 2)]
        if None in ahead:
            continue
        population = forecast.chance(forecast.POPULATION, rows.x[j])
        out.append((scored.chance[j], population, shown[j], float(any(ahead))))
    return out


def auc(pred: np.ndarray, y: np.ndarray) -> float:
    order = np.argsort(pred)
    ranks = np.empty(len(pred))
    ranks[order] = np.arange(1, len(pred) + 1)
    pos = y == 1
    n_pos, n_neg = pos.sum(), (~pos).sum()
    if not n_pos or not n_neg:
        return float("nan")
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def skill(pred: np.ndarray, y: np.ndarray) -> float:
    return 1 - np.mean((pred - y) ** 2) / np.mean((y.mean() - y) ** 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=60)
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--sample", default="calib", help="seed prefix: another draws new people")
    args = parser.parse_args()
    t0 = time.perf_counter()
    print("| model | days | observed | stated (ratio) | skill | AUC | population only: "
          "stated (ratio), skill | days with a number | skill on them |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    tables = {}
    for name, (draw, run) in MODELS.items():
        rows = []
        for i in range(args.people):
            seed = f"{args.sample}-{name[0]}-{i}"
            person = draw(random.Random(seed))
            rows += person_rows(run(person, STRATEGIES[i % 3], args.days, seed), 28)
        stated, population, shown, y = (np.array(c, dtype=float) for c in zip(*rows, strict=True))
        shown = shown.astype(bool)
        obs = y.mean()
        on_shown = f"{skill(stated[shown], y[shown]):+.3f}" if shown.sum() > 50 else "–"
        print(
            f"| {name} | {len(y)} | {obs:.3f} | {stated.mean():.3f} ({stated.mean() / obs:.2f}) "
            f"| {skill(stated, y):+.3f} | {auc(stated, y):.2f} "
            f"| {population.mean():.3f} ({population.mean() / obs:.2f}), "
            f"{skill(population, y):+.3f} | {shown.mean():.0%} | {on_shown} |"
        )
        tables[name] = (stated, y)
    for name, (stated, y) in tables.items():
        print(f"\nReliability, model {name}")
        reliability(stated, y, BINS)
    print(f"\n({time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":
    main()
