"""A second, independently built patient model, to check that a pacing strategy's benchmark
result is not an artefact of one simulator (see docs/evidence/simulation.md, "Variant model").

It shares only the interface with ``simulate`` (``Run``, ``DayTruth``, the strategy signature,
the paired random streams); every mechanism is built differently:

* **Capacity** follows a fitness-fatigue (impulse-response) picture (Banister 1975; Busso
  2003): a 14-day exponentially weighted training load drives growth, growth *saturates* as
  capacity nears a personal ceiling (diminishing returns), and an acute 3-day (fatigue-dominant:
  5-day) weighted load above capacity is what overloads.
* **Pain** has a slowly drifting background (an AR(1) "weather" term unrelated to activity),
  so week-to-week trends happen without any overload; overload adds pain that fades over days.
* **Flares** have a logistic hazard in acute overload, load spikes and the drifting background,
  they *cluster* (vulnerability stays raised for two weeks after one ends), and their length is
  log-normal.
* **Behaviour** is partial rather than all-or-nothing: every day a share of the plan, some
  days nothing, and "booms" on days that feel better than usual.
* **Reporting** is noisier (SD 0.8-1.8 points), with missing days that come in runs and flares
  that are declared on only 60-95% of flare days.

All parameters are assumptions chosen to be plausible, none fitted to data and none tuned to
favour a strategy.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from pacewise.core.facts import ActivitySession, CheckIn, DayRecord, PlanActivity
from pacewise.simulation.model_a import WALK, DayTruth, Run, Strategy, ask, profile_for

PRE_DAYS = 14


@dataclass(frozen=True)
class VariantPerson:
    capacity: dict[str, float]
    ceiling: float  # capacity can grow to at most this multiple of the start
    habit: float
    usual_pain: float
    fatigue_dominant: bool
    growth: float  # weekly relative gain at full stimulus, far from the ceiling
    flare_logit: float  # logit of the daily flare hazard with no overload
    flare_median_days: float
    drift_sd: float  # day-to-day SD of the background pain drift
    adherence: float  # mean share of the plan done on ordinary days
    nothing: float  # chance of doing nothing on a day
    enthusiasm: float  # chance of a boom on a day that feels better than usual
    boom: float
    report_noise: float
    missing: float
    declare: float  # chance a flare day is declared as one
    blank: float


def draw_variant_person(rng: random.Random, fatigue_dominant: bool | None = None) -> VariantPerson:
    fd = rng.random() < 0.3 if fatigue_dominant is None else fatigue_dominant
    walk = rng.lognormvariate(3.0, 0.5)  # median ~20 minutes, wider spread
    return VariantPerson(
        capacity={"walk": walk},
        ceiling=rng.uniform(1.3, 2.0),
        habit=rng.uniform(0.5, 1.05),
        usual_pain=rng.uniform(2.0, 6.5),
        fatigue_dominant=fd,
        growth=rng.uniform(0.015, 0.06) * (0.5 if fd else 1.0),
        flare_logit=_logit(rng.uniform(0.003, 0.015)) + (0.4 if fd else 0.0),
        flare_median_days=rng.uniform(3.0, 7.0),
        drift_sd=rng.uniform(0.1, 0.35),
        adherence=rng.uniform(0.75, 1.0),
        nothing=rng.uniform(0.03, 0.2),
        enthusiasm=rng.uniform(0.0, 0.4),
        boom=rng.uniform(1.2, 2.2),
        report_noise=rng.uniform(0.8, 1.8),
        missing=rng.uniform(0.1, 0.4),
        declare=rng.uniform(0.6, 0.95),
        blank=rng.uniform(0.05, 0.25),
    )


@dataclass
class _State:
    capacity: dict[str, float]
    start_capacity: dict[str, float]
    chronic: float = 0.0  # 14-day EWMA of the load ratio
    acute: float = 0.0  # 3-day (fatigue-dominant 5-day) EWMA of the load ratio
    residual: float = 0.0  # pain left over from overload, fading
    drift: float = 0.0
    flare_left: int = 0
    vulnerable: int = 0  # days of raised flare risk after a flare
    stress: float = 4.0
    missed_yesterday: bool = False
    loads: list[float] = field(default_factory=list)


class _Streams:
    def __init__(self, seed: int | str) -> None:
        self.world = random.Random(f"variant/{seed}/world")
        self.behaviour = random.Random(f"variant/{seed}/behaviour")
        self.report = random.Random(f"variant/{seed}/report")


def run_variant_person(
    person: VariantPerson,
    strategy: Strategy,
    days: int,
    seed: int | str,
    start: date = date(2025, 1, 6),
    activities: Sequence[PlanActivity] = (WALK,),
    pre_days: int = PRE_DAYS,
) -> Run:
    """Live ``pre_days`` of habitual life, then ``days`` under ``strategy``."""
    profile = profile_for(person, activities)  # type: ignore[arg-type]
    streams = _Streams(seed)
    state = _State(
        dict(person.capacity), dict(person.capacity), chronic=person.habit, acute=person.habit
    )
    history: list[DayRecord] = []
    truth: list[DayTruth] = []
    first = start - timedelta(days=pre_days)
    for i in range(pre_days + days):
        today = first + timedelta(days=i)
        habit = {k: c * person.habit for k, c in person.capacity.items()}
        plan = habit if today < start else None
        _day(person, profile, state, streams, today, strategy, plan, history, truth)
    return Run(person, profile, tuple(history), tuple(truth), start)  # type: ignore[arg-type]


def _day(person, profile, state, streams, today, strategy, plan, history, truth) -> None:
    w = streams.world
    sleep = min(10.0, max(3.0, w.gauss(6.9, 1.1)))
    state.stress = min(10.0, max(0.0, 0.8 * state.stress + 0.8 + w.gauss(0, 1.0)))
    state.drift = 0.92 * state.drift + w.gauss(0, person.drift_sd)
    onset_roll, length_roll, prolong_roll = w.random(), w.gauss(0, 0.6), w.random()
    pain_noise, fatigue_noise = w.gauss(0, 0.4), w.gauss(0, 0.5)

    overload = max(0.0, state.acute - 1.0)
    spike = max(0.0, state.acute / state.chronic - 1.4) if state.chronic > 0.05 else 0.0
    logit = (
        person.flare_logit
        + 4.0 * overload
        + 2.0 * spike
        + 0.6 * max(0.0, state.drift)
        + 0.4 * (sleep < 5.5)
        + (0.9 if state.vulnerable > 0 else 0.0)
    )
    if state.flare_left == 0 and onset_roll < 1 / (1 + math.exp(-logit)):
        state.flare_left = max(1, round(person.flare_median_days * math.exp(length_roll)))
    in_flare = state.flare_left > 0

    flare_pain = 3.2 if in_flare else 0.0
    pain = _clip(
        person.usual_pain
        + state.drift
        + 1.8 * state.residual
        + flare_pain
        + 0.3 * max(0.0, 6.0 - sleep)
        + pain_noise
    )
    base_fatigue = person.usual_pain + (1.5 if person.fatigue_dominant else 0.5)
    fatigue = _clip(
        base_fatigue
        + (3.0 if person.fatigue_dominant else 1.5) * state.residual
        + 0.5 * flare_pain
        + 0.3 * max(0.0, 6.5 - sleep)
        + fatigue_noise
    )
    r = streams.report
    declare_roll = r.random()  # drawn every day so the streams stay paired
    checkin = CheckIn(
        morning_pain=_noisy(r, pain, person),
        sleep_hours=round(sleep * 2) / 2,
        fatigue=_noisy(r, fatigue, person),
        flare=in_flare and declare_roll < person.declare,
    )
    if plan is None:
        plan = ask(strategy, profile, tuple(history), today, checkin, state.capacity)
    amounts = _behave(person, state, streams.behaviour, plan, checkin)
    ratio = sum(amounts.get(k, 0.0) / c for k, c in state.capacity.items()) / len(state.capacity)
    _adapt(person, state, ratio, in_flare, prolong_roll)
    truth.append(DayTruth(today, pain, in_flare, amounts, dict(state.capacity)))
    record = _report(person, r, state, today, checkin, amounts, ratio, pain)
    if record is not None:
        history.append(record)


def _behave(person, state, rng, plan, checkin) -> dict[str, float]:
    nothing, share, boom_roll = rng.random(), rng.gauss(person.adherence, 0.12), rng.random()
    reported = checkin.morning_pain if checkin.morning_pain is not None else 10.0
    feels_good = reported <= person.usual_pain - 1 and state.flare_left == 0
    out = {}
    for key, planned in plan.items():
        if key not in state.capacity:
            continue
        amount = 0.0 if nothing < person.nothing else planned * min(1.15, max(0.2, share))
        if feels_good and boom_roll < person.enthusiasm:
            amount *= person.boom
        if state.flare_left > 0:
            amount = min(amount, 0.7 * state.capacity[key])
        out[key] = max(0.0, min(amount, 3.0 * state.capacity[key]))
    return out


def _adapt(person, state, ratio, in_flare, prolong_roll) -> None:
    acute_days = 5.0 if person.fatigue_dominant else 3.0
    state.acute += (ratio - state.acute) / acute_days
    state.chronic += (ratio - state.chronic) / 14.0
    # post-exertional effect: residual pain builds from acute overload, fades ~30%/day
    # (fatigue-dominant: ~15%/day, so it is felt over the next days)
    fade = 0.85 if person.fatigue_dominant else 0.7
    state.residual = fade * state.residual + max(0.0, state.acute - 1.0) * 1.5
    state.loads.append(ratio)
    for key in state.capacity:
        c, c0 = state.capacity[key], state.start_capacity[key]
        room = max(0.0, 1.0 - (c / c0 - 1.0) / (person.ceiling - 1.0))
        change = person.growth / 7 * _stimulus(state.chronic) * room
        if state.chronic < 0.35:
            change -= 0.02 / 7 * (0.35 - state.chronic) / 0.35
        if ratio > 1.25:
            change -= (0.15 if person.fatigue_dominant else 0.08) * (ratio - 1.25)
        if in_flare:
            change -= 0.01 if person.fatigue_dominant else 0.005
        state.capacity[key] = c * (1.0 + change)
    if in_flare:
        if ratio > 0.5 and prolong_roll < 0.5:
            state.flare_left += 1
        state.flare_left -= 1
        if state.flare_left == 0:
            state.vulnerable = 14
    elif state.vulnerable > 0:
        state.vulnerable -= 1


def _stimulus(chronic: float) -> float:
    """Stimulus of the 14-day load: none below 0.4, full at 0.9-1.0, falling fast above."""
    if chronic <= 1.0:
        return min(1.0, max(0.0, (chronic - 0.4) / 0.5))
    return max(-1.0, 1.0 - 2.0 * (chronic - 1.0))


def _report(person, rng, state, today, checkin, amounts, ratio, pain) -> DayRecord | None:
    missing_chance = 0.5 if state.missed_yesterday else person.missing * 0.7
    missing = rng.random() < missing_chance
    extra = [rng.gauss(0, person.report_noise) for _ in range(4)]
    blanks = [rng.random() < person.blank for _ in range(4)]
    state.missed_yesterday = missing
    if missing:
        return None
    sessions = []
    for key, amount in amounts.items():
        if amount < 0.5:
            continue
        load = max(0.0, amount / state.capacity[key] - 0.9)
        during = _round(pain + 2.0 * load + extra[0])
        after = _round(pain + 2.5 * load + extra[1])
        sessions.append(
            ActivitySession(key, round(amount, 1), pain_during=during, pain_after=after)
        )
    avg = _round(pain + 0.3 * max(0.0, ratio - 1.0) + extra[2])
    return DayRecord(
        date=today,
        avg_pain=None if blanks[0] else avg,
        morning_pain=None if blanks[1] else checkin.morning_pain,
        fatigue=None if blanks[2] else checkin.fatigue,
        sleep_hours=None if blanks[3] else checkin.sleep_hours,
        stress=_round(state.stress + extra[3]),
        flare=checkin.flare,
        sessions=tuple(sessions),
    )


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def _noisy(rng: random.Random, value: float, person: VariantPerson) -> float:
    return _round(value + rng.gauss(0, person.report_noise))


def _round(value: float) -> float:
    return float(round(_clip(value)))


def _clip(x: float) -> float:
    return min(10.0, max(0.0, x))
