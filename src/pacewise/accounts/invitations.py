"""Inviting clinicians and clinic admins by an emailed link."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .models import Clinic, Invitation, Membership, User
from .token_models import hash_token


def invite(
    clinic: Clinic, email: str, role: str, invited_by: User | None
) -> tuple[Invitation, str]:
    """Create an invitation, email the link, and return it (for the CLI to print)."""
    raw = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        clinic=clinic,
        email=email.lower(),
        role=role,
        token_hash=hash_token(raw),
        invited_by=invited_by,
    )
    url = settings.SITE_URL + reverse("invitation", args=[raw])
    context = {"invitation": invitation, "url": url, "inviter": invited_by}
    send_mail(
        subject=f"[Pacewise] Join {clinic.name}",
        message=render_to_string("accounts/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )
    return invitation, url


def find_open(raw_token: str) -> Invitation | None:
    invitation = (
        Invitation.objects.select_related("clinic").filter(token_hash=hash_token(raw_token)).first()
    )
    return invitation if invitation and invitation.is_open else None


@transaction.atomic
def accept(invitation: Invitation, user: User) -> Membership:
    membership, created = Membership.objects.get_or_create(
        clinic=invitation.clinic, user=user, defaults={"role": invitation.role}
    )
    if not created and invitation.role == Membership.Role.ADMIN and not membership.is_admin:
        membership.role = Membership.Role.ADMIN
        membership.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership
