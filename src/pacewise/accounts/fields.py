"""Form fields and validators shared by the account forms and the API."""

from __future__ import annotations

import unicodedata
import zoneinfo
from functools import cache

from django import forms
from django.core.exceptions import ValidationError


@cache
def time_zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> str:
    if value not in time_zone_names():
        raise ValidationError(
            "Choose a time zone from the list that opens as you type a city, for example "
            "Europe/London or America/Chicago."
        )
    return value


class TimeZoneInput(forms.TextInput):
    """A text box that suggests every time zone as the person types a city or region."""

    template_name = "accounts/widgets/time_zone.html"

    def __init__(self, attrs=None):
        super().__init__({"list": "time-zone-list", "autocomplete": "off"} | (attrs or {}))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["zones"] = sorted(time_zone_names())
        return context


def clean_display_text(value: str, *, field: str, max_length: int) -> str:
    """Normalise free text and refuse what cannot be shown safely as a name."""
    value = unicodedata.normalize("NFC", value or "").strip()
    if len(value) > max_length:
        raise ValidationError(f"{field} can be at most {max_length} characters.")
    if any(unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co"} for ch in value):
        raise ValidationError(f"{field} contains invisible or control characters.")
    return value


class TimeZoneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("widget", TimeZoneInput)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return validate_time_zone(value) if value else value


def login_identity(request, credentials) -> str | None:
    """The account a sign-in attempt is for, as django-axes counts failures per account."""
    if credentials:
        value = credentials.get("email") or credentials.get("username") or credentials.get("login")
        if value:
            return str(value).strip().lower()[:254]
    post = getattr(request, "POST", None) or {}
    value = post.get("login") or post.get("email")
    return str(value).strip().lower()[:254] if value else None
