"""Comparing two scores against the minimal clinically important difference, in plain words."""

from __future__ import annotations

from .model import CannotCompare, Change, Instrument, Score
from .values import EPSILON, format_score


def change(instrument: Instrument, baseline: Score, latest: Score) -> Change:
    """Compare two scores of one instrument against its MCID, in plain words.

    Direction-aware: for an instrument where lower is better, going down is better.
    """
    for s in (baseline, latest):
        if s.instrument_id != instrument.id:
            raise CannotCompare(f"a {s.instrument_id} score cannot be compared as {instrument.id}")
    if instrument.mcid is None:
        raise CannotCompare(
            f"the {instrument.name} has no established minimal important "
            "change; it is a screener, not a measure of change"
        )
    diff = latest.total - baseline.total
    meaningful = abs(diff) + EPSILON >= instrument.mcid.value
    if abs(diff) < EPSILON:
        direction = "same"
    else:
        went_down = diff < 0
        direction = "better" if went_down == (instrument.better == "lower") else "worse"
    caveat = None
    if baseline.prorated or latest.prorated:
        caveat = (
            "One of these scores was estimated from a form with blank questions, "
            "so treat this change with some care."
        )
    return Change(
        instrument_id=instrument.id,
        baseline=baseline.total,
        latest=latest.total,
        difference=round(diff, 2),
        meaningful=meaningful,
        direction=direction,
        message=_change_message(instrument, diff, meaningful),
        meaning=_change_meaning(instrument, direction, meaningful),
        caveat=caveat,
    )


def _change_message(instrument: Instrument, diff: float, meaningful: bool) -> str:
    name, plain = instrument.name, instrument.mcid.plain if instrument.mcid else ""
    if abs(diff) < EPSILON:
        return f"Your {name} score stayed the same."
    amount = format_score(abs(diff))
    unit = "point" if amount == "1" else "points"
    way = "down" if diff < 0 else "up"
    size = (
        "a change big enough to matter"
        if meaningful
        else "smaller than the change that usually matters"
    )
    return f"Your {name} score went {way} by {amount} {unit} \u2014 {size} ({plain})."


def _change_meaning(instrument: Instrument, direction: str, meaningful: bool) -> str:
    good = "Lower" if instrument.better == "lower" else "Higher"
    if direction == "same" or not meaningful:
        return "Small ups and downs like this are common and often even out over time."
    if direction == "better":
        return f"{good} scores are better, so this is real progress."
    return (
        "Things seem to have been harder lately. That happens, and it is worth talking "
        "over with your care team."
    )
