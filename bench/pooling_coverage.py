"""Population pooling on simulated clinics: error and interval coverage, own vs pooled.

Each clinic has `--people` people whose true effects are drawn around a common mean (2 pain
points) with a between-person SD; each person's estimate has its own standard error
(uniform 0.3-1.5, as diaries of different lengths give). One person's estimate is pooled
with the others' (pacewise.core.insights.pooling) and compared with their true effect.

    .venv/bin/python bench/pooling_coverage.py [--clinics 2000] [--people 20] [--seed 1]
"""

from __future__ import annotations

import argparse
import math
import random

from pacewise.core.insights import pooling


def run(clinics: int, people: int, tau: float, rng: random.Random) -> dict[str, float]:
    own_sq = pooled_sq = own_in = pooled_in = 0.0
    for _ in range(clinics):
        truths = [rng.gauss(2.0, tau) for _ in range(people)]
        ses = [rng.uniform(0.3, 1.5) for _ in range(people)]
        ys = [rng.gauss(t, s) for t, s in zip(truths, ses, strict=True)]
        pop = pooling.population(list(zip(ys[1:], ses[1:], strict=True)))
        assert pop is not None
        moved = pooling.shrink(ys[0], ses[0], pop)
        half = pooling.Z95 * ses[0]
        own_sq += (ys[0] - truths[0]) ** 2
        pooled_sq += (moved.effect - truths[0]) ** 2
        own_in += abs(ys[0] - truths[0]) <= half
        pooled_in += moved.ci_low <= truths[0] <= moved.ci_high
    return {
        "own_rmse": math.sqrt(own_sq / clinics),
        "pooled_rmse": math.sqrt(pooled_sq / clinics),
        "own_coverage": own_in / clinics,
        "pooled_coverage": pooled_in / clinics,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clinics", type=int, default=2000)
    parser.add_argument("--people", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print(f"{args.clinics} clinics of {args.people} people, one pooled with the others")
    print("| between-person SD | RMSE own | RMSE pooled | coverage own | coverage pooled |")
    print("|---:|---:|---:|---:|---:|")
    for tau in (0.0, 0.25, 0.5, 1.0):
        r = run(args.clinics, args.people, tau, rng)
        print(
            f"| {tau} | {r['own_rmse']:.3f} | {r['pooled_rmse']:.3f} "
            f"| {r['own_coverage']:.3f} | {r['pooled_coverage']:.3f} |"
        )


if __name__ == "__main__":
    main()
