"""Monitoring figures for a clinic (core.care.monitoring): days with diary data per 30-day period
since the person began sharing with the clinic, and the team's logged management time."""

from __future__ import annotations

import calendar
import csv
import io
from datetime import date

from pacewise.accounts.models import Share
from pacewise.core.care.monitoring import Period, month_minutes, periods
from pacewise.core.errors import RuleError
from pacewise.core.localtime import local_date_at
from pacewise.diary.days import summaries, today_for

from .models import TimeEntry

MAX_MINUTES = 240


class TimeError(RuleError):
    """A time entry breaks a rule (``field``, ``message``)."""


def began(patient, clinic) -> date | None:
    """The day monitoring began: when the person began sharing with the clinic."""
    share = Share.objects.active().filter(patient=patient, clinic=clinic).order_by("granted_at")
    first = share.first()
    return local_date_at(first.granted_at, patient.user.time_zone) if first else None


def data_periods(patient, clinic, today: date | None = None) -> list[Period]:
    today = today or today_for(patient)
    start = began(patient, clinic)
    if start is None:
        return []
    days = [s.date for s in summaries(patient, start, today)]
    return periods(days, start, today)


def log_time(grant, user, *, on: date, minutes: int, live: bool, note: str) -> TimeEntry:
    today = today_for(grant.patient)
    if on > today:
        raise TimeError("on", "Time can only be logged for today or an earlier day.")
    if not 1 <= minutes <= MAX_MINUTES:
        raise TimeError("minutes", f"Log 1 to {MAX_MINUTES} minutes at a time.")
    return TimeEntry.objects.create(
        patient=grant.patient, clinic=grant.clinic, clinician=user, signed=grant.signed,
        on=on, minutes=minutes, live=live, note=note.strip(),
    )  # fmt: skip


COLUMNS = (
    "person", "monitoring_began", "period_first", "period_last", "days_with_data", "month",
    "minutes", "live_minutes",
)  # fmt: skip


def clinic_csv(clinic, year: int, month: int) -> str:
    """One row per person sharing with the clinic: the 30-day period holding the month's last
    day (or today), its days with data, and the month's logged minutes."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    month_end = date(year, month, calendar.monthrange(year, month)[1])
    shares = Share.objects.active().filter(clinic=clinic).select_related("patient__user")
    for share in shares.order_by("patient__user__display_name"):
        patient = share.patient
        upto = min(month_end, today_for(patient))
        found = data_periods(patient, clinic, upto)
        if not found:
            continue
        current = found[-1]
        entries = TimeEntry.objects.filter(patient=patient, clinic=clinic).values_list(
            "on", "minutes", "live"
        )
        spent = month_minutes(entries, year, month)
        writer.writerow([
            patient.user.name, found[0].first, current.first, current.last,
            current.days_with_data, f"{year:04d}-{month:02d}", spent.total, spent.live,
        ])  # fmt: skip
    return out.getvalue()
