"""API authentication: a personal access token, or the browser session.

Without a signed-in session the session check does not run at all, so an anonymous write or
one with a revoked token is answered 401 ("sign in"), never 403 "CSRF check failed"; a
signed-in browser's writes still need the CSRF header."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from pacewise.accounts.access import client_ip
from pacewise.accounts.models import AccessToken
from pacewise.accounts.token_models import hash_token

LAST_USE_RESOLUTION = timedelta(minutes=1)  # don't write on every request


class TokenAuth(HttpBearer):
    """`Authorization: Bearer pw_...` with a token made on the account's Tokens page."""

    def authenticate(self, request, token: str):
        if not token or len(token) > 200:
            return None
        found = (
            AccessToken.objects.usable()
            .select_related("user")
            .filter(key_hash=hash_token(token))
            .first()
        )
        if found is None or not found.user.is_active:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > LAST_USE_RESOLUTION:
            found.last_used_at = now
            found.last_used_ip = client_ip(request)
            found.save(update_fields=["last_used_at", "last_used_ip"])
        request.user = found.user
        request.api_token = found
        return found.user


class SignedInSession(SessionAuth):
    """ninja's SessionAuth (with its CSRF check) for signed-in browsers only."""

    def __call__(self, request):
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)
