"""Local days: which calendar day an entry belongs to, and which days may be written.

A person's "day" is their local date. It is decided once, when the entry is made, from the wall
clock where they are, and stored; it is never recomputed. So a daylight-saving change or a trip
to another time zone cannot move, merge or lose a day that was already written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

# How far back a diary entry may be filled in. A quarter of a year covers "I forgot for a few
# weeks" while keeping the history trustworthy enough for trends. A convention, not a trial figure.
MAX_BACKFILL_DAYS = 92

# Devices' clocks drift; a timestamp this far in the future is still accepted as "now".
CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True)
class DateProblem:
    field: str
    message: str


def local_date_at(instant: datetime, zone: str) -> date:
    """The wall-clock date at `instant` (aware) in time zone `zone`."""
    if instant.tzinfo is None:
        raise ValueError("instant must carry a time zone")
    return instant.astimezone(ZoneInfo(zone)).date()


def today_in(zone: str, now: datetime) -> date:
    return local_date_at(now, zone)


def check_entry_day(
    local_date: date, *, now: datetime, zone: str, entered_at: datetime | None = None
) -> DateProblem | None:
    """Is `local_date` a day the person may write to now? None when it is.

    The future is refused. "Today" is the person's today, or the date on the device's own
    clock when it sent one (someone who just flew east is already in tomorrow there).
    """
    today = today_in(zone, now)
    if entered_at is not None:
        if entered_at.tzinfo is None:
            return DateProblem("entered_at", "must include a time zone offset or Z")
        if entered_at > now + CLOCK_SKEW:
            return DateProblem("entered_at", "cannot be in the future")
        today = max(today, entered_at.date())
    if local_date > today:
        return DateProblem("local_date", f"cannot be in the future (today is {today.isoformat()})")
    if local_date < today - timedelta(days=MAX_BACKFILL_DAYS):
        return DateProblem(
            "local_date", f"can be at most {MAX_BACKFILL_DAYS} days ago when filling in the past"
        )
    return None
