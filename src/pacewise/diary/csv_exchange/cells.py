"""Reading one cell's value as strictly as the API: numbers, dates, text, body regions, tags."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal

from .. import entries
from ..catalog import BODY_REGIONS

MAX_TAGS = 20


def read_whole(text: str, name: str, low: int, high: int) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not re.fullmatch(r"[0-9]{1,6}", text) or not low <= int(text) <= high:
        raise entries.EntryError(name, f"must be a whole number from {low} to {high}")
    return int(text)


def read_number(text: str, name: str) -> Decimal:
    if not re.fullmatch(r"[0-9]{1,9}(\.[0-9]{1,9})?", text):
        raise entries.EntryError(name, f"{text[:20]!r} is not a number")
    return Decimal(text)


def read_hours(text: str) -> Decimal | None:
    text = text.strip()
    if not text:
        return None
    value = read_number(text, "sleep_hours")
    if value > 24:
        raise entries.EntryError("sleep_hours", "must be a number of hours from 0 to 24")
    return value.quantize(Decimal("0.1"), ROUND_HALF_UP)


def read_day(text: str, date_format: str | None = None) -> date:
    text = text.strip()
    if not text:
        raise entries.EntryError("local_date", "is missing")
    try:
        if date_format:
            day = datetime.strptime(text, date_format).date()
        elif re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            day = date.fromisoformat(text)
        else:
            day = datetime.fromisoformat(text).date()
    except ValueError as exc:
        hint = f"in the format {date_format}" if date_format else "like 2026-05-04"
        raise entries.EntryError("local_date", f"must be a date {hint}") from exc
    if day.year < 1900:
        raise entries.EntryError("local_date", "must be in 1900 or later")
    return day


def read_instant(text: str) -> datetime | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError as exc:
        raise entries.EntryError(
            "entered_at", "must be an ISO 8601 date and time with an offset"
        ) from exc
    if value.tzinfo is None:
        raise entries.EntryError("entered_at", "must include a time zone offset or Z")
    return value.astimezone(UTC)


def read_text(text: str, name: str, limit: int, *, required=False) -> str:
    if required and not text.strip():
        raise entries.EntryError(name, "is missing")
    if len(text) > limit:
        raise entries.EntryError(name, f"can be at most {limit} characters")
    return text


def split_list(text: str) -> list[str]:
    """Split a `;`-list, honouring `\\;` and `\\\\` escapes."""
    items, current, chars = [], [], iter(text)
    for ch in chars:
        if ch == "\\":
            current.append(next(chars, "\\"))
        elif ch == ";":
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    return [] if items == [""] else items


def read_regions(names: Iterable[str]) -> list[str]:
    keys = []
    labels = {label.casefold(): key for key, label in BODY_REGIONS.items()}
    for name in names:
        key = name.strip()
        key = key if key in BODY_REGIONS else labels.get(key.casefold(), key.casefold())
        if key not in BODY_REGIONS:
            raise entries.EntryError(
                "locations",
                f"unknown body region {name[:40]!r}; use one of {', '.join(BODY_REGIONS)}",
            )
        keys.append(key)
    return list(dict.fromkeys(keys))


def read_tags(names: list[str]) -> list[str]:
    if len(names) > MAX_TAGS:
        raise entries.EntryError("tags", f"at most {MAX_TAGS} tags per entry")
    return [entries.clean_tag_name(n) for n in names]
