"""Scoring one completed form: the total, its band, short-form screens and safety flags."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from .model import (
    Band,
    CannotScore,
    Instrument,
    InvalidAnswers,
    MissingRule,
    SafetyFlag,
    Score,
    Subscale,
    SubscaleScore,
)
from .values import EPSILON, format_score, is_kind


def score(instrument: Instrument, answers: Mapping[str, int | None]) -> Score:
    """Score one completed form.

    `answers` maps item id to the chosen option value; None or absent means blank.
    Raises `InvalidAnswers` for unknown items or values, `CannotScore` when more
    items are blank than the instrument's missing-item rule allows.
    """
    _check_answers(instrument, answers)
    scored = instrument.scored_items
    given = [v for i in scored if (v := answers.get(i.id)) is not None]
    missing = tuple(i.id for i in scored if answers.get(i.id) is None)
    if len(missing) > instrument.missing.max_missing:
        raise CannotScore(_refusal(instrument, missing))
    total = _aggregate(instrument.scoring, given, len(scored))
    band = band_for(instrument, total)
    subscales = tuple(
        _score_subscale(s, answers)
        for s in instrument.subscales
        if all(answers.get(i) is not None for i in s.item_ids)
    )
    flags = safety_flags(instrument, answers)
    unanswered = tuple(i.id for i in instrument.items if i.safety and answers.get(i.id) is None)
    result = Score(
        instrument_id=instrument.id,
        instrument_version=instrument.version,
        total=total,
        band=band,
        subscales=subscales,
        prorated=bool(missing),
        missing_items=missing,
        safety_flags=flags,
        safety_unanswered=unanswered,
        suggest_clinician=bool(flags) or bool(band and band.suggest_clinician),
        interpretation="",
    )
    return _with_interpretation(instrument, result)


def band_for(instrument: Instrument, total: float) -> Band | None:
    """The band a total falls in; a mean between bands (e.g. 3.67) belongs to the lower one."""
    found = None
    for band in instrument.bands:
        if band.min <= total + EPSILON:
            found = band
    return found


def safety_flags(instrument: Instrument, answers: Mapping[str, Any]) -> tuple[SafetyFlag, ...]:
    """Every safety item answered above zero (e.g. PHQ-9 item 9: values 1, 2 or 3).

    Deliberately lenient: it never raises, and reads numeric strings, so that a
    malformed form elsewhere can never hide a self-harm answer.
    """
    flags = []
    for item in instrument.items:
        value = _as_number(answers.get(item.id)) if isinstance(answers, Mapping) else None
        if item.safety and value is not None and value > 0:
            flags.append(SafetyFlag(item.safety, item.id, int(value)))
    return tuple(flags)


def short_form(instrument: Instrument, subscale_id: str) -> Instrument:
    """A subscale as an instrument of its own (e.g. PHQ-2 given alone), same item ids.

    It has two bands (negative / positive screen), no MCID (screeners are not
    measures of change) and no prorating.
    """
    sub = instrument.subscale(subscale_id)
    items = tuple(instrument.item(i) for i in sub.item_ids)
    low = sum(min(i.values) for i in items)
    high = sum(max(i.values) for i in items)
    bands = (
        Band(low, sub.positive_at - 1, "Negative screen", sub.negative_text),
        Band(sub.positive_at, high, "Positive screen", sub.positive_text, suggest_clinician=True),
    )
    return Instrument(
        id=sub.id,
        name=sub.name,
        title=f"{sub.name} (from the {instrument.name})",
        version=instrument.version,
        language=instrument.language,
        recall_period=instrument.recall_period,
        stem=instrument.stem,
        about=instrument.about,
        items=items,
        scoring="sum",
        score_range=(low, high),
        better=instrument.better,
        bands=bands,
        bands_note=sub.source,
        mcid=None,
        missing=MissingRule(0, "Two-question screeners are only scored when both are answered."),
        subscales=(),
        loinc_panel=None,
        loinc_total=sub.loinc_total,
        licence=instrument.licence,
        citation=sub.citation,
        source=instrument.source,
    )


def _check_answers(instrument: Instrument, answers: Mapping[str, Any]) -> None:
    if not isinstance(answers, Mapping):
        raise InvalidAnswers("answers must be a mapping of item id to value")
    known = {i.id: i for i in instrument.items}
    problems = []
    for item_id, value in answers.items():
        item = known.get(item_id)
        if item is None:
            problems.append(f"{item_id!r} is not a question of the {instrument.name}")
        elif value is not None and (not is_kind(value, int) or value not in item.values):
            allowed = ", ".join(str(v) for v in item.values)
            problems.append(f"{item_id}: {value!r} is not one of {allowed}")
    if problems:
        raise InvalidAnswers(f"{instrument.name}: " + "; ".join(problems))


def _refusal(instrument: Instrument, missing: tuple[str, ...]) -> str:
    n = len(instrument.scored_items)
    allowed = instrument.missing.max_missing
    need = "all" if allowed == 0 else f"at least {n - allowed} of"
    return (
        f"The {instrument.name} can only be scored when {need} its {n} questions are "
        f"answered; {len(missing)} left blank ({', '.join(missing)}). "
        f"{instrument.missing.basis}"
    )


def _aggregate(rule: str, values: list[int], n_items: int) -> float:
    mean = sum(values) / len(values)
    if rule == "mean":
        return round(mean, 2)
    if len(values) == n_items:
        return sum(values)
    # Prorated sum: blanks take the mean of the answered items, rounded half up.
    return math.floor(mean * n_items + 0.5)


def _score_subscale(sub: Subscale, answers: Mapping[str, Any]) -> SubscaleScore:
    total = sum(answers[i] for i in sub.item_ids)
    positive = total >= sub.positive_at
    text = sub.positive_text if positive else sub.negative_text
    return SubscaleScore(sub.id, sub.name, total, positive, text, sub.loinc_total)


def _with_interpretation(instrument: Instrument, result: Score) -> Score:
    high = instrument.score_range[1]
    parts = []
    if result.safety_flags:
        # Safety first, never after other text (DESIGN.md section 6).
        parts.append(
            "You told us about thoughts of being better off dead or of hurting "
            "yourself. Thank you for telling us. You do not have to face this alone: "
            "please look at the support contacts shown with this result, where you "
            "can reach someone right now."
        )
    parts.append(
        f"Your {instrument.name} score is {format_score(result.total)} out of {format_score(high)}."
    )
    if result.band:
        parts.append(result.band.interpretation)
    elif instrument.about:
        parts.append(instrument.about)
    parts += [s.interpretation for s in result.subscales if s.positive_screen]
    if result.prorated:
        parts.append("A few questions were left blank, so this score is an estimate.")
    return replace(result, interpretation=" ".join(parts))


def _as_number(value: Any) -> float | None:
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None
