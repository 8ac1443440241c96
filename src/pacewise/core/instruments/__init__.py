"""Validated questionnaires: definitions are data, scoring is a pure function.

A definition is a plain mapping (parsed JSON); `parse_definition` checks it
thoroughly and returns an `Instrument`. `score` turns answers into a `Score`,
`change` compares two scores against the minimal clinically important
difference, and `safety_flags` reports self-harm answers. No file, clock or
framework is touched here: `pacewise.instruments.load_all` reads the files.

Errors are `ValueError` subclasses: `DefinitionError` (a broken definition),
`InvalidAnswers` (answers that do not fit the form), `CannotScore` (the form is
too incomplete to score under its own rules), `CannotCompare` (no MCID).
"""

from __future__ import annotations

from .comparison import change
from .definition import FORMAT, SAFETY_KINDS, SCORING_RULES, parse_definition
from .model import (
    Band,
    CannotCompare,
    CannotScore,
    Change,
    DefinitionError,
    Instrument,
    InstrumentError,
    InvalidAnswers,
    Item,
    Mcid,
    MissingRule,
    Option,
    SafetyFlag,
    Score,
    Subscale,
    SubscaleScore,
)
from .scoring import band_for, safety_flags, score, short_form

__all__ = [
    "FORMAT",
    "SAFETY_KINDS",
    "SCORING_RULES",
    "Band",
    "CannotCompare",
    "CannotScore",
    "Change",
    "DefinitionError",
    "Instrument",
    "InstrumentError",
    "InvalidAnswers",
    "Item",
    "Mcid",
    "MissingRule",
    "Option",
    "SafetyFlag",
    "Score",
    "Subscale",
    "SubscaleScore",
    "band_for",
    "change",
    "parse_definition",
    "safety_flags",
    "score",
    "short_form",
]
