"""The guided session: today's exercises one at a time, then a diary entry for each one done.

The player's pages and the API's "log a session" both end in ``log_to_diary``, which writes
through ``pacewise.diary.entries.create`` with ``planned_item`` = the exercise id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from pacewise.diary import entries
from pacewise.diary.days import today_for
from pacewise.diary.models import ActivitySession

from .models import GuidedSession, Program, ProgramItem
from .programs import active_items, exercise_name, week_for

FEELINGS = {
    "easier": "Easier than I expected",
    "as_expected": "About what I expected",
    "harder": "Harder than I expected",
}


@dataclass(frozen=True)
class Done:
    """One exercise done, with the amount done."""

    exercise_id: str
    sets: int | None = None
    reps: int | None = None
    minutes: int | None = None




def start(patient, program: Program) -> GuidedSession:
    """Today's exercises (programs.week_for: the days a week each is asked for, as Today
    shows them); when today asks for none, the whole program, as the person chose a session."""
    today = today_for(patient)
    items = list(active_items(program))
    week = week_for(patient, items, today)
    items = [i for i in items if week[i.pk].asked_today] or items
    return GuidedSession.objects.create(
        patient=patient, local_date=today, item_ids=[i.pk for i in items]
    )


def current_item(session: GuidedSession) -> ProgramItem | None:
    """The exercise at the session's position (removed ones are passed over)."""
    while session.position < len(session.item_ids):
        item = ProgramItem.objects.filter(
            pk=session.item_ids[session.position], patient=session.patient, removed_at__isnull=True
        ).first()
        if item is not None:
            return item
        session.position += 1
    return None


def advance(
    session: GuidedSession, item: ProgramItem, *, done: bool, dose: Done | None = None
) -> GuidedSession:
    """Move on; `dose` is what the player asked for today (the program's dose otherwise)."""
    dose = dose or Done(item.exercise_id, item.sets, item.reps, item.minutes)
    record = {"item": item.pk, "exercise_id": item.exercise_id, "sets": dose.sets}
    record |= {"reps": dose.reps, "minutes": dose.minutes}
    if done:
        session.done = [*session.done, record]
    else:
        session.skipped = [*session.skipped, record]
    session.position += 1
    session.save(update_fields=["done", "skipped", "position"])
    return session


def note_swap(session: GuidedSession, item: ProgramItem) -> None:
    if item.previous:
        swap = {"item": item.pk, "from": item.previous[-1]["exercise_id"], "to": item.exercise_id}
        session.swaps = [*session.swaps, swap]
        session.save(update_fields=["swaps"])


def log_to_diary(
    patient,
    actor,
    done: list[Done],
    *,
    local_date: date,
    pain_peak: int | None,
    effort: int | None,
    feeling: str = "",
    entry_ids=None,
) -> tuple[list[ActivitySession], bool]:
    """One diary entry per exercise done; returns them and whether any was new.

    With ``entry_ids`` (one per exercise), a retry returns the stored entries.
    Raises ``entries.EntryError``.
    """
    note = FEELINGS.get(feeling, "")
    rows, created_any = [], False
    ids = entry_ids or [None] * len(done)
    with transaction.atomic():
        for d, entry_id in zip(done, ids, strict=True):
            values = {
                "activity": exercise_name(d.exercise_id)[:60],
                "minutes": d.minutes,
                "sets": d.sets if d.minutes is None else None,
                "reps": d.reps if d.minutes is None else None,
                "pain_peak": pain_peak,
                "exertion": effort,
                "note": f"Guided session. {note}".strip(),
                "planned_item": d.exercise_id,
            }
            entry, created = entries.create(
                ActivitySession,
                patient,
                actor,
                values=values,
                local_date=local_date,
                entry_id=entry_id,
            )
            rows.append(entry)
            created_any = created_any or created
    return rows, created_any


@transaction.atomic
def finish(session: GuidedSession, actor, *, pain_peak, effort, feeling) -> list[ActivitySession]:
    done = [Done(d["exercise_id"], d["sets"], d["reps"], d["minutes"]) for d in session.done]
    rows, _ = log_to_diary(
        session.patient,
        actor,
        done,
        local_date=session.local_date,
        pain_peak=pain_peak,
        effort=effort,
        feeling=feeling,
    )
    session.pain_peak, session.effort, session.feeling = pain_peak, effort, feeling
    session.finished_at = timezone.now()
    session.diary_entries = [str(r.pk) for r in rows]
    session.save()
    return rows
