"""Compare the pacing engine with what people do without it, in simulated people.

    .venv/bin/python bench/pacing_strategies.py [--people 300] [--weeks 12] [--workers 2]
                                                [--model A|B|C|all] [--scenario cold|habit|both]
                                                [--first 0]

Two scenarios:
* ``cold``: a new person says at onboarding how much they usually do (their habit, misjudged by
  ±25% or so and rounded to 5 minutes, as people answer) and follows the plan from the first
  day, with the ordinary skipped, short and unlogged days of each model.
* ``habit``: 14 logged days of the person's own habit first, then the plan.

Three patient models, written separately so that a result holding in all of them is less likely to
be one simulator's quirk: A (``pacewise.simulation.model_a``), B (``pacewise.simulation.model_b``)
and C (``bench/model_c.py``, a tolerance curve with cyclical flares for a third of people, written
for the flare outlook bench and run here as it comes; it has no fatigue-dominant people). Every
strategy meets the same person and the same random draws (a paired design).

Rows: the engine, three anchors (what people do without a plan; ``simulation.strategies``) and an
**oracle** that knows the hidden capacity and does 85% of it every day (out of reach for any
real strategy, printed so the distance to it is visible). Per group: median capacity gain (×,
capacity at the end over capacity when the strategy started), mean flare days under the
strategy, median total minutes, mean change in true pain (last 2 weeks against the first 2).
"""

from __future__ import annotations

import argparse
import random
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from statistics import mean, median

sys.path.insert(0, str(Path(__file__).parent))
from model_c import draw_person_c, run_person_c  # noqa: E402

from pacewise.simulation.model_a import WALK, Run, draw_person, run_person  # noqa: E402
from pacewise.simulation.model_b import draw_variant_person, run_variant_person  # noqa: E402
from pacewise.simulation.strategies import ANCHORS, engine  # noqa: E402

ORACLE_SHARE = 0.85


def oracle(profile, history, today, checkin, *, capacity):
    """Knows the hidden capacity (no real strategy does) and does 85% of it every day."""
    return {key: ORACLE_SHARE * c for key, c in capacity.items()}


oracle.sees_capacity = True  # type: ignore[attr-defined]

STRATEGIES = {"pacing engine": engine, **ANCHORS, "oracle (85% of hidden capacity)": oracle}
MODELS = ("A", "B", "C")
SCENARIOS = ("cold", "habit")


def reported_usual(habit_amount: float, rng: random.Random) -> float:
    """What a person answers when asked their usual daily amount: about right, to 5 minutes."""
    said = habit_amount * rng.lognormvariate(0.0, 0.25)
    return float(max(5, 5 * round(said / 5)))


def _live(model: str, index: int, strategy, days: int, cold: bool) -> Run:
    pre = 0 if cold else 14
    said = random.Random(f"said-{model}-{index}")
    if model == "A":
        person = draw_person(random.Random(f"person-{index}"), fatigue_dominant=index % 3 == 0)
        usual = person.capacity[WALK.key] * person.habit
        walk = replace(WALK, starting_amount=reported_usual(usual, said)) if cold else WALK
        return run_person(person, strategy, days, seed=index, activities=(walk,), pre_days=pre)
    if model == "B":
        person = draw_variant_person(random.Random(f"variant-person-{index}"), index % 3 == 0)
        usual = person.capacity[WALK.key] * person.habit
        walk = replace(WALK, starting_amount=reported_usual(usual, said)) if cold else WALK
        return run_variant_person(person, strategy, days, seed=index, activities=(walk,),
                                  pre_days=pre)  # fmt: skip
    person = draw_person_c(random.Random(f"c-person-{index}"))
    usual = person.tolerance * person.habit
    walk = replace(WALK, starting_amount=reported_usual(usual, said)) if cold else WALK
    return run_person_c(person, strategy, days, seed=f"c-{index}", activities=(walk,),
                        pre_days=pre)  # fmt: skip


def person_outcomes(args: tuple[int, int, str, str]) -> list[tuple]:
    index, weeks, model, scenario = args
    rows = []
    for name, strategy in STRATEGIES.items():
        run = _live(model, index, strategy, 7 * weeks, scenario == "cold")
        rows.append((name, run.person.fatigue_dominant, *_measure(run)))
    return rows


def _measure(run: Run) -> tuple[float, int, float, float]:
    days = run.strategy_days()
    before = [d for d in run.truth if d.date < run.start]
    start_cap = mean((before[-1].capacity if before else run.person.capacity).values())
    end_cap = mean(days[-1].capacity.values())
    flare_days = sum(d.in_flare for d in days)
    minutes = sum(sum(d.amounts.values()) for d in days)
    pain_change = mean(d.pain for d in days[-14:]) - mean(d.pain for d in days[:14])
    return end_cap / start_cap, flare_days, minutes, pain_change


def _stats(rows: list, name: str) -> tuple[float, float]:
    mine = [r for r in rows if r[0] == name]
    return median(r[2] for r in mine), mean(r[3] for r in mine)


def table(rows: list, title: str) -> str:
    lines = [
        f"#### {title} (n = {len(rows) // len(STRATEGIES)})",
        "",
        "| strategy | median capacity gain | mean flare days | median total minutes "
        "| mean pain change |",
        "|---|---:|---:|---:|---:|",
    ]
    for name in STRATEGIES:
        mine = [r for r in rows if r[0] == name]
        lines.append(
            f"| {name} | {median(r[2] for r in mine):.2f}× "
            f"| {mean(r[3] for r in mine):.1f} | {median(r[4] for r in mine):.0f} "
            f"| {mean(r[5] for r in mine):+.2f} |"
        )
    return "\n".join(lines)


REST_FLOOR_MARGIN = 0.5  # rest-when-it-hurts may keep this many fewer flare days (resting floor)


def verdict(rows: list) -> str:
    """Does the engine beat every anchor on capacity gain and on flare days at once, and how
    close does it come to the oracle?"""
    gain, flares = _stats(rows, "pacing engine")
    lost = []
    for name in ANCHORS:
        other_gain, other_flares = _stats(rows, name)
        margin = REST_FLOOR_MARGIN if name == "rest when it hurts" else 0.0
        if not (gain > other_gain and flares < other_flares + margin):
            lost.append(name)
    ahead = (
        "engine ahead of every anchor on both"
        if not lost
        else "engine NOT ahead on both against: " + ", ".join(lost)
    )
    o_gain, o_flares = _stats(rows, "oracle (85% of hidden capacity)")
    share = (gain - 1) / (o_gain - 1) if o_gain > 1 else float("nan")
    return (
        f"{ahead}; {100 * share:.0f}% of the oracle's gain, "
        f"{flares:.1f} flare days against the oracle's {o_flares:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--weeks", type=int, default=12)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--model", choices=(*MODELS, "all"), default="all")
    parser.add_argument("--scenario", choices=(*SCENARIOS, "both"), default="both")
    parser.add_argument(
        "--first",
        type=int,
        default=0,
        help="index of the first simulated person (a fresh sample: --first 1000)",
    )
    args = parser.parse_args()
    models = MODELS if args.model == "all" else (args.model,)
    scenarios = SCENARIOS if args.scenario == "both" else (args.scenario,)
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        for scenario in scenarios:
            for model in models:
                people = range(args.first, args.first + args.people)
                jobs = [(i, args.weeks, model, scenario) for i in people]
                rows = [row for rs in pool.map(person_outcomes, jobs, chunksize=8) for row in rs]
                sample = f"people {args.first}-{args.first + args.people - 1}"
                print(f"### {scenario} start, model {model}, {args.weeks} weeks, {sample}\n")
                groups = [("Everyone", rows)]
                if any(r[1] for r in rows):
                    groups += [
                        ("Not fatigue-dominant", [r for r in rows if not r[1]]),
                        ("Fatigue-dominant", [r for r in rows if r[1]]),
                    ]
                for title, group in groups:
                    print(table(group, title))
                    print(f"\n{verdict(group)}\n", flush=True)


if __name__ == "__main__":
    main()
