"""What a questionnaire is, what scoring it gives, and the errors along the way.

Errors are `ValueError` subclasses: `DefinitionError` (a broken definition),
`InvalidAnswers` (answers that do not fit the form), `CannotScore` (the form is
too incomplete to score under its own rules), `CannotCompare` (no MCID).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class InstrumentError(ValueError):
    """Base class for every questionnaire error."""


class DefinitionError(InstrumentError):
    """A definition breaks one or more rules; `problems` lists each as 'field: problem'."""

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.source = source
        self.problems = tuple(problems)
        if len(self.problems) == 1:
            message = f"{source}: {self.problems[0]}"
        else:
            lines = "".join(f"\n  - {p}" for p in self.problems)
            message = f"{source}: {len(self.problems)} problems:{lines}"
        super().__init__(message)


class InvalidAnswers(InstrumentError):
    """Answers name an unknown question or give a value the question does not offer."""


class CannotScore(InstrumentError):
    """Too many questions are unanswered to score under the instrument's own rule."""


class CannotCompare(InstrumentError):
    """Two scores cannot be compared (different instruments, or no MCID)."""


@dataclass(frozen=True)
class Option:
    value: int
    text: str
    loinc: str | None = None


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    options: tuple[Option, ...]
    loinc: str | None = None
    short: str | None = None
    scored: bool = True
    safety: str | None = None

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(o.value for o in self.options)


@dataclass(frozen=True)
class Band:
    min: int
    max: int
    label: str
    interpretation: str
    suggest_clinician: bool = False


@dataclass(frozen=True)
class Mcid:
    value: float
    plain: str
    source: str


@dataclass(frozen=True)
class MissingRule:
    """How many scored items may be blank; each is replaced by the mean of the answered ones."""

    max_missing: int
    basis: str


@dataclass(frozen=True)
class Subscale:
    """A short form inside an instrument (e.g. PHQ-2 = PHQ-9 items 1-2), scored as a sum."""

    id: str
    name: str
    item_ids: tuple[str, ...]
    positive_at: int
    positive_text: str
    negative_text: str
    source: str
    citation: str
    loinc_total: str | None = None


@dataclass(frozen=True)
class Instrument:
    id: str
    name: str
    title: str
    version: str
    language: str
    recall_period: str
    stem: str | None
    about: str | None
    items: tuple[Item, ...]
    scoring: str
    score_range: tuple[float, float]
    better: str
    bands: tuple[Band, ...]
    bands_note: str | None
    mcid: Mcid | None
    missing: MissingRule
    subscales: tuple[Subscale, ...]
    loinc_panel: str | None
    loinc_total: str | None
    licence: str
    citation: str
    source: str = ""

    @property
    def scored_items(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.scored)

    def item(self, item_id: str) -> Item:
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def subscale(self, subscale_id: str) -> Subscale:
        for s in self.subscales:
            if s.id == subscale_id:
                return s
        raise KeyError(subscale_id)


@dataclass(frozen=True)
class SafetyFlag:
    kind: str
    item_id: str
    value: int


@dataclass(frozen=True)
class SubscaleScore:
    id: str
    name: str
    total: int
    positive_screen: bool
    interpretation: str
    loinc_total: str | None = None


@dataclass(frozen=True)
class Score:
    instrument_id: str
    instrument_version: str
    total: float
    band: Band | None
    subscales: tuple[SubscaleScore, ...]
    prorated: bool
    missing_items: tuple[str, ...]
    safety_flags: tuple[SafetyFlag, ...]
    safety_unanswered: tuple[str, ...]
    suggest_clinician: bool
    interpretation: str

    @property
    def band_label(self) -> str | None:
        return self.band.label if self.band else None

    def subscale(self, subscale_id: str) -> SubscaleScore | None:
        return next((s for s in self.subscales if s.id == subscale_id), None)


@dataclass(frozen=True)
class Change:
    instrument_id: str
    baseline: float
    latest: float
    difference: float
    meaningful: bool
    direction: str  # "better", "worse" or "same"
    message: str
    meaning: str
    caveat: str | None
