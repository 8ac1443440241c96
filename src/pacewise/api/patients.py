"""/api/patients/...: a patient's record, for the patient and their sharing clinicians."""

from __future__ import annotations

import uuid

from django.db.models import Q
from ninja import Router, Status

from pacewise.accounts import consent
from pacewise.accounts.access import (
    Role,
    TwoFactorRequired,
    api_grant,
    shared_with,
    staff_needs_two_factor,
)
from pacewise.accounts.audit import describe
from pacewise.accounts.models import AuditEvent, Patient

from .errors import ApiError
from .schemas import (
    AccessEventPage,
    PatientOut,
    ShareIn,
    ShareOut,
    limit_param,
    offset_param,
)

router = Router(tags=["patients"])


def _patient_out(grant) -> dict:
    user = grant.patient.user
    clinic = {"id": grant.clinic.pk, "name": grant.clinic.name} if grant.clinic else None
    return {
        "id": grant.patient.pk,
        "name": user.name,
        "time_zone": user.time_zone,
        "is_you": grant.is_owner,
        "seen_through": clinic,
    }


@router.get("/patients", response=list[PatientOut], operation_id="list_patients")
def list_patients(request):
    """The records you may see: your own, and those shared with your clinics."""
    user = request.user
    if staff_needs_two_factor(user):
        raise TwoFactorRequired("Turn on two-factor authentication to see patient records.")
    visible = (
        Patient.objects.filter(Q(user=user) | shared_with(user))
        .select_related("user")
        .distinct()
        .order_by("user__email")
    )
    return [
        {
            "id": p.pk,
            "name": p.user.name,
            "time_zone": p.user.time_zone,
            "is_you": p.user_id == user.pk,
        }
        for p in visible
    ]


@router.get("/patients/{patient_id}", response=PatientOut, operation_id="get_patient")
def get_patient(request, patient_id: uuid.UUID):
    """One person you may see: name, time zone, and whether it is you or through which clinic."""
    return _patient_out(api_grant(request, patient_id, "api-patient"))


@router.get(
    "/patients/{patient_id}/access-log", response=AccessEventPage, operation_id="access_log"
)
def access_log(
    request,
    patient_id: uuid.UUID,
    limit: int = limit_param(),
    offset: int = offset_param(),
):
    """Who other than you looked at or changed your record (only you can see this)."""
    grant = api_grant(request, patient_id, "api-access-log", role=Role.OWNER)
    events = AuditEvent.objects.filter(patient=grant.patient).select_related("clinic")
    items = [
        {
            "at": e.at,
            "who": e.actor_label,
            "clinic": e.clinic.name if e.clinic else None,
            "action": e.action,
            "what": describe(e.what),
            "ip_address": e.ip_address,
            "via": e.via,
        }
        for e in events[offset : offset + limit]
    ]
    return {"count": events.count(), "limit": limit, "offset": offset, "items": items}


def _share_out(share) -> dict:
    return {
        "id": share.pk,
        "clinic": {"id": share.clinic.pk, "name": share.clinic.name},
        "granted_at": share.granted_at,
        "revoked_at": share.revoked_at,
        "active": share.is_active,
        "ends_at": share.ends_at,
        "end_message": share.end_message,
    }


@router.get("/patients/{patient_id}/shares", response=list[ShareOut], operation_id="list_shares")
def list_shares(request, patient_id: uuid.UUID):
    """The clinics you share your record with (only you can see this)."""
    grant = api_grant(request, patient_id, "api-shares", role=Role.OWNER)
    return [_share_out(s) for s in grant.patient.shares.select_related("clinic")]


@router.post("/patients/{patient_id}/shares", response={201: ShareOut}, operation_id="create_share")
def create_share(request, patient_id: uuid.UUID, payload: ShareIn):
    """Share your record with a clinic, using the code the clinic gave you."""
    grant = api_grant(request, patient_id, "api-shares", write=True, role=Role.OWNER)
    code = "".join(ch for ch in payload.code.upper() if ch.isalnum())
    clinic = consent.clinic_for_code(code)
    return Status(201, _share_out(consent.share_with(grant.patient, clinic)))


@router.delete(
    "/patients/{patient_id}/shares/{share_id}", response=ShareOut, operation_id="revoke_share"
)
def revoke_share(request, patient_id: uuid.UUID, share_id: int):
    """Stop sharing with a clinic. It takes effect on the clinic's very next request."""
    grant = api_grant(request, patient_id, "api-shares", write=True, role=Role.OWNER)
    try:
        share = consent.revoke(grant.patient, share_id)
    except consent.ConsentError as exc:
        raise ApiError(404, exc.message) from exc
    return _share_out(share)
