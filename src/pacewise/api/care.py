"""/api/patients/{id}/notes and /api/caseload: the care team's side.

- Clinical notes are written by a sharing clinician only (the person gets 403), signed and
  never changed; a correction is a new note with `corrects` set. A clinic reads its own notes;
  the person reads the notes shared with them.
- Messages: the person writes to any clinic they share with, a sharing clinician in their
  clinic's thread; text only, never changed; the clinic marks a thread answered, the person
  may stop it (pacewise.care.conversations). Not for urgent help.
- The caseload (clinic staff only) lists who needs the clinician today and why
  (docs/evidence/triage.md), most urgent first.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from django.core.exceptions import PermissionDenied
from ninja import Field, Query, Router, Schema, Status
from pydantic import StrictBool

from pacewise.accounts.access import (
    Role,
    api_grant,
    is_clinic_staff,
    membership_for,
    shared_with,
)
from pacewise.accounts.crisis import help_for_patient
from pacewise.accounts.models import Patient
from pacewise.care import conversations as talk
from pacewise.care import discharge as ending
from pacewise.care import monitoring, notes, program_outcomes
from pacewise.care.models import Lead, TimeEntry
from pacewise.care.triage import mark_seen as mark_seen_row
from pacewise.care.triage import triage
from pacewise.core.care import triage as rules
from pacewise.core.care.program_outcomes import MILESTONES

from .outcomes import CrisisLine
from .schemas import Body

router = Router(tags=["care team"])


class NoteIn(Body):
    text: str = Field(min_length=1, max_length=notes.MAX_NOTE, description="The note.")
    shared: StrictBool = Field(False, description="The person may read it.")
    corrects: int | None = Field(
        None, ge=1, le=2**63 - 1, description="The id of the note this one corrects."
    )


class NoteOut(Schema):
    id: int
    created_at: datetime
    signed: str = Field(description="Name, role and clinic of the clinician who wrote it.")
    text: str
    shared: bool
    corrects: int | None = Field(None, alias="corrects_id")


@router.get(
    "/patients/{patient_id}/notes",
    response=list[NoteOut],
    operation_id="list_notes",
)
def list_notes(request, patient_id: uuid.UUID):
    """The clinic's own notes (clinicians), or the notes shared with the person."""
    grant = api_grant(request, patient_id, "api-notes")
    return list(notes.visible_notes(grant))


@router.post(
    "/patients/{patient_id}/notes",
    response={201: NoteOut},
    operation_id="add_note",
)
def add_note(request, patient_id: uuid.UUID, payload: NoteIn):
    """Write a note, or a correction of one (`corrects`). Sharing clinicians only."""
    grant = api_grant(request, patient_id, "api-notes", write=True, role=Role.CLINICIAN)
    row = notes.add_note(
        grant, request.user, payload.text, shared=payload.shared, corrects_id=payload.corrects
    )
    return Status(201, row)


class TriageReasonOut(Schema):
    kind: str = Field(description="long_flare, pain_rising, questionnaire_worse, drop_off, ...")
    title: str
    text: str = Field(description="The reason in words, with its figures.")
    episode: date = Field(description="The day the data began to give it.")


class CaseloadRowOut(Schema):
    patient_id: uuid.UUID
    name: str
    last_entry: date | None
    reasons: list[TriageReasonOut]


class SeenIn(Body):
    kind: Literal[rules.KINDS] = Field(description="The reason's kind, as the caseload gives it.")
    episode: date = Field(description="The reason's episode, as the caseload gives it.")
    note: str = Field("", max_length=2000, description="What was done (optional).")


class SeenOut(Schema):
    kind: str
    episode: date
    note: str
    seen_at: datetime


@router.post(
    "/patients/{patient_id}/caseload/seen",
    response={201: SeenOut},
    operation_id="mark_reason_seen",
)
def mark_seen(request, patient_id: uuid.UUID, payload: SeenIn):
    """A clinician saw one caseload reason: it leaves the clinic's list until the data give
    a new episode of it. Sharing clinicians only."""
    grant = api_grant(request, patient_id, "care-triage-seen", write=True, role=Role.CLINICIAN)
    return Status(201, mark_seen_row(grant, request.user, payload.kind, payload.episode,
                                     payload.note.strip()))  # fmt: skip


@router.get("/caseload", response=list[CaseloadRowOut], operation_id="get_caseload")
def caseload(
    request, mine: bool = Query(False, description="Only the people the caller leads.")
):
    """Everyone sharing with the caller's clinics, most urgent reason first (people with no
    reason follow). Clinic staff only; reasons a clinician marked seen are left out."""
    if not is_clinic_staff(request.user):
        raise PermissionDenied("Only clinic staff have a caseload.")
    found = Patient.objects.filter(shared_with(request.user)).select_related("user").distinct()
    if mine:
        found = found.filter(pk__in=Lead.objects.filter(clinician=request.user)
                             .values("patient_id"))  # fmt: skip
    patients = list(found)
    return [
        {
            "patient_id": row.patient.pk,
            "name": row.patient.user.name,
            "last_entry": row.last_entry,
            "reasons": list(row.reasons),
        }
        for row in triage(request.user, patients)
    ]


class ConversationOut(Schema):
    clinic_id: uuid.UUID
    clinic_name: str
    unread: int = Field(description="Messages from the other side the caller has not read.")
    can_write: bool
    why_not: str = Field(description="Why the caller cannot write here, in words (or empty).")
    answered: bool = Field(description="The clinic marked the thread answered.")
    stopped: bool = Field(description="The person stopped the thread; writing starts it again.")


class MessageOut(Schema):
    id: int
    created_at: datetime
    from_person: bool = Field(description="True if the person wrote it, false if the clinic.")
    signed: str = Field(description="The person's name, or the clinician's name, role, clinic.")
    text: str
    read_at: datetime | None = Field(description="When the other side opened it.")
    concern: bool = Field(
        False, description="The person wrote about ending their life or self-harm: the care "
        "team is asked to read it today.",
    )  # fmt: skip


class SentOut(MessageOut):
    crisis_lines: list[CrisisLine] = Field(
        description="For the person, when their message mentions ending their life or "
        "self-harm: the crisis lines for their country, to show at once (else empty)."
    )


class ThreadOut(ConversationOut):
    messages: list[MessageOut]


class MessageIn(Body):
    text: str = Field(min_length=1, max_length=talk.MAX_MESSAGE, description="Text only.")


def _conversation_out(conv) -> dict:
    return {
        "clinic_id": conv.clinic.pk, "clinic_name": conv.clinic.name, "unread": conv.unread,
        "can_write": conv.can_write, "why_not": conv.why_not,
        "answered": conv.answered, "stopped": conv.stopped,
    }  # fmt: skip


@router.get(
    "/patients/{patient_id}/messages",
    response=list[ConversationOut],
    operation_id="list_conversations",
)
def list_conversations(request, patient_id: uuid.UUID):
    """The person's conversations (every clinic they share with, and earlier ones to read), or
    a clinician's one conversation with this person."""
    grant = api_grant(request, patient_id, "api-messages")
    return [_conversation_out(c) for c in talk.conversations(grant)]


@router.get(
    "/patients/{patient_id}/messages/{clinic_id}",
    response=ThreadOut,
    operation_id="read_conversation",
)
def read_conversation(request, patient_id: uuid.UUID, clinic_id: uuid.UUID):
    """One conversation, oldest message first. Reading it marks the other side's messages
    read."""
    grant = api_grant(request, patient_id, "api-messages")
    conv = talk.conversation(grant, clinic_id)
    rows = talk.messages_in(conv)
    talk.mark_read(grant, conv)
    return {**_conversation_out(conv), "messages": rows}


@router.post(
    "/patients/{patient_id}/messages/{clinic_id}",
    response={201: SentOut},
    operation_id="send_message",
)
def send_message(request, patient_id: uuid.UUID, clinic_id: uuid.UUID, payload: MessageIn):
    """Write a message (the person, or a clinician of that clinic). The other side gets an
    email that says only "You have a new message in Pacewise". Not for urgent help: a
    message about ending one's life or self-harm comes back with the crisis lines to show."""
    grant = api_grant(request, patient_id, "api-messages", write=True, role=Role.READ)
    conv = talk.conversation(grant, clinic_id)
    message = talk.send(grant, request.user, conv, payload.text)
    lines = help_for_patient(grant.patient).as_api() if message.concern else []
    return Status(201, {**MessageOut.from_orm(message).model_dump(), "crisis_lines": lines})


@router.post(
    "/patients/{patient_id}/messages/{clinic_id}/answered",
    response=ConversationOut,
    operation_id="mark_conversation_answered",
)
def mark_answered(request, patient_id: uuid.UUID, clinic_id: uuid.UUID):
    """The clinic has answered: the thread leaves its list of waiting messages until the
    person writes again. Sharing clinicians only."""
    grant = api_grant(request, patient_id, "api-messages", write=True, role=Role.CLINICIAN)
    conv = talk.conversation(grant, clinic_id)
    talk.mark_answered(grant, conv)
    return _conversation_out(talk.conversation(grant, clinic_id))


@router.post(
    "/patients/{patient_id}/messages/{clinic_id}/stop",
    response=ConversationOut,
    operation_id="stop_conversation",
)
def stop_conversation(request, patient_id: uuid.UUID, clinic_id: uuid.UUID):
    """The person wants no more messages in this thread; writing again starts it again. The
    person only."""
    grant = api_grant(request, patient_id, "api-messages", write=True)
    conv = talk.conversation(grant, clinic_id)
    talk.stop(conv)
    return _conversation_out(talk.conversation(grant, clinic_id))


class WaitingOut(Schema):
    patient_id: uuid.UUID
    name: str
    clinic_id: uuid.UUID
    since: datetime = Field(description="When the person's latest message came.")
    unread: int


@router.get("/caseload/messages", response=list[WaitingOut], operation_id="get_waiting_messages")
def waiting_messages(request):
    """Threads where a person wrote last and nobody in the clinic marked them answered, oldest
    first. Clinic staff only."""
    if not is_clinic_staff(request.user):
        raise PermissionDenied("Only clinic staff have a caseload.")
    return [
        {"patient_id": w.patient_id, "name": w.patient_name, "clinic_id": w.clinic.pk,
         "since": w.since, "unread": w.unread}
        for w in talk.waiting_for_clinics(request.user)
    ]  # fmt: skip


class OutcomeCellOut(Schema):
    milestone: str = Field(description="week4, week12 or week26 (1, 3 and 6 months).")
    people: int | None = Field(description="How many the figure is about (null when hidden).")
    count: int | None = Field(description="For shares: how many of them.")
    value: float | None = Field(description="A share (0-1), flare days per month or a ratio.")
    low: float | None = Field(description="The 95% interval's lower end.")
    high: float | None = Field(description="The 95% interval's upper end.")
    hidden: bool = Field(description="Fewer than 5 people: not shown, so none is identifiable.")


class OutcomeRowOut(Schema):
    measure: str = Field(description="answered:<id>, better:<id>, logging, flare_days, movement")
    title: str
    unit: str = Field(description="share, per month or ratio")
    cells: list[OutcomeCellOut]


@router.get(
    "/clinics/{clinic_id}/outcomes", response=list[OutcomeRowOut], operation_id="clinic_outcomes"
)
def clinic_outcomes(request, clinic_id: uuid.UUID):
    """The clinic's program outcomes at 1, 3 and 6 months among everyone who shares with it
    now, with 95% intervals; a figure about fewer than 5 people is hidden. Members only."""
    membership = membership_for(request.user, clinic_id)
    _, rows = program_outcomes.clinic_outcomes(membership.clinic)
    return [
        {"measure": r.measure, "title": r.title, "unit": r.unit, "cells": [
            _cell_out(key, c) for (key, _, _), c in zip(MILESTONES, r.cells, strict=True)
        ]}
        for r in rows
    ]  # fmt: skip


def _cell_out(milestone: str, cell) -> dict:
    if cell.hidden:
        return {"milestone": milestone, "people": None, "count": None, "value": None,
                "low": None, "high": None, "hidden": True}  # fmt: skip
    return {"milestone": milestone, "people": cell.n, "count": cell.count, "value": cell.value,
            "low": cell.low, "high": cell.high, "hidden": False}  # fmt: skip


class DischargeIn(Body):
    message: str = Field(min_length=1, max_length=talk.MAX_MESSAGE,
                         description="Why care ends and where to turn next; sent to the person.")


class DischargeOut(Schema):
    ends_at: datetime | None = Field(description="When the clinic's access ends (null: never).")
    ended_by: str
    end_message: str


@router.post(
    "/patients/{patient_id}/discharge", response={201: DischargeOut}, operation_id="end_care"
)
def end_care(request, patient_id: uuid.UUID, payload: DischargeIn):
    """End the clinic's care with a message. The person keeps their record; the clinic keeps
    access for a grace period (14 days) the person sees, then loses it. Sharing clinicians
    only."""
    grant = api_grant(request, patient_id, "care-discharge", write=True, role=Role.CLINICIAN)
    return Status(201, ending.discharge(grant, request.user, payload.message))


@router.post(
    "/patients/{patient_id}/discharge/take-back",
    response=DischargeOut,
    operation_id="take_back_end_of_care",
)
def take_back(request, patient_id: uuid.UUID):
    """Undo an end of care during its grace period: care goes on. Sharing clinicians only."""
    grant = api_grant(request, patient_id, "care-discharge", write=True, role=Role.CLINICIAN)
    return ending.take_back(grant)


class PeriodOut(Schema):
    first: date
    last: date = Field(description="Inclusive; the current period ends today.")
    days_with_data: int


class TimeEntryOut(Schema):
    id: int
    on: date
    minutes: int
    live: bool = Field(description="Included a live conversation (a call or a visit).")
    note: str
    signed: str = Field(description="Name, role and clinic of the clinician who logged it.")


class MonitoringOut(Schema):
    periods: list[PeriodOut] = Field(description="30-day periods since sharing began, oldest 1st.")
    time: list[TimeEntryOut] = Field(description="The clinic's logged time, newest first.")


class TimeIn(Body):
    on: date = Field(description="The day, today or earlier (the person's own today).")
    minutes: int = Field(ge=1, le=monitoring.MAX_MINUTES, description="1 to 240.")
    live: StrictBool = Field(False, description="Included a live conversation.")
    note: str = Field("", max_length=300, description="What was done (optional).")


@router.get(
    "/patients/{patient_id}/monitoring", response=MonitoringOut, operation_id="get_monitoring"
)
def get_monitoring(request, patient_id: uuid.UUID):
    """Days with diary data per 30-day period since the person began sharing with the clinic,
    and the clinic's logged management time. Sharing clinicians only; figures, not a claim
    about eligibility or billing."""
    grant = api_grant(request, patient_id, "care-monitoring", role=Role.CLINICIAN)
    entries = TimeEntry.objects.filter(patient=grant.patient, clinic=grant.clinic)[:500]
    return {"periods": monitoring.data_periods(grant.patient, grant.clinic), "time": list(entries)}


@router.post(
    "/patients/{patient_id}/monitoring/time",
    response={201: TimeEntryOut},
    operation_id="log_time",
)
def log_time(request, patient_id: uuid.UUID, payload: TimeIn):
    """Log management time for this person. Sharing clinicians only."""
    grant = api_grant(request, patient_id, "care-monitoring", write=True, role=Role.CLINICIAN)
    return Status(201, monitoring.log_time(grant, request.user, on=payload.on,
                                           minutes=payload.minutes, live=payload.live,
                                           note=payload.note))  # fmt: skip
