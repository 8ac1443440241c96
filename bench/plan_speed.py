"""How long plan_day takes with two years of diary behind it.

    .venv/bin/python bench/plan_speed.py

Builds a two-year simulated diary (two activities, missing days, flares) and prints the
milliseconds per plan, best of several rounds. Timings are printed, never asserted in tests.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

from pacewise.core.facts import CheckIn
from pacewise.core.pacing.day_plan import plan_day, weekly_review
from pacewise.core.pacing.plan_history import planned_minutes
from pacewise.simulation.model_a import demo_history, demo_profile

DAYS = 730
TODAY = date(2026, 6, 1)


def per_call_ms(fn, rounds: int = 5, calls: int = 20) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        best = min(best, (time.perf_counter() - start) / calls)
    return best * 1000


def main() -> None:
    profile = demo_profile("typical")
    history = demo_history(seed=7, days=DAYS, today=TODAY, kind="typical")
    checkin = CheckIn(morning_pain=5, sleep_hours=6, fatigue=5)
    sessions = sum(len(r.sessions) for r in history)
    print(
        f"history: {len(history)} logged days over {DAYS} days, {sessions} sessions, "
        f"{len(profile.activities)} activities"
    )
    plan_ms = per_call_ms(lambda: plan_day(profile, history, TODAY, checkin))
    review_ms = per_call_ms(lambda: weekly_review(profile, history, TODAY - timedelta(days=1)))
    print(f"plan_day:      {plan_ms:.2f} ms per plan")
    print(f"weekly_review: {review_ms:.2f} ms per review")
    start = TODAY - timedelta(days=119)
    replay_ms = per_call_ms(lambda: planned_minutes(profile, history, start, TODAY))
    print(f"planned_minutes, 120 days (insights page): {replay_ms:.1f} ms")


if __name__ == "__main__":
    main()
