"""/api/patients/{id}/checkins, /activities, /days: the diary, offline-safe and idempotent.

- Create with your own `id`: a retry with the same id returns the stored entry (200), never a
  duplicate.
- Update and delete send the `version` they last saw; if another device saved in between, the
  answer is 409 with the current entry in `current`, and nothing is changed.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Status

from pacewise.accounts.access import api_grant
from pacewise.core.errors import RuleError
from pacewise.core.localtime import local_date_at
from pacewise.diary import entries
from pacewise.diary.days import summaries
from pacewise.diary.models import ActivitySession, CheckIn, Revision

from .diary_schemas import (
    ActivityIn,
    ActivityOut,
    ActivityPage,
    ActivityUpdate,
    CheckInIn,
    CheckInOut,
    CheckInPage,
    CheckInUpdate,
    DayOut,
    RevisionOut,
)
from .errors import Error
from .schemas import limit_param, offset_param, version_param

router = Router(tags=["diary"])
KINDS = {"checkins": (CheckIn, CheckInOut), "activities": (ActivitySession, ActivityOut)}


class ConflictOut(Error):
    current: dict


def _conflict(exc: entries.Conflict, out_schema):
    current = out_schema.from_orm(exc.current).model_dump(mode="json")
    return Status(
        409,
        {
            "detail": f"This entry was changed elsewhere; it is now version {exc.current.version}.",
            "errors": [{"field": "version", "message": "does not match the current version"}],
            "current": current,
        },
    )


def _values(payload, model) -> dict:
    data = payload.model_dump(exclude={"id", "local_date", "entered_at", "tags", "version"})
    return {k: v for k, v in data.items() if k in entries.FIELDS[model]}


def _create(request, patient_id, payload, model, out):
    grant = api_grant(request, patient_id, f"api-{model._meta.model_name}", write=True)
    patient = grant.patient
    entered_at = payload.entered_at
    local_date = payload.local_date or (
        entered_at.date() if entered_at else local_date_at(timezone.now(), patient.user.time_zone)
    )
    entry, created = entries.create(
        model,
        patient,
        request.user,
        values=_values(payload, model),
        local_date=local_date,
        entered_at=entered_at,
        entry_id=payload.id,
        tags=getattr(payload, "tags", ()),
        new_activity_ok=getattr(payload, "new_activity", True),
    )
    return Status(201 if created else 200, entry)


def _update(request, patient_id, entry_id, payload, model, out):
    grant = api_grant(request, patient_id, f"api-{model._meta.model_name}", write=True)
    entry = get_object_or_404(model, pk=entry_id, patient=grant.patient)
    try:
        return entries.update(
            entry,
            request.user,
            values=_values(payload, model),
            expected_version=payload.version,
            local_date=payload.local_date,
            tags=getattr(payload, "tags", None),
            new_activity_ok=getattr(payload, "new_activity", True),
        )
    except entries.Conflict as exc:
        return _conflict(exc, out)


def _list(request, patient_id, model, start, end, include_deleted, limit, offset):
    grant = api_grant(request, patient_id, f"api-{model._meta.model_name}")
    if start and end and start > end:
        raise RuleError("start", "start must be on or before end")
    rows = model.objects.filter(patient=grant.patient)
    if not include_deleted:
        rows = rows.filter(deleted_at__isnull=True)
    if start:
        rows = rows.filter(local_date__gte=start)
    if end:
        rows = rows.filter(local_date__lte=end)
    if model is CheckIn:
        rows = rows.prefetch_related("tags")
    items = list(rows.order_by("-local_date", "-entered_at", "pk")[offset : offset + limit])
    return {"count": rows.count(), "limit": limit, "offset": offset, "items": items}


WRITE = {201: CheckInOut, 200: CheckInOut, 409: ConflictOut}


@router.post(
    "/patients/{patient_id}/checkins",
    response={200: CheckInOut, 201: CheckInOut},
    operation_id="create_checkin",
)
def create_checkin(request, patient_id: uuid.UUID, payload: CheckInIn):
    """Add a check-in. 201 when new; 200 with the stored one when this `id` was sent before."""
    return _create(request, patient_id, payload, CheckIn, CheckInOut)


@router.post(
    "/patients/{patient_id}/activities",
    response={200: ActivityOut, 201: ActivityOut},
    operation_id="create_activity",
)
def create_activity(request, patient_id: uuid.UUID, payload: ActivityIn):
    """Log an activity session (minutes, or sets and reps). Idempotent by `id`."""
    return _create(request, patient_id, payload, ActivitySession, ActivityOut)


@router.get("/patients/{patient_id}/checkins", response=CheckInPage, operation_id="list_checkins")
def list_checkins(
    request,
    patient_id: uuid.UUID,
    start: date | None = Query(None, description="First local date (inclusive)."),
    end: date | None = Query(None, description="Last local date (inclusive)."),
    include_deleted: bool = Query(False, description="Also entries deleted in the last 30 days."),
    limit: int = limit_param(),
    offset: int = offset_param(),
):
    """Check-ins, newest first, optionally between two local dates (inclusive)."""
    return _list(request, patient_id, CheckIn, start, end, include_deleted, limit, offset)


@router.get(
    "/patients/{patient_id}/activities", response=ActivityPage, operation_id="list_activities"
)
def list_activities(
    request,
    patient_id: uuid.UUID,
    start: date | None = Query(None, description="First local date (inclusive)."),
    end: date | None = Query(None, description="Last local date (inclusive)."),
    include_deleted: bool = Query(False, description="Also entries deleted in the last 30 days."),
    limit: int = limit_param(),
    offset: int = offset_param(),
):
    """Activity entries, newest first, optionally between two local dates (inclusive)."""
    return _list(request, patient_id, ActivitySession, start, end, include_deleted, limit, offset)


@router.get(
    "/patients/{patient_id}/checkins/{entry_id}", response=CheckInOut, operation_id="get_checkin"
)
def get_checkin(request, patient_id: uuid.UUID, entry_id: uuid.UUID):
    """One check-in, deleted or not, with its version."""
    grant = api_grant(request, patient_id, "api-checkin")
    return get_object_or_404(CheckIn, pk=entry_id, patient=grant.patient)


@router.get(
    "/patients/{patient_id}/activities/{entry_id}",
    response=ActivityOut,
    operation_id="get_activity",
)
def get_activity(request, patient_id: uuid.UUID, entry_id: uuid.UUID):
    """One activity entry, deleted or not, with its version."""
    grant = api_grant(request, patient_id, "api-activitysession")
    return get_object_or_404(ActivitySession, pk=entry_id, patient=grant.patient)


@router.put(
    "/patients/{patient_id}/checkins/{entry_id}",
    response={200: CheckInOut, 409: ConflictOut},
    operation_id="update_checkin",
)
def update_checkin(request, patient_id: uuid.UUID, entry_id: uuid.UUID, payload: CheckInUpdate):
    """Replace a check-in's values. Send the `version` you last saw: 409 if it changed."""
    return _update(request, patient_id, entry_id, payload, CheckIn, CheckInOut)


@router.put(
    "/patients/{patient_id}/activities/{entry_id}",
    response={200: ActivityOut, 409: ConflictOut},
    operation_id="update_activity",
)
def update_activity(request, patient_id: uuid.UUID, entry_id: uuid.UUID, payload: ActivityUpdate):
    """Change an activity entry. Send its `version`: 409 with the current one if it changed."""
    return _update(request, patient_id, entry_id, payload, ActivitySession, ActivityOut)


def _delete(request, patient_id, entry_id, model, out, version):
    grant = api_grant(request, patient_id, f"api-{model._meta.model_name}", write=True)
    entry = get_object_or_404(model, pk=entry_id, patient=grant.patient)
    try:
        return entries.delete(entry, request.user, expected_version=version)
    except entries.Conflict as exc:
        return _conflict(exc, out)


@router.delete(
    "/patients/{patient_id}/checkins/{entry_id}",
    response={200: CheckInOut, 409: ConflictOut},
    operation_id="delete_checkin",
)
def delete_checkin(
    request, patient_id: uuid.UUID, entry_id: uuid.UUID, version: int | None = version_param()
):
    """Delete (restorable for 30 days). With `?version=`, 409 if it changed since."""
    return _delete(request, patient_id, entry_id, CheckIn, CheckInOut, version)


@router.delete(
    "/patients/{patient_id}/activities/{entry_id}",
    response={200: ActivityOut, 409: ConflictOut},
    operation_id="delete_activity",
)
def delete_activity(
    request, patient_id: uuid.UUID, entry_id: uuid.UUID, version: int | None = version_param()
):
    """Delete (restorable for 30 days). With `?version=`, 409 if it changed since."""
    return _delete(request, patient_id, entry_id, ActivitySession, ActivityOut, version)


def _restore(request, patient_id, entry_id, model):
    grant = api_grant(request, patient_id, f"api-{model._meta.model_name}", write=True)
    entry = get_object_or_404(model, pk=entry_id, patient=grant.patient)
    return entries.restore(entry, request.user)


@router.post(
    "/patients/{patient_id}/checkins/{entry_id}/restore",
    response=CheckInOut,
    operation_id="restore_checkin",
)
def restore_checkin(request, patient_id: uuid.UUID, entry_id: uuid.UUID):
    """Bring back a check-in deleted in the last 30 days."""
    return _restore(request, patient_id, entry_id, CheckIn)


@router.post(
    "/patients/{patient_id}/activities/{entry_id}/restore",
    response=ActivityOut,
    operation_id="restore_activity",
)
def restore_activity(request, patient_id: uuid.UUID, entry_id: uuid.UUID):
    """Bring back an activity entry deleted in the last 30 days."""
    return _restore(request, patient_id, entry_id, ActivitySession)


@router.get(
    "/patients/{patient_id}/revisions/{entry_id}",
    response=list[RevisionOut],
    operation_id="list_revisions",
)
def list_revisions(request, patient_id: uuid.UUID, entry_id: uuid.UUID):
    """Every change to one entry, newest first, with the values before each change."""
    grant = api_grant(request, patient_id, "api-revisions")
    rows = Revision.objects.filter(patient=grant.patient, entry_id=entry_id)
    return [
        {
            "version": r.version,
            "action": r.action,
            "changed_by": r.changed_by_label,
            "changed_at": r.changed_at,
            "old_values": r.old_values,
        }
        for r in rows
    ]


@router.get("/patients/{patient_id}/days", response=list[DayOut], operation_id="list_days")
def list_days(
    request,
    patient_id: uuid.UUID,
    start: date = Query(description="First local date (inclusive)."),
    end: date = Query(description="Last local date (inclusive), at most 366 days after start."),
):
    """Day summaries between two local dates (at most 366 days), by the documented rule."""
    grant = api_grant(request, patient_id, "api-days")
    if start > end or (end - start).days > 366:
        raise RuleError("start", "start must be on or before end, at most 366 days apart")
    return [s.__dict__ for s in summaries(grant.patient, start, end)]
