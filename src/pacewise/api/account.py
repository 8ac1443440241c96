"""/api/me and /api/tokens: who am I, and my personal access tokens."""

from __future__ import annotations

from datetime import timedelta

from allauth.mfa.utils import is_mfa_enabled
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Status

from pacewise.accounts.models import AccessToken, Patient

from .schemas import MeOut, TokenCreated, TokenIn, TokenOut

router = Router(tags=["account"])


@router.get("/me", response=MeOut, operation_id="me")
def me(request):
    """Who is signed in: name, time zone, their own record (if a patient) and clinics."""
    user = request.user
    patient = Patient.objects.filter(user=user).first()
    clinics = [
        {"id": m.clinic.pk, "name": m.clinic.name, "role": m.role}
        for m in user.memberships.select_related("clinic")
    ]
    return {
        "email": user.email,
        "name": user.name,
        "time_zone": user.time_zone,
        "patient_id": patient.pk if patient else None,
        "clinics": clinics,
        "two_factor": is_mfa_enabled(user),
    }


@router.get("/tokens", response=list[TokenOut], operation_id="list_tokens")
def list_tokens(request):
    """Your personal access tokens: name, when made, last used (and where), expiry."""
    return AccessToken.objects.filter(user=request.user)


@router.post("/tokens", response={201: TokenCreated}, operation_id="create_token")
def create_token(request, payload: TokenIn):
    """A new token; its secret is shown in this answer only, never again."""
    expires = (
        timezone.now() + timedelta(days=payload.expires_in_days)
        if payload.expires_in_days
        else None
    )
    token, raw = AccessToken.issue(request.user, payload.name, expires)
    return Status(201, {**TokenOut.from_orm(token).dict(), "token": raw})


@router.delete("/tokens/{token_id}", response=TokenOut, operation_id="revoke_token")
def revoke_token(request, token_id: int):
    """Revoke one of your tokens at once (revoking twice changes nothing)."""
    token = get_object_or_404(AccessToken, pk=token_id, user=request.user)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
