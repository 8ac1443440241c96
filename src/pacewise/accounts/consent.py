"""Sharing a record with a clinic, and taking it back. Used by the web pages and the API."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from pacewise.core.errors import RuleError

from .models import Clinic, Membership, Patient, Share


class ConsentError(RuleError):
    """A share code or consent breaks a rule; `field` names the input."""


def clinic_for_code(code: str) -> Clinic:
    clinic = Clinic.objects.filter(share_code=code).first()
    if clinic is None:
        raise ConsentError("code", "We could not find a clinic with that code. Check it with them.")
    return clinic


def share_with(patient: Patient, clinic: Clinic) -> Share:
    existing = Share.objects.active().filter(patient=patient, clinic=clinic).first()
    if existing:
        return existing
    close_ended(patient, clinic)
    try:
        with transaction.atomic():
            return Share.objects.create(patient=patient, clinic=clinic)
    except IntegrityError:  # a second tab shared at the same moment
        return Share.objects.active().get(patient=patient, clinic=clinic)


def close_ended(patient: Patient, clinic: Clinic) -> None:
    """A share whose discharge has ended is closed for good (revoked when it ended), so the
    person may share with that clinic again."""
    Share.objects.filter(
        patient=patient, clinic=clinic, revoked_at__isnull=True, ends_at__lte=timezone.now()
    ).update(revoked_at=F("ends_at"))


def revoke(patient: Patient, share_id: int) -> Share:
    """Stop sharing at once: the next request by the clinic's clinicians is refused."""
    share = Share.objects.filter(patient=patient, pk=share_id).first()
    if share is None:
        raise ConsentError("share", "This sharing was not found.")
    if share.revoked_at is None:
        now = timezone.now()  # a share whose discharge ended stopped then, not now
        share.revoked_at = min(now, share.ends_at) if share.ends_at else now
        share.save(update_fields=["revoked_at"])
    return share


def care_team_emails(patient: Patient) -> list[str]:
    """Everyone in a clinic the patient shares with now: who is told about safety alerts."""
    clinics = Share.objects.active().filter(patient=patient).values_list("clinic_id", flat=True)
    members = Membership.objects.filter(clinic_id__in=list(clinics))
    return sorted(set(members.values_list("user__email", flat=True)))
