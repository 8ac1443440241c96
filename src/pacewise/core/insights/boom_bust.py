"""Boom-bust pattern, told with the person's own days.

A "boom" day is one with more than 1.5x the planned amount of movement, or, when there is no
plan for that day, more than 1.5x the person's usual amount (the middle amount of their active
days in the four weeks before). The next two days count as "harder" when their average pain is
at least 1 point above the person's usual pain (the middle of their logged pain). The same is
counted after all other days, so the comparison is honest: a pattern is only described, never
claimed as a cause (overactivity and pacing: Andrews et al., Arch Phys Med Rehabil
2012;93:2109-2121).

Pure: no Django, no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

FACTOR = 1.5
HARDER_BY = 1.0  # pain points above usual over the next two days
LOOKBACK_DAYS = 28
MIN_DAYS = 14  # days with pain logged before anything is said
MIN_BOOMS = 3


@dataclass(frozen=True)
class LoadDay:
    date: date
    amount: float | None  # minutes of movement (None: not logged)
    pain: float | None = None
    planned: float | None = None  # the plan's amount for the day, when a plan exists


@dataclass(frozen=True)
class Boom:
    date: date
    amount: float
    reference: float
    against_plan: bool
    harder_after: bool | None  # None: the next two days were not logged


@dataclass(frozen=True)
class BoomBust:
    status: str  # "ok" | "not_enough_data" | "no_booms"
    booms: tuple[Boom, ...] = ()
    harder: int = 0  # booms followed by two harder days
    judged: int = 0  # booms whose next two days were logged
    other_harder: int = 0  # the same count after the other active days
    other_judged: int = 0
    uses_plan: bool = False
    usual_pain: float | None = None
    message: str = ""


USUAL_MIN_DAYS = 5  # active days before there is a "usual amount" (convention)


def usual_amount(amounts: Sequence[float | None]) -> float | None:
    """The person's usual amount: the middle of their active days' amounts (a day with none
    logged is not counted: it may just be unlogged), once there are ``USUAL_MIN_DAYS``;
    fewer say nothing yet. Also the insights chart's "usual" line."""
    active = [a for a in amounts if a]
    return median(active) if len(active) >= USUAL_MIN_DAYS else None


def _usual_amount(days: Sequence[LoadDay], day: date) -> float | None:
    start = day - timedelta(days=LOOKBACK_DAYS)
    return usual_amount([d.amount for d in days if start <= d.date < day])


def _harder(by_date: dict[date, LoadDay], day: date, usual_pain: float) -> bool | None:
    after = [by_date.get(day + timedelta(days=i)) for i in (1, 2)]
    pains = [a.pain for a in after if a is not None and a.pain is not None]
    if len(pains) < 2:
        return None
    return sum(pains) / 2 >= usual_pain + HARDER_BY


def boom_bust(days: Sequence[LoadDay], factor: float = FACTOR) -> BoomBust:
    """The pattern over the given days (oldest first or in any order)."""
    days = sorted(days, key=lambda d: d.date)
    pains = [d.pain for d in days if d.pain is not None]
    if len(pains) < MIN_DAYS:
        need = MIN_DAYS - len(pains)
        return BoomBust("not_enough_data", message=(
            f"Not enough days yet to look for a boom-bust pattern: about {need} more days "
            "with pain and movement logged."
        ))  # fmt: skip
    usual_pain = median(pains)
    by_date = {d.date: d for d in days}
    booms: list[Boom] = []
    other = [0, 0]
    uses_plan = False
    for d in days:
        if not d.amount:
            continue
        against_plan = bool(d.planned)
        reference = d.planned if against_plan else _usual_amount(days, d.date)
        if not reference:
            continue
        harder = _harder(by_date, d.date, usual_pain)
        if d.amount > factor * reference:
            uses_plan |= against_plan
            booms.append(Boom(d.date, d.amount, reference, against_plan, harder))
        elif harder is not None:
            other = [other[0] + harder, other[1] + 1]
    judged = [b for b in booms if b.harder_after is not None]
    n_harder = sum(1 for b in judged if b.harder_after)
    result = BoomBust(
        "ok" if len(judged) >= MIN_BOOMS else "no_booms", tuple(booms), n_harder, len(judged),
        other[0], other[1], uses_plan, usual_pain,
    )  # fmt: skip
    return _with_message(result, factor)


def _times(n: int) -> str:
    return {0: "never happened", 1: "happened once"}.get(n, f"happened {n} times")


def _booms_sentence(harder: int, judged: int, did_more: str, after: str) -> str:
    """"On 4 of the 6 days you did more than ..., the next two days were harder (...)", with
    "None of" and "all" where they read better than a count."""
    if harder == 0:
        return (
            f"None of the {judged} days you did more than {did_more} was followed by two "
            f"harder days {after}."
        )
    share = f"all {judged}" if harder == judged else f"{harder} of the {judged}"
    return f"On {share} days you did more than {did_more}, the next two days were harder {after}."


def _with_message(r: BoomBust, factor: float) -> BoomBust:
    ref = "your plan" if r.uses_plan else "your usual amount"
    note = "" if r.uses_plan else (
        " With no plan yet, “usual” means the middle amount of your active days in the "
        "four weeks before."
    )  # fmt: skip
    if r.status == "no_booms":
        text = (
            f"Fewer than {MIN_BOOMS} days so far with more than {factor:g}x {ref} and the next "
            f"two days logged, so there is no boom-bust pattern to describe.{note}"
        )
    else:
        after = f"(pain at least {HARDER_BY:g} point above your usual {r.usual_pain:g})"
        text = _booms_sentence(r.harder, r.judged, f"{factor:g}x {ref}", after)
        if r.other_judged:
            text += (
                f" After your other {r.other_judged} active days, that "
                f"{_times(r.other_harder)}."
            )
        text += note + " This is a pattern in your diary, not proof of cause."
    return BoomBust(**{**r.__dict__, "message": text})
