"""Compare the pacing engine with what people do without it, in simulated people.

    .venv/bin/python bench/pacing_strategies.py [--people 300] [--weeks 12] [--workers 2]

Each person lives 14 logged days of habit (the baseline), then 12 weeks under each strategy,
with the same hidden traits and the same random draws for every strategy (a paired design).
Prints, for everyone and for fatigue-dominant people: median capacity gain, mean flare days,
median total activity minutes and mean change in true pain (last 2 weeks vs baseline).
The simulator model is described in docs/evidence/simulation.md.
"""

from __future__ import annotations

import argparse
import random
from concurrent.futures import ProcessPoolExecutor
from statistics import mean, median

from pacewise.core.simulate import Run, draw_person, run_person
from pacewise.core.strategies import ANCHORS, engine

STRATEGIES = {"pacing engine": engine, **ANCHORS}


def person_outcomes(args: tuple[int, int]) -> list[tuple[str, bool, float, int, float, float]]:
    index, weeks = args
    person = draw_person(random.Random(f"person-{index}"), fatigue_dominant=index % 3 == 0)
    rows = []
    for name, strategy in STRATEGIES.items():
        run = run_person(person, strategy, days=7 * weeks, seed=index)
        rows.append((name, person.fatigue_dominant, *_measure(run)))
    return rows


def _measure(run: Run) -> tuple[float, int, float, float]:
    days = run.strategy_days()
    before = [d for d in run.truth if d.date < run.start]
    start_cap = mean(before[-1].capacity.values())
    end_cap = mean(days[-1].capacity.values())
    flare_days = sum(d.in_flare for d in days)
    minutes = sum(sum(d.amounts.values()) for d in days)
    pain_change = mean(d.pain for d in days[-14:]) - mean(d.pain for d in before)
    return end_cap / start_cap - 1, flare_days, minutes, pain_change


def table(rows: list, title: str) -> str:
    lines = [f"### {title} (n = {len(rows) // len(STRATEGIES)})", "",
             "| strategy | median capacity gain | mean flare days | median total minutes "
             "| mean pain change |", "|---|---:|---:|---:|---:|"]
    for name in STRATEGIES:
        mine = [r for r in rows if r[0] == name]
        lines.append(
            f"| {name} | {100 * median(r[2] for r in mine):+.1f}% "
            f"| {mean(r[3] for r in mine):.1f} | {median(r[4] for r in mine):.0f} "
            f"| {mean(r[5] for r in mine):+.2f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--weeks", type=int, default=12)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    jobs = [(i, args.weeks) for i in range(args.people)]
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        rows = [row for rows in pool.map(person_outcomes, jobs, chunksize=8) for row in rows]
    print(table(rows, f"Everyone, {args.weeks} weeks"))
    print()
    print(table([r for r in rows if r[1]], f"Fatigue-dominant, {args.weeks} weeks"))


if __name__ == "__main__":
    main()
