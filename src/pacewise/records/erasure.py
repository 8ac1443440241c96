"""Erasure (GDPR Art. 17): a person deletes their account, with a grace period to change
their mind.

- The person asks with their password; the account is erased GRACE_DAYS later unless they
  choose to keep it (every page says when, with the button). Until then nothing changes:
  sharing stays as they set it (they can stop it at once on the Sharing page).
- Erasing deletes the account and everything that hangs from it — diary, questionnaires,
  plans, private entries (encrypted fields with them), tokens, calendar feeds, shares,
  messages, exports, the access log and every derived row — in one transaction.
- What a clinic must keep of its own clinical record (its notes and logged care time, and
  when sharing began and ended) is copied first into a RetainedRecord for that clinic; the
  person's own entries are not. The erasure page says so plainly.
- ``pacewise purge-deleted`` (daily) erases the accounts whose grace period has ended.
- Backups age out on the operator's schedule (README, "Backups").
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from pacewise.accounts.models import Patient, Share
from pacewise.care.models import ClinicalNote, TimeEntry
from pacewise.core.errors import RuleError

from .models import ErasureRequest, RetainedRecord

GRACE_DAYS = 14


class ErasureError(RuleError):
    """An erasure request breaks a rule (``field``, ``message``)."""


def pending(user) -> ErasureRequest | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return ErasureRequest.objects.filter(
        user=user, cancelled_at__isnull=True, done_at__isnull=True
    ).first()


def request_erasure(user, password: str) -> ErasureRequest:
    if not user.check_password(password or ""):
        raise ErasureError("password", "That is not your password. Nothing was changed.")
    existing = pending(user)
    if existing is not None:
        return existing
    request = ErasureRequest.objects.create(
        user=user, erase_after=timezone.now() + timedelta(days=GRACE_DAYS)
    )
    send_mail(
        subject="Your Pacewise account will be deleted",
        message=render_to_string("records/email/erasure_requested.txt", {
            "when": request.erase_after, "url": settings.SITE_URL + reverse("records-erase"),
        }),  # fmt: skip
        from_email=None,
        recipient_list=[user.email],
    )
    return request


def keep(user) -> bool:
    """The person keeps their account: the request is cancelled."""
    return bool(
        ErasureRequest.objects.filter(
            user=user, cancelled_at__isnull=True, done_at__isnull=True
        ).update(cancelled_at=timezone.now())
    )


def erase_due(now=None) -> int:
    """Erase every account whose grace period has ended; the number erased."""
    now = now or timezone.now()
    due = ErasureRequest.objects.filter(
        erase_after__lte=now, cancelled_at__isnull=True, done_at__isnull=True, user__isnull=False
    ).select_related("user")
    count = 0
    for request in due:
        erase(request)
        count += 1
    return count


@transaction.atomic
def erase(request: ErasureRequest) -> None:
    user = request.user
    patient = Patient.objects.filter(user=user).first()
    if patient is not None:
        _retain_for_clinics(patient)
        _delete_notes(patient)
    user.delete()  # cascades to the record and everything derived from it
    ErasureRequest.objects.filter(pk=request.pk).update(done_at=timezone.now())


def _delete_notes(patient) -> None:
    """Notes go newest correction first: a note is protected while a correction points at it."""
    notes = ClinicalNote.objects.filter(patient=patient)
    while notes.exists():
        corrected = notes.filter(corrects__isnull=False).values("corrects")
        notes.exclude(pk__in=corrected).delete()


def _retain_for_clinics(patient) -> None:
    notes = ClinicalNote.objects.filter(patient=patient).order_by("created_at")
    time = TimeEntry.objects.filter(patient=patient).order_by("on")
    clinics = {n.clinic_id for n in notes} | {t.clinic_id for t in time}
    person = f"{patient.user.name} <{patient.user.email}>"
    for clinic_id in clinics:
        shares = Share.objects.filter(patient=patient, clinic_id=clinic_id).order_by("granted_at")
        RetainedRecord.objects.create(clinic_id=clinic_id, person=person, content={
            "sharing": [{"began": s.granted_at.isoformat(),
                         "ended": s.ended_at.isoformat() if s.ended_at else None}
                        for s in shares],
            "notes": [{"written": n.created_at.isoformat(), "by": n.signed, "text": n.text,
                       "shared_with_person": n.shared, "correction": bool(n.corrects_id)}
                      for n in notes if n.clinic_id == clinic_id],
            "care_time": [{"on": t.on.isoformat(), "minutes": t.minutes, "live": t.live,
                           "by": t.signed, "note": t.note}
                          for t in time if t.clinic_id == clinic_id],
        })  # fmt: skip
