"""Explicit mapping from diary rows to the core's records."""

from __future__ import annotations

from datetime import date

from pacewise.core.day_summary import CheckInEntry, SessionEntry

from .models import ActivitySession, CheckIn


def checkin_entries(patient, start: date, end: date) -> list[CheckInEntry]:
    rows = CheckIn.objects.filter(
        patient=patient, deleted_at__isnull=True, local_date__range=(start, end)
    ).prefetch_related("tags")
    return [_checkin_entry(r, tuple(t.name for t in r.tags.all())) for r in rows]


def _checkin_entry(r: CheckIn, tags: tuple[str, ...] = ()) -> CheckInEntry:
    return CheckInEntry(
            local_date=r.local_date,
            entered_at=r.entered_at,
            pain_now=r.pain_now,
            pain_avg=r.pain_avg,
            morning_pain=r.morning_pain,
            fatigue=r.fatigue,
            sleep_hours=None if r.sleep_hours is None else float(r.sleep_hours),
            sleep_quality=r.sleep_quality,
            stress=r.stress,
            mood=r.mood,
            in_flare=r.in_flare,
            kind=r.kind,
            tags=tags,
        )  # fmt: skip


def session_entries(
    patient, start: date, end: date, *, by_plan_key: bool = False
) -> list[SessionEntry]:
    """Sessions as the core reads them. `by_plan_key`: a session logged from a plan (Today or
    the program's player) counts under the plan's key in `planned_item`."""
    rows = ActivitySession.objects.filter(
        patient=patient, deleted_at__isnull=True, local_date__range=(start, end)
    )
    return [_session_entry(r, by_plan_key) for r in rows]


def _session_entry(r: ActivitySession, by_plan_key: bool) -> SessionEntry:
    return SessionEntry(
            local_date=r.local_date,
            activity=(r.planned_item or r.activity) if by_plan_key else r.activity,
            minutes=r.minutes,
            sets=r.sets,
            reps=r.reps,
            exertion=r.exertion,
            pain_peak=r.pain_peak,
            pain_after=r.pain_after,
            planned=bool(r.planned_item),
        )  # fmt: skip


CHECKIN_COLUMNS = (
    "local_date", "entered_at", "pain_now", "pain_avg", "morning_pain", "fatigue",
    "sleep_hours", "sleep_quality", "stress", "mood", "in_flare", "kind",
)  # fmt: skip
SESSION_COLUMNS = (
    "local_date", "activity", "planned_item", "minutes", "sets", "reps", "exertion",
    "pain_peak", "pain_after",
)  # fmt: skip


def entries_for_many(
    patient_ids, start: date, end: date
) -> dict[object, tuple[list[CheckInEntry], list[SessionEntry]]]:
    """Check-ins and sessions (by plan key) of many people at once, in two queries: for
    pages over a whole caseload, whose cost must not grow a query per person. Reads plain
    columns (no model objects): the same entries as ``checkin_entries``/``session_entries``."""
    out: dict[object, tuple[list[CheckInEntry], list[SessionEntry]]] = {
        pk: ([], []) for pk in patient_ids
    }
    window = {"deleted_at__isnull": True, "local_date__range": (start, end)}
    checkins = CheckIn.objects.filter(patient_id__in=out, **window)
    for pk, *c in checkins.values_list("patient_id", *CHECKIN_COLUMNS):
        c[6] = None if c[6] is None else float(c[6])  # sleep hours: Decimal in the database
        out[pk][0].append(CheckInEntry(*c))
    sessions = ActivitySession.objects.filter(patient_id__in=out, **window)
    for pk, day, activity, planned, *dose in sessions.values_list("patient_id", *SESSION_COLUMNS):
        out[pk][1].append(SessionEntry(day, planned or activity, *dose, planned=bool(planned)))
    return out
