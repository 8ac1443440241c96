"""Strict shapes for diary entries in the API. Pydantic's lax mode would turn `false` into 0
and `0` into a 1970 timestamp; the validators below refuse such values by name."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import BeforeValidator, StrictBool, field_validator

from pacewise.diary.catalog import BODY_REGIONS

from .schemas import Body, whole


def _hours(value):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a number of hours from 0 to 24")
    if not 0 <= value <= 24:
        raise ValueError("must be a number of hours from 0 to 24")
    return round(float(value), 1)


def _instant(value):
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(
            "must be an ISO 8601 date and time with an offset, e.g. 2026-05-04T21:30:00+01:00"
        )
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ValueError("must be an ISO 8601 date and time with an offset") from exc
    if parsed.tzinfo is None:
        raise ValueError("must include a time zone offset or Z")
    return parsed


def _day(value):
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("must be a date like 2026-05-04")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError("must be a date like 2026-05-04") from exc


Scale = whole(0, 10, optional=True)
Minutes = whole(0, 1440, optional=True)
Sets = whole(1, 100, optional=True)
Reps = whole(1, 1000, optional=True)
Hours = Annotated[float | None, BeforeValidator(_hours)]
Instant = Annotated[datetime | None, BeforeValidator(_instant)]
Day = Annotated[date | None, BeforeValidator(_day)]


class EntryIn(Body):
    id: uuid.UUID | None = Field(None, description="Your own UUID: a retry never duplicates.")
    local_date: Day = Field(None, description="The person's local day; default: from entered_at.")
    entered_at: Instant = Field(None, description="When, with offset; stored in UTC.")
    note: str = Field("", max_length=2000)


class CheckInFields(Schema):
    kind: Literal["full", "morning", "flare"] = "full"
    pain_now: Scale = None
    pain_avg: Scale = None
    morning_pain: Scale = None
    fatigue: Scale = None
    sleep_hours: Hours = None
    sleep_quality: Scale = None
    stress: Scale = None
    mood: Scale = None
    in_flare: bool = False
    locations: list[str] = Field(default_factory=list, max_length=len(BODY_REGIONS))
    tags: list[Annotated[str, Field(max_length=40)]] = Field(default_factory=list, max_length=20)

    @field_validator("in_flare", mode="before")
    @classmethod
    def strict_bool(cls, value):
        if not isinstance(value, bool):
            raise ValueError("must be true or false")
        return value

    @field_validator("locations")
    @classmethod
    def known_regions(cls, value):
        unknown = [v for v in value if v not in BODY_REGIONS]
        if unknown:
            raise ValueError(
                f"unknown body region {unknown[0]!r}; use one of {', '.join(BODY_REGIONS)}"
            )
        return list(dict.fromkeys(value))


class CheckInIn(EntryIn, CheckInFields):
    pass


class CheckInUpdate(CheckInFields):
    version: int = Field(ge=1, description="The version you last saw; 409 if it has changed.")
    local_date: Day = None
    note: str = Field("", max_length=2000)


class ActivityFields(Schema):
    activity: str = Field(
        min_length=1,
        max_length=60,
        description="A key (walking) or its label (Walking), or one of the person's own "
        "activities; anything else is refused unless new_activity is true.",
    )
    minutes: Minutes = None
    sets: Sets = None
    reps: Reps = None
    exertion: Scale = None
    pain_before: Scale = None
    pain_peak: Scale = None
    pain_after: Scale = None
    planned_item: str = Field("", max_length=80)


class NewActivity(Schema):
    new_activity: StrictBool = Field(
        False, description="true: add an activity of the person's own with this name."
    )


class ActivityIn(EntryIn, ActivityFields, NewActivity):
    pass


class ActivityUpdate(ActivityFields, NewActivity):
    version: int = Field(ge=1, description="The version you last saw; 409 if it has changed.")
    local_date: Day = None
    note: str = Field("", max_length=2000)


class EntryOut(Schema):
    id: uuid.UUID
    local_date: date
    entered_at: datetime
    note: str
    version: int
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None


class CheckInOut(EntryOut, CheckInFields):
    sleep_hours: float | None = None

    @staticmethod
    def resolve_tags(obj):
        return [t.name for t in obj.tags.all()] if hasattr(obj, "tags") else []

    @staticmethod
    def resolve_in_flare(obj):
        return obj.in_flare


class ActivityOut(EntryOut, ActivityFields):
    pass


class CheckInPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[CheckInOut]


class ActivityPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ActivityOut]


class DayOut(Schema):
    date: date
    avg_pain: float | None
    morning_pain: int | None
    fatigue: int | None
    sleep_hours: float | None
    sleep_quality: int | None
    stress: int | None
    mood: int | None
    flare: bool
    minutes: float
    checkins: int
    pain_source: str | None = Field(
        description="Where avg_pain came from: day (average pain), now (pain right now) or "
        "waking (pain on waking, when nothing else was said); see docs/diary.md."
    )


class RevisionOut(Schema):
    version: int
    action: str
    changed_by: str
    changed_at: datetime
    old_values: dict
