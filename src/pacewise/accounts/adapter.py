from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter

from .access import client_ip
from .crisis import country_from_languages
from .models import Patient


class AccountAdapter(DefaultAccountAdapter):
    """Everyone who signs up on their own is a patient; clinicians join by invitation."""

    def get_client_ip(self, request) -> str:
        """allauth's rate limits key on the same address as axes and the audit log."""
        return client_ip(request) or super().get_client_ip(request)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        data = getattr(form, "cleaned_data", {})
        user.display_name = data.get("display_name", "") or ""
        user.time_zone = data.get("time_zone") or "UTC"
        user.country = data.get("country") or country_from_languages(
            request.META.get("HTTP_ACCEPT_LANGUAGE", "") if request else ""
        )
        if commit:
            user.save()
            Patient.objects.get_or_create(user=user)
        return user
