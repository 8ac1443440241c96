"""The person's days: the one place every app and the API ask what "today" is for someone,
what their days between two dates were (summarised once, by pacewise.core.day_summary), and
whether they are in a flare on a day.

- **Today** is the calendar day now in the person's own time zone (their profile's).
- **A day's summary** follows the rules in docs/diary.md (pacewise.core.day_summary).
- **In a flare on a day** is the day summary's answer: any check-in that day said so (a
  declared flare is taken at face value; one said by mistake is taken back with
  ``take_back_flare``).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Max, Min
from django.utils import timezone

from pacewise.core.day_summary import DaySummary, summarize_day, summarize_days
from pacewise.core.insights.triggers import DailyTable, table_of_days
from pacewise.core.localtime import today_in

from . import entries
from .convert import checkin_entries, session_entries
from .models import ActivitySession, CheckIn


def today_for(patient) -> date:
    """The person's today, in their own time zone."""
    return today_in(patient.user.time_zone, timezone.now())


def summaries(patient, start: date, end: date, *, by_plan_key: bool = False) -> list[DaySummary]:
    """Every day from ``start`` to ``end`` that has an entry, oldest first."""
    return summarize_days(
        checkin_entries(patient, start, end),
        session_entries(patient, start, end, by_plan_key=by_plan_key),
    )


def first_day(patient) -> date | None:
    """The diary's first day with an entry (back-filled and imported days included)."""
    firsts = [
        model.objects.filter(patient=patient, deleted_at__isnull=True)
        .aggregate(first=Min("local_date"))["first"]
        for model in (CheckIn, ActivitySession)
    ]
    found = [d for d in firsts if d is not None]
    return min(found) if found else None


def last_days(patient_ids) -> dict:
    """Each person's last day with an entry (none for people who never logged), for many
    people in two queries: a caseload's quiet people."""
    latest: dict = {}
    for model in (CheckIn, ActivitySession):
        rows = (model.objects.filter(patient_id__in=list(patient_ids), deleted_at__isnull=True)
                .values("patient_id").annotate(last=Max("local_date"))
                .values_list("patient_id", "last"))  # fmt: skip
        for pk, last in rows:
            latest[pk] = max(last, latest.get(pk, last))
    return latest


def summary_on(patient, day: date) -> DaySummary:
    checkins = checkin_entries(patient, day, day)
    return summarize_day(day, checkins, session_entries(patient, day, day))


def sleep_missing(patient, day: date) -> bool:
    """No check-in that day has said how the night was (so the evening check-in asks)."""
    summary = summary_on(patient, day)
    return summary.sleep_hours is None and summary.sleep_quality is None


def in_flare_on(patient, day: date) -> bool:
    return summary_on(patient, day).flare


def in_flare_today(patient) -> bool:
    return in_flare_on(patient, today_for(patient))


def take_back_flare(patient, actor, day: date) -> int:
    """Undo "I'm in a flare" for a day (declared by mistake): a flare check-in that holds
    nothing else is deleted (restorable for 30 days); any other check-in keeps its answers
    with the flare answer set to no. Both leave a revision. Returns how many were changed."""
    changed = 0
    rows = CheckIn.objects.filter(
        patient=patient, local_date=day, in_flare=True, deleted_at__isnull=True
    )
    for row in rows:
        bare = row.kind == CheckIn.Kind.FLARE and all(
            getattr(row, f) in (None, "", []) for f in entries.CHECKIN_FIELDS
            if f not in ("kind", "in_flare")
        ) and not row.tags.exists()
        if bare:
            entries.delete(row, actor)
        else:
            entries.update(row, actor, values={"in_flare": False}, expected_version=None)
        changed += 1
    return changed


def trigger_table(patient, days: list[DaySummary], start: date, end: date) -> DailyTable:
    """The person's days from ``start`` to ``end`` as the trigger detector reads them (the
    rule is ``core.insights.triggers.table_of_days``), with each logged day's tags."""
    tags: dict[date, set[str]] = {}
    rows = CheckIn.objects.filter(
        patient=patient, deleted_at__isnull=True, local_date__range=(start, end)
    ).prefetch_related("tags")
    for row in rows:
        tags.setdefault(row.local_date, set()).update(t.name for t in row.tags.all())
    return table_of_days(days, tags)
