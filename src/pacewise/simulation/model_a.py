"""Synthetic people for judging pacing strategies, and demo diaries for the app.

The model (details and sources of each assumption: docs/evidence/simulation.md)
----------------------------------------------------------------------------------
Each person has a hidden *capacity* per activity: the daily amount they can do now without
overload. Nothing of it is visible to a strategy, which sees only the diary.

* **Adaptation.** Capacity grows with consistent load near capacity (7-day mean load between
  ~40% and 100% of capacity gives a proportional stimulus; at or above capacity, the full
  weekly gain) and falls slowly with very low load (deconditioning). A single day well above
  capacity (> 1.3x) costs some capacity; so does every flare day. (Training-load principles;
  graded activity, Lindström 1992; deconditioning, Verbunt 2003.)
* **Strain.** Load above capacity leaves strain that fades by half each day and raises pain and
  fatigue. Most people feel it the next day; the fatigue-dominant subtype feels it 24-48 h
  later and more strongly (post-exertional worsening, NICE NG206).
* **Flares.** A daily hazard raised by strain (overload), by load spikes (7-day / 28-day load
  above 1.3, Gabbett 2016), by short sleep (Finan 2013) and by stress. A flare lasts days
  (Suri 2012), adds about 3 points of pain, lowers what the person can do, and lasts longer
  when the person keeps loading above their reduced capacity.
* **Behaviour.** People follow a plan imperfectly: some days skipped, some days less, and on
  good days some "boom" well above the plan (Andrews 2012). In a flare they cannot do much.
* **Reporting.** Reported pain is true pain plus noise, rounded to whole points; some days are
  not logged at all and some answers are left blank. Declared flares are usually, not always,
  reported.

All randomness comes from seeded ``random.Random`` streams, one per component (world,
behaviour, reporting), so two strategies run on the same person meet the same weather, the same
sleep and the same dice: the comparison is paired.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from pacewise.core.facts import (
    SIT_TO_STAND,
    WALK,
    ActivitySession,
    CheckIn,
    DayRecord,
    PlanActivity,
    Profile,
)

Strategy = Callable[[Profile, Sequence[DayRecord], date, CheckIn], Mapping[str, float]]


def ask(strategy: Strategy, profile: Profile, history: Sequence[DayRecord], today: date,
        checkin: CheckIn, capacity: Mapping[str, float]) -> dict[str, float]:
    """Today's plan from ``strategy``. Only a bench's oracle (``sees_capacity = True``) is
    also told the hidden capacity; every real strategy sees the diary alone."""
    if getattr(strategy, "sees_capacity", False):
        return dict(strategy(profile, history, today, checkin, capacity=dict(capacity)))  # type: ignore[call-arg]
    return dict(strategy(profile, history, today, checkin))

PRE_DAYS = 14  # days of habitual, logged life before a strategy starts (the baseline)


@dataclass(frozen=True)
class Person:
    """Hidden traits of one synthetic person. Amounts are per day."""

    capacity: Mapping[str, float]
    habit: float  # habitual load as a share of capacity
    usual_pain: float
    fatigue_dominant: bool
    growth: float  # weekly capacity gain with load at capacity
    detraining: float  # weekly capacity loss with almost no load
    flare_base: float  # daily flare hazard with no strain, normal sleep and stress
    flare_days: float  # mean flare length in days
    sleep_mean: float
    stress_mean: float
    adherence: float  # share of days the plan is followed
    overdo: float  # chance of overdoing on a good day
    overdo_factor: float
    report_noise: float
    missing: float  # chance a day is not logged
    blank: float  # chance one answer is left blank


def draw_person(rng: random.Random, fatigue_dominant: bool | None = None,
                activities: Sequence[PlanActivity] = (WALK,)) -> Person:
    """A plausible person; the ranges are assumptions listed in docs/evidence/simulation.md."""
    fd = rng.random() < 0.3 if fatigue_dominant is None else fatigue_dominant
    walk = rng.lognormvariate(2.9, 0.4)  # median ~18 minutes
    capacity = {a.key: walk * (1.6 if a.unit == "reps" else 1.0) for a in activities}
    return Person(
        capacity=capacity,
        habit=rng.uniform(0.6, 1.0),
        usual_pain=rng.uniform(2.5, 6.0),
        fatigue_dominant=fd,
        growth=rng.uniform(0.02, 0.05) * (0.6 if fd else 1.0),
        detraining=rng.uniform(0.01, 0.03),
        flare_base=rng.uniform(0.004, 0.012) * (1.3 if fd else 1.0),
        flare_days=rng.uniform(4.0, 9.0),
        sleep_mean=rng.uniform(5.8, 7.8),
        stress_mean=rng.uniform(2.0, 6.0),
        adherence=rng.uniform(0.7, 0.95),
        overdo=rng.uniform(0.05, 0.35),
        overdo_factor=rng.uniform(1.3, 1.9),
        report_noise=rng.uniform(0.5, 1.2),
        missing=rng.uniform(0.03, 0.25),
        blank=rng.uniform(0.0, 0.15),
    )


def profile_for(person: Person, activities: Sequence[PlanActivity] = (WALK,)) -> Profile:
    conditions = ("fibromyalgia",) if person.fatigue_dominant else ("low_back_pain",)
    return Profile(conditions=conditions, fatigue_dominant=person.fatigue_dominant,
                   activities=tuple(activities))


@dataclass
class _World:
    """The hidden state that moves day to day."""

    capacity: dict[str, float]
    strain: float = 0.0
    flare_left: int = 0
    stress: float = 4.0
    overload: list[float] = field(default_factory=list)  # per day, max over activities
    loads: list[float] = field(default_factory=list)  # per day, mean load ratio to start cap


@dataclass(frozen=True)
class DayTruth:
    """What really happened on a day (for metrics), beside what was logged."""

    date: date
    pain: float
    in_flare: bool
    amounts: Mapping[str, float]
    capacity: Mapping[str, float]


@dataclass(frozen=True)
class Run:
    person: Person
    profile: Profile
    history: tuple[DayRecord, ...]
    truth: tuple[DayTruth, ...]
    start: date  # first day the strategy decided

    def strategy_days(self) -> tuple[DayTruth, ...]:
        return tuple(d for d in self.truth if d.date >= self.start)


class _Streams:
    def __init__(self, seed: int | str) -> None:
        self.world = random.Random(f"{seed}/world")
        self.behaviour = random.Random(f"{seed}/behaviour")
        self.report = random.Random(f"{seed}/report")


def run_person(
    person: Person,
    strategy: Strategy,
    days: int,
    seed: int | str,
    start: date = date(2025, 1, 6),
    activities: Sequence[PlanActivity] = (WALK,),
    pre_days: int = PRE_DAYS,
) -> Run:
    """Live ``pre_days`` of habitual life, then ``days`` under ``strategy``."""
    profile = profile_for(person, activities)
    streams = _Streams(seed)
    world = _World(capacity=dict(person.capacity), stress=person.stress_mean)
    history: list[DayRecord] = []
    truth: list[DayTruth] = []
    first = start - timedelta(days=pre_days)
    for i in range(pre_days + days):
        today = first + timedelta(days=i)
        plan = habitual_plan(person) if today < start else None
        _live_day(person, profile, world, streams, today, strategy, plan, history, truth)
    return Run(person, profile, tuple(history), tuple(truth), start)


def habitual_plan(person: Person) -> dict[str, float]:
    return {k: c * person.habit for k, c in person.capacity.items()}


def _live_day(person, profile, world, streams, today, strategy, plan, history, truth) -> None:
    sleep = min(10.0, max(3.0, streams.world.gauss(person.sleep_mean, 1.0)))
    world.stress = min(10.0, max(0.0, 0.7 * world.stress + 0.3 * person.stress_mean
                                 + streams.world.gauss(0, 1.2)))
    _maybe_flare(person, world, streams.world, sleep)
    pain, fatigue = _morning(person, world, sleep, streams.world)
    checkin = _report_checkin(person, world, streams.report, pain, fatigue, sleep)
    if plan is None:
        plan = ask(strategy, profile, tuple(history), today, checkin, world.capacity)
    amounts = _behave(person, world, streams.behaviour, plan, checkin)
    ratios = {k: amounts.get(k, 0.0) / world.capacity[k] for k in world.capacity}
    _adapt(person, world, ratios)
    _prolong_flare(world, streams.world, ratios)
    truth.append(DayTruth(today, pain, world.flare_left > 0, amounts, dict(world.capacity)))
    record = _report_day(person, streams.report, today, checkin, amounts, ratios, pain, world)
    if record is not None:
        history.append(record)
    if world.flare_left > 0:
        world.flare_left -= 1


def _maybe_flare(person: Person, world: _World, rng: random.Random, sleep: float) -> None:
    spike = _acwr(world.loads)
    risk = (1.6 * world.strain + 3.0 * max(0.0, spike - 1.3) + (0.5 if sleep < 6 else 0.0)
            + 0.15 * (world.stress - 5.0))
    hazard = min(0.5, person.flare_base * pow(2.718281828, risk))
    roll = rng.random()
    length = 2 + int(rng.expovariate(1.0 / max(1.0, person.flare_days - 2)))
    if world.flare_left == 0 and roll < hazard:
        world.flare_left = length


def _acwr(loads: list[float]) -> float:
    if len(loads) < 28:
        return 1.0
    chronic = sum(loads[-28:]) / 28
    return (sum(loads[-7:]) / 7) / chronic if chronic > 0 else 1.0


def _morning(
    person: Person, world: _World, sleep: float, rng: random.Random
) -> tuple[float, float]:
    """True morning pain and fatigue (0-10)."""
    o = world.overload
    if person.fatigue_dominant:
        delayed = 0.4 * _at(o, -1) + 1.0 * _at(o, -2) + 0.5 * _at(o, -3)
    else:
        delayed = 1.0 * _at(o, -1) + 0.2 * _at(o, -2)
    world.strain = 0.5 * world.strain + delayed
    flare = 3.0 if world.flare_left > 0 else 0.0
    short_sleep = 0.4 * max(0.0, 6.0 - sleep) + 0.2 * max(0.0, sleep - 9.0)
    stress = 0.15 * (world.stress - person.stress_mean)
    pain = person.usual_pain + 2.0 * world.strain + flare + short_sleep + stress
    pain += rng.gauss(0, 0.5)
    tired = 3.5 if person.fatigue_dominant else 2.0
    base = person.usual_pain + (1.5 if person.fatigue_dominant else 0.0)
    fatigue = base + tired * world.strain + 0.6 * flare + short_sleep
    return _clip(pain), _clip(fatigue + rng.gauss(0, 0.6))


def _at(values: list[float], index: int) -> float:
    return values[index] if len(values) >= -index else 0.0


def _clip(x: float) -> float:
    return min(10.0, max(0.0, x))


def _report_checkin(person, world, rng, pain, fatigue, sleep) -> CheckIn:
    declared = world.flare_left > 0 and rng.random() < 0.8
    return CheckIn(
        morning_pain=_noisy(rng, pain, person),
        sleep_hours=round(sleep * 2) / 2,
        fatigue=_noisy(rng, fatigue, person),
        pain_now=None,
        flare=declared,
    )


def _noisy(rng: random.Random, value: float, person: Person) -> float:
    return float(round(_clip(value + rng.gauss(0, person.report_noise))))


def _behave(person, world, rng, plan, checkin) -> dict[str, float]:
    """What the person actually does with today's plan."""
    good_day = (checkin.morning_pain or 10) <= person.usual_pain and world.flare_left == 0
    skip = rng.random() > person.adherence
    boom = good_day and rng.random() < person.overdo
    out = {}
    for key, planned in plan.items():
        if key not in world.capacity:
            continue
        amount = planned * (0.3 if skip else 1.0) * (person.overdo_factor if boom else 1.0)
        amount *= max(0.5, rng.gauss(1.0, 0.1))
        if world.flare_left > 0:
            amount = min(amount, 0.8 * world.capacity[key])
        out[key] = max(0.0, min(amount, 2.5 * world.capacity[key]))
    return out


def _adapt(person: Person, world: _World, ratios: dict[str, float]) -> None:
    """Capacity follows load: growth near capacity, loss from overload, flares and disuse."""
    world.overload.append(max((max(0.0, r - 1.0) for r in ratios.values()), default=0.0))
    world.loads.append(sum(ratios.values()) / max(1, len(ratios)))
    for key, ratio in ratios.items():
        world.capacity[key] *= _capacity_change(person, world, ratio)


def _prolong_flare(world: _World, rng: random.Random, ratios: dict[str, float]) -> None:
    """Loading hard in a flare makes it last longer (one draw a day keeps streams paired)."""
    roll = rng.random()
    ratio = max(ratios.values(), default=0.0)
    push = min(1.0, max(0.0, (ratio - 0.3) / 0.7))
    if world.flare_left > 0 and roll < 0.6 * push:
        world.flare_left += 1


def _capacity_change(person: Person, world: _World, ratio: float) -> float:
    recent = world.loads[-7:]
    change = person.growth / 7 * stimulus(recent) * consistency(recent)
    r7 = sum(recent) / len(recent)
    if r7 < 0.3:
        change -= person.detraining / 7 * (0.3 - r7) / 0.3
    if ratio > 1.2:
        change -= (0.03 if person.fatigue_dominant else 0.015) * (ratio - 1.2)
    if world.flare_left > 0:
        change -= 0.012 if person.fatigue_dominant else 0.008
    return 1.0 + change


def stimulus(loads: Sequence[float]) -> float:
    """Training stimulus of the 7-day mean load (share of capacity): none below 0.3, full
    from 0.8 ("near capacity") to 1.1, fading above that (overreaching), negative beyond 1.4."""
    r7 = sum(loads) / len(loads)
    if r7 <= 1.1:
        return min(1.0, max(0.0, (r7 - 0.3) / 0.5))
    return max(-0.5, 1.0 - (r7 - 1.1) / 0.3)


def consistency(loads: Sequence[float]) -> float:
    """Adaptation needs regular load: a very uneven week (boom and bust) counts for less."""
    m = sum(loads) / len(loads)
    if m <= 0 or len(loads) < 2:
        return 1.0
    sd = (sum((x - m) ** 2 for x in loads) / (len(loads) - 1)) ** 0.5
    return max(0.3, 1.0 - 0.5 * sd / m)


def _report_day(person, rng, today, checkin, amounts, ratios, pain, world) -> DayRecord | None:
    if rng.random() < person.missing:
        return None
    sessions = []
    for key, amount in amounts.items():
        if amount < 0.5:
            continue
        extra = 1.5 * max(0.0, ratios[key] - 0.8) + (1.0 if world.flare_left > 0 else 0.0)
        during = _noisy(rng, pain + extra, person)
        after = _noisy(rng, pain + 1.2 * extra, person)
        sessions.append(ActivitySession(key, round(amount, 1), exertion=_noisy(rng, 4, person),
                                        pain_during=during, pain_after=after))
    avg = _noisy(rng, pain + 0.5 * max((max(0.0, r - 1) for r in ratios.values()), default=0),
                 person)
    return DayRecord(
        date=today,
        avg_pain=_blank(rng, person, avg),
        morning_pain=_blank(rng, person, checkin.morning_pain),
        fatigue=_blank(rng, person, checkin.fatigue),
        sleep_hours=_blank(rng, person, checkin.sleep_hours),
        stress=_blank(rng, person, _noisy(rng, world.stress, person)),
        flare=checkin.flare,
        sessions=tuple(sessions),
    )


def _blank(rng: random.Random, person: Person, value: float | None) -> float | None:
    return None if rng.random() < person.blank else value


DEMO_KINDS = ("typical", "fatigue", "boom_bust", "new")


def demo_profile(kind: str = "typical") -> Profile:
    """The profile that goes with ``demo_history(kind=...)``."""
    fatigue = kind == "fatigue"
    conditions = ("fibromyalgia",) if fatigue else ("knee_osteoarthritis",)
    return Profile(conditions=conditions, fatigue_dominant=fatigue,
                   activities=(WALK, SIT_TO_STAND))


def demo_history(seed: int, days: int, today: date, kind: str = "typical") -> list[DayRecord]:
    """A plausible diary of ``days`` days ending the day before ``today``.

    kind: "typical" (follows the plan), "fatigue" (fatigue-dominant, follows the plan),
    "boom_bust" (no plan: much on good days, little on bad) or "new" (baseline days only).
    """
    from pacewise.simulation.strategies import boom_bust, engine  # strategies import pacing

    if kind not in DEMO_KINDS:
        raise ValueError(f"kind must be one of {DEMO_KINDS}")
    if kind == "new":
        days = min(days, 6)
    activities = demo_profile(kind).activities
    person = draw_person(random.Random(f"demo-{seed}-{kind}"),
                         fatigue_dominant=kind == "fatigue", activities=activities)
    pre = min(PRE_DAYS, days)
    strategy = boom_bust if kind == "boom_bust" else engine
    run = run_person(person, strategy, days - pre, seed, start=today - timedelta(days=days - pre),
                     activities=activities, pre_days=pre)
    return list(run.history)
