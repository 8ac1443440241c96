"""Request and response shapes of the API."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from annotated_types import Interval
from django.core.exceptions import ValidationError as DjangoValidationError
from ninja import Field, Query, Schema
from pydantic import BeforeValidator, ConfigDict, field_validator

from pacewise.accounts.fields import clean_display_text

# The largest page offset any list takes: far beyond any diary or log, and inside what every
# database takes as a number (a bigger one is a 422, never a 500).
MAX_OFFSET = 1_000_000


def limit_param():
    return Query(50, ge=1, le=500, description="How many to return, 1 to 500.")


def offset_param():
    return Query(0, ge=0, le=MAX_OFFSET, description="How many to skip (for the next page).")


def version_param():
    return Query(
        None, ge=1, description="The version you last saw: 409 if the entry changed since."
    )


class Body(Schema):
    """A request body: a field the API does not know is refused with its name (422), never
    ignored, so a misspelt `pain` is not a value silently lost; the OpenAPI description says
    so (`additionalProperties: false`)."""

    model_config = ConfigDict(extra="forbid")


def whole(low: int, high: int, *, optional: bool = False):
    """A whole number from `low` to `high` (null too when `optional`), declared so in the
    OpenAPI description and refused with one plain message: `true` and `2.5` are not numbers
    here, although pydantic's lax mode would take them."""

    def check(value):
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"must be a whole number from {low} to {high}")
        return value

    number = Annotated[int, Interval(ge=low, le=high)]
    return Annotated[number | None if optional else number, BeforeValidator(check)]

class MeOut(Schema):
    email: str
    name: str
    time_zone: str
    patient_id: uuid.UUID | None
    clinics: list[ClinicRef]
    two_factor: bool


class ClinicRef(Schema):
    id: uuid.UUID
    name: str
    role: str | None = None


class PatientOut(Schema):
    id: uuid.UUID
    name: str
    time_zone: str
    is_you: bool
    seen_through: ClinicRef | None = None


class TokenIn(Body):
    name: str = Field(min_length=1, max_length=60)
    expires_in_days: int | None = Field(90, ge=1, le=3650)

    @field_validator("name", mode="before")
    @classmethod
    def plain_text(cls, value):
        if not isinstance(value, str):
            raise ValueError("must be text")
        try:
            cleaned = clean_display_text(value, field="name", max_length=60)
        except DjangoValidationError as exc:
            raise ValueError(exc.messages[0]) from exc
        if not cleaned:
            raise ValueError("give the token a name")
        return cleaned


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreated(TokenOut):
    token: str = Field(description="Shown once: store it now, it cannot be shown again.")


class ShareIn(Body):
    code: str = Field(min_length=1, max_length=32, description="The clinic's 8-character code.")


class ShareOut(Schema):
    id: int
    clinic: ClinicRef
    granted_at: datetime
    revoked_at: datetime | None
    active: bool = Field(description="Sharing is in force now.")
    ends_at: datetime | None = Field(
        None, description="The clinic ended care: its access ends then (a discharge)."
    )
    end_message: str = Field("", description="The clinic's message when it ended care.")


class Page(Schema):
    count: int
    limit: int
    offset: int


class AccessEventOut(Schema):
    at: datetime
    who: str
    clinic: str | None
    action: str
    what: str
    ip_address: str | None
    via: str


class AccessEventPage(Page):
    items: list[AccessEventOut]


MeOut.model_rebuild()
