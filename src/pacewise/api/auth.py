"""API authentication by personal access token (the web session is ninja's SessionAuth)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from ninja.security import HttpBearer

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
