"""Patient model C for benches: written apart from pacewise.simulation.model_a and simulate_variant,
sharing only their output shape (a Run with `history` of DayRecords and `truth` of DayTruths)
and the strategy signature, so a result that holds on A, B and C is not one simulator's quirk.

Its mechanisms, all assumptions chosen to be plausible and none tuned to a strategy:
* **Tolerance curve.** Each person tolerates an amount T a day. Doing x gives strain
  (x / T)^3 on top of yesterday's strain decayed by 0.6: below T little happens, well above it
  strain climbs steeply. T grows 0.4%/day while the 7-day mean is between 50% and 100% of T
  and shrinks 0.3%/day below 40% (deconditioning).
* **Flares** come from a hazard of strain (capped), short sleep and high stress (a daily
  chance of at most 30%); a third of people also
  have a **cycle** (21-35 days) with a flare-prone window of 5 days each cycle (e.g. menstrual
  or treatment cycles), which no diary signal names.
* **Reporting**: pain is a 0-10 integer with SD 0.7-1.5 noise; 10-40% of days are not logged
  (each day independently); flares are declared on 70-100% of flare days; sleep and stress are
  answered on 50-100% of logged days.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta

from pacewise.core.facts import ActivitySession, CheckIn, DayRecord
from pacewise.simulation.model_a import WALK, DayTruth, Run, ask, profile_for

PRE_DAYS = 14


@dataclass(frozen=True)
class PersonC:
    tolerance: float  # minutes a day tolerated at the start
    habit: float  # share of tolerance done by habit
    base_pain: float
    flare_base: float  # daily hazard on a calm day
    cycle: int | None  # days, for a third of people
    phase: int
    noise: float
    miss: float
    declare: float
    answer: float
    fatigue_dominant: bool = False
    capacity: dict | None = None  # for profile_for
    stress_mean: float = 4.0
    sleep_mean: float = 7.0


def draw_person_c(rng: random.Random) -> PersonC:
    tolerance = rng.uniform(15, 45)
    cycle = rng.randint(21, 35) if rng.random() < 1 / 3 else None
    return PersonC(
        tolerance=tolerance, habit=rng.uniform(0.7, 1.2), base_pain=rng.uniform(2.5, 5.5),
        flare_base=rng.uniform(0.006, 0.02), cycle=cycle, phase=rng.randrange(cycle or 1),
        noise=rng.uniform(0.7, 1.5), miss=rng.uniform(0.1, 0.4), declare=rng.uniform(0.7, 1.0),
        answer=rng.uniform(0.5, 1.0), capacity={WALK.key: tolerance},
        stress_mean=rng.uniform(3, 6), sleep_mean=rng.uniform(6, 8),
    )  # fmt: skip


def run_person_c(person: PersonC, strategy, days: int, seed: str,
                 start: date = date(2025, 1, 6), activities=(WALK,),
                 pre_days: int = PRE_DAYS) -> Run:  # fmt: skip
    world, report = random.Random(f"{seed}/c-world"), random.Random(f"{seed}/c-report")
    profile = profile_for(person, activities)  # type: ignore[arg-type]
    tolerance, strain, flare_left, stress = person.tolerance, 0.0, 0, person.stress_mean
    loads: list[float] = []
    history: list[DayRecord] = []
    truth: list[DayTruth] = []
    for i in range(pre_days + days):
        today = start - timedelta(days=pre_days) + timedelta(days=i)
        sleep = max(3.0, min(10.0, world.gauss(person.sleep_mean, 1.1)))
        stress = max(0.0, min(10.0, 0.6 * stress + 0.4 * person.stress_mean + world.gauss(0, 1.5)))
        in_window = person.cycle is not None and (i + person.phase) % person.cycle < 5
        if flare_left == 0:
            risk = 0.6 * min(strain, 4.0) + (0.7 if sleep < 6 else 0) + 0.2 * max(0, stress - 5)
            risk += 2.0 if in_window else 0.0
            if world.random() < min(0.3, person.flare_base * math.exp(risk)):
                flare_left = 2 + int(world.expovariate(1 / 3))
        pain = person.base_pain + 1.5 * min(strain, 2.0) + (3.0 if flare_left else 0.0)
        reported = round(max(0, min(10, pain + report.gauss(0, person.noise))))
        checkin = CheckIn(morning_pain=reported, flare=flare_left > 0)
        if today < start:
            plan = {WALK.key: person.tolerance * person.habit}
        else:
            plan = ask(strategy, profile, tuple(history), today, checkin,
                       {WALK.key: tolerance})
        amount = max(0.0, plan.get(WALK.key, 0.0) * world.uniform(0.8, 1.1))
        if flare_left:
            amount *= 0.5
        strain = 0.6 * strain + (amount / tolerance) ** 3
        loads.append(amount)
        week = sum(loads[-7:]) / len(loads[-7:])
        if 0.5 * tolerance <= week <= tolerance:
            tolerance *= 1.004
        elif week < 0.4 * tolerance:
            tolerance *= 0.997
        truth.append(DayTruth(today, pain, flare_left > 0, {WALK.key: amount},
                              {WALK.key: tolerance}))  # fmt: skip
        if report.random() >= person.miss:
            answered = report.random() < person.answer
            history.append(DayRecord(
                today, avg_pain=reported, morning_pain=reported,
                sleep_hours=round(sleep * 2) / 2 if answered else None,
                stress=round(stress) if answered else None,
                flare=flare_left > 0 and report.random() < person.declare,
                sessions=(ActivitySession(WALK.key, round(amount)),) if amount >= 1 else (),
            ))  # fmt: skip
        if flare_left:
            flare_left -= 1
    return Run(person, profile, tuple(history), tuple(truth), start)  # type: ignore[arg-type]
