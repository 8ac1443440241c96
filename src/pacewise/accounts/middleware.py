"""Per-request rules: the person's own time zone, 2FA first for clinic staff, no caching."""

from __future__ import annotations

import zoneinfo

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from .access import staff_needs_two_factor

# Pages a staff member without 2FA may still reach: setting up 2FA itself, signing out,
# account basics, help and static files.
OPEN_PREFIXES = ("/accounts/", "/static/", "/help/", "/healthz", "/invite/")


class RequireStaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
            and staff_needs_two_factor(user)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {
                        "detail": "Clinic accounts must turn on two-factor authentication "
                        "before using Pacewise.",
                        "errors": [],
                    },
                    status=403,
                )
            messages.info(
                request,
                "Clinic accounts protect patients' records with two-factor authentication. "
                "Please set it up to continue.",
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class UserTimeZoneMiddleware:
    """Show times in the signed-in person's own time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()  # never leak one person's zone to the thread's next request


class NoStoreMiddleware:
    """Health data must not be kept in any cache, the browser's or a proxy's: every page, API
    answer and export goes out with Cache-Control: no-store (static files are served before
    this runs, by whitenoise, and keep their long cache)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response
