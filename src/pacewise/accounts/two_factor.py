"""Two-factor codes that cannot be guessed or replayed, whatever the number of workers.

- **Guessing**: every wrong code is a row in ``TwoFactorFailure`` (the database is shared by
  every worker, and an insert cannot be lost to a race). ``PACEWISE_CODE_FAILURE_LIMIT`` wrong
  codes within ``PACEWISE_CODE_LOCKOUT`` lock code sign-in for the account until the window
  has passed, whatever address the guesses come from; the account holder is emailed once per
  lockout. allauth's own per-address flood guard stays (ACCOUNT_RATE_LIMITS).
- **Replay**: a code that worked is remembered in the shared cache for as long as it could be
  valid (the step before, its own and the step after: MFA_TOTP_TOLERANCE), so a second use,
  in another worker or 34 s later, is refused. allauth's own marker lasts only one step.
"""

from __future__ import annotations

from allauth.core import context
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.base import forms as allauth_forms
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

from .access import client_ip
from .token_models import TwoFactorFailure

LOCKED = (
    "Too many wrong codes. For your safety, signing in with a code is paused for "
    "{minutes} minutes. We have emailed you about it."
)


def _window_start():
    return timezone.now() - settings.PACEWISE_CODE_LOCKOUT


def recent_failures(user) -> int:
    return TwoFactorFailure.objects.filter(user=user, at__gte=_window_start()).count()


def is_locked(user) -> bool:
    return recent_failures(user) >= settings.PACEWISE_CODE_FAILURE_LIMIT


def record_failure(user, request) -> None:
    """Count a wrong code; the one that reaches the limit emails the account holder. Rows
    older than the window are dropped here, so the table stays small."""
    TwoFactorFailure.objects.filter(user=user, at__lt=_window_start()).delete()
    TwoFactorFailure.objects.create(user=user, ip_address=client_ip(request) if request else None)
    if recent_failures(user) == settings.PACEWISE_CODE_FAILURE_LIMIT:
        send_mail(
            subject="[Pacewise] Sign-in with a code was paused on your account",
            message=render_to_string(
                "accounts/email/code_lockout.txt",
                {
                    "limit": settings.PACEWISE_CODE_FAILURE_LIMIT,
                    "minutes": _minutes(),
                    "url": settings.SITE_URL + "/accounts/password/change/",
                },
            ),
            from_email=None,
            recipient_list=[user.email],
        )


def _minutes() -> int:
    return int(settings.PACEWISE_CODE_LOCKOUT.total_seconds() // 60)


def _used_key(user, code: str) -> str:
    return f"pacewise.mfa.used:{user.pk}:{''.join(code.split())}"


def _valid_for() -> int:
    """Seconds a TOTP code can be accepted: its own step and the tolerated ones either side."""
    return mfa_settings.TOTP_PERIOD * (2 * mfa_settings.TOTP_TOLERANCE + 1) + 5


class _Guarded:
    def clean_code(self) -> str:
        request = context.request
        if is_locked(self.user):
            raise forms.ValidationError(LOCKED.format(minutes=_minutes()), code="locked")
        raw = self.data.get("code", "")
        if cache.get(_used_key(self.user, raw)):
            record_failure(self.user, request)
            raise forms.ValidationError("This code was already used. Wait for the next one.")
        try:
            code = super().clean_code()
        except forms.ValidationError:
            record_failure(self.user, request)
            raise
        # Atomic in every shared cache: only one worker can mark the code as used.
        if not cache.add(_used_key(self.user, code), "y", timeout=_valid_for()):
            record_failure(self.user, request)
            raise forms.ValidationError("This code was already used. Wait for the next one.")
        return code


class AuthenticateForm(_Guarded, allauth_forms.AuthenticateForm):
    pass


class ReauthenticateForm(_Guarded, allauth_forms.ReauthenticateForm):
    pass
