"""Request and response shapes of the API."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from ninja import Field, Schema
from pydantic import field_validator

from pacewise.accounts.fields import clean_display_text

# The largest page offset any list takes: far beyond any diary or log, and inside what every
# database takes as a number (a bigger one is a 422, never a 500).
MAX_OFFSET = 1_000_000

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


class TokenIn(Schema):
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


class ShareIn(Schema):
    code: str = Field(min_length=1, max_length=32, description="The clinic's 8-character code.")


class ShareOut(Schema):
    id: int
    clinic: ClinicRef
    granted_at: datetime
    revoked_at: datetime | None


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
