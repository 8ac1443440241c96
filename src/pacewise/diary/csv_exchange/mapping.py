"""Column mappings for other trackers' CSV: targets, rescaling, checks and a first guess."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .. import entries
from .cells import read_number
from .columns import CHECKIN_SCALES

SCALED = {name: (0, 10) for name in CHECKIN_SCALES} | {"sleep_hours": (0, 24)}
TARGETS = {"local_date", "entered_at", "year", "month", "day", "kind", "in_flare"}
TARGETS |= {"locations", "tags", "note", "ignore", *SCALED}
REPEATABLE = {"tags", "note", "locations", "ignore"}
FLAGS = {"true": True, "yes": True, "y": True, "1": True, "false": False, "no": False}
FLAGS |= {"n": False, "0": False}


@dataclass(frozen=True)
class Target:
    """One mapped column: the field it fills and, optionally, the source scale to rescale."""

    field: str
    scale: tuple[Decimal, Decimal] | None = None

    @classmethod
    def parse(cls, text: str) -> Target:
        match = re.fullmatch(r"\s*([a-z_]+)\s*(?::\s*([0-9.]+)\s*-\s*([0-9.]+)\s*)?", text)
        if not match or match[1] not in TARGETS:
            raise ValueError(
                f"{text!r} is not a diary field; use one of {', '.join(sorted(TARGETS))}"
            )
        if match[2] is None:
            return cls(match[1])
        if match[1] not in SCALED:
            raise ValueError(f"only {', '.join(SCALED)} can be rescaled")
        try:
            low, high = Decimal(match[2]), Decimal(match[3])
        except InvalidOperation as exc:
            raise ValueError(f"{text!r}: the scale must be two numbers, e.g. 1-5") from exc
        if low == high:
            raise ValueError(f"{text!r}: the scale needs two different ends")
        return cls(match[1], (low, high))

    def convert(self, text: str) -> Decimal | int:
        name, (out_low, out_high) = self.field, SCALED[self.field]
        value = read_number(text, name)
        if self.scale:
            low, high = self.scale
            if not min(low, high) <= value <= max(low, high):
                raise entries.EntryError(name, f"must be from {min(low, high)} to {max(low, high)}")
            value = out_low + (value - low) * (out_high - out_low) / (high - low)
        if name == "sleep_hours":
            value = value.quantize(Decimal("0.1"), ROUND_HALF_UP)
        elif self.scale:
            value = value.quantize(Decimal(1), ROUND_HALF_UP)
        elif value != value.to_integral_value():
            raise entries.EntryError(
                name, f"must be a whole number; to round, map it as {name}:{out_low}-{out_high}"
            )
        if not out_low <= value <= out_high:
            raise entries.EntryError(name, f"must be from {out_low} to {out_high}")
        return value if name == "sleep_hours" else int(value)


def plan_columns(mapping: dict[str, str]) -> list[tuple[str, Target]]:
    plan = [(column, Target.parse(target)) for column, target in mapping.items()]
    fields = [t.field for _, t in plan if t.field not in REPEATABLE]
    repeated = {f for f in fields if fields.count(f) > 1}
    if repeated:
        raise ValueError(f"more than one column is mapped to {', '.join(sorted(repeated))}")
    parts = {t.field for _, t in plan} & {"year", "month", "day"}
    if parts and (len(parts) != 3 or "local_date" in fields):
        raise ValueError("map all of year, month and day, or local_date, not both")
    if not parts and "local_date" not in fields:
        raise ValueError("map a column to local_date (or to year, month and day)")
    return plan


SYNONYMS = {
    "local_date": "date day_date localdate entry_date datum fecha",
    "entered_at": "entered_at timestamp datetime created_at time_stamp",
    "year": "year startyear",
    "month": "month startmonth",
    "day": "startday",
    "pain_avg": "pain pain_avg pain_level pain_score average_pain avg_pain pain_intensity "
    "overall_pain intensity pain_rating",
    "pain_now": "pain_now current_pain",
    "morning_pain": "morning_pain pain_on_waking",
    "fatigue": "fatigue tiredness tired fatigue_level",
    "sleep_hours": "sleep slept sleep_hours hours_slept hours_of_sleep sleep_duration",
    "sleep_quality": "sleep_quality",
    "stress": "stress stress_level",
    "mood": "mood mood_score",
    "in_flare": "flare in_flare flare_up flareup",
    "locations": "location locations pain_location pain_locations body_part body_parts region",
    "tags": "tags tag triggers labels",
    "note": "note notes comment comments journal description",
}
_KNOWN = {word.replace("_", ""): target for target, ws in SYNONYMS.items() for word in ws.split()}


def suggest_mapping(header: Iterable[str]) -> dict[str, str]:
    """Guess a mapping from common column names (first match wins); check it before use."""
    columns = [h.strip() for h in header]
    guess, used = {}, set()
    keys = {c: re.sub(r"[^a-z0-9]", "", c.lower().removeprefix("\ufeff")) for c in columns}
    has_parts = {"year", "month"} <= {_KNOWN.get(k) for k in keys.values()}
    for column in columns:
        target = _KNOWN.get(keys[column])
        if keys[column] == "day" and has_parts:
            target = "day"
        if target and (target in REPEATABLE or target not in used):
            guess[column] = target
            used.add(target)
    if {"year", "month", "day"} <= used:
        guess = {c: t for c, t in guess.items() if t != "local_date"}
    return guess


def check_mapping(mapping: dict[str, str]) -> None:
    """Raise ValueError (with a message for people) when `mapping` cannot work."""
    plan_columns(mapping)
