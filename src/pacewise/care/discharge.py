"""Ending care ("discharge"): a clinician ends the clinic's care with a message; the person
keeps their record, and the clinic keeps its access for a grace period the person sees
(GRACE_DAYS), then loses it as if the person had stopped sharing.

During the grace period the clinic can take the discharge back, and the person can stop
sharing sooner. The message goes into the clinic's conversation with the person (unless they
stopped it) and stays on their sharing page.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from pacewise.accounts.models import Share
from pacewise.core.errors import RuleError

from . import conversations as talk

GRACE_DAYS = 14  # docs/evidence/triage.md, "Ending care"
MAX_MESSAGE = talk.MAX_MESSAGE


class DischargeError(RuleError):
    """A discharge breaks a rule (``field``, ``message``)."""


def current_share(grant) -> Share:
    return Share.objects.active().get(patient=grant.patient, clinic=grant.clinic)


def discharge(grant, user, message: str) -> Share:
    message = (message or "").strip()
    if not message:
        raise DischargeError("message", "Write a few words to the person: why care ends, and "
                                        "where to turn next.")  # fmt: skip
    share = current_share(grant)
    if share.ends_at is not None:
        raise DischargeError("message", f"Care already ends on {share.ends_at:%d %b %Y}.")
    conv = talk.conversation(grant, grant.clinic.pk)
    if conv.can_write:
        talk.send(grant, user, conv, message)  # checks the text like any message
    elif len(message) > MAX_MESSAGE:
        raise DischargeError("message", f"Keep the message under {MAX_MESSAGE} characters.")
    share.ends_at = timezone.now() + timedelta(days=GRACE_DAYS)
    share.ended_by, share.end_message = grant.signed, message
    share.save(update_fields=["ends_at", "ended_by", "end_message"])
    return share


def take_back(grant) -> Share:
    """The clinic keeps caring: the discharge is undone during its grace period."""
    share = current_share(grant)
    if share.ends_at is None:
        raise DischargeError("share", "Care is not ending, so there is nothing to take back.")
    share.ends_at, share.ended_by, share.end_message = None, "", ""
    share.save(update_fields=["ends_at", "ended_by", "end_message"])
    return share
