"""Pacewise as an installable app: the web app manifest, the service worker and the page it
shows when there is no connection.

The service worker (templates/today/sw.js) keeps the app shell (styles, scripts, icons, the
offline page) and the last Today page opened on this phone, so Today opens without signal
with "You're offline — this is your plan as of 08:10". Nothing else a person enters or reads
is kept; signing out empties it (static/pacewise/pacewise.js).
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_safe

SHELL = ("pacewise/pacewise.css", "pacewise/pacewise.js", "vendor/htmx-2.0.11.min.js",
         "pacewise/icon.svg", "pacewise/icon-192.png", "pacewise/icon-512.png")  # fmt: skip


@require_safe
def manifest(request):
    data = {
        "name": "Pacewise",
        "short_name": "Pacewise",
        "description": "Paced, graded movement for living with chronic pain.",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#fbfaf7",
        "theme_color": "#1f5f8b",
        "icons": [
            {"src": static("pacewise/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("pacewise/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("pacewise/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json")


@require_safe
def service_worker(request):
    shell = [static(name) for name in SHELL] + [reverse("offline")]
    version = hashlib.sha256(json.dumps(shell).encode()).hexdigest()[:12]
    context = {
        "shell": json.dumps(shell), "version": version,
        "static_prefix": json.dumps(static("")), "offline_url": json.dumps(reverse("offline")),
        "sign_in_url": json.dumps(reverse(settings.LOGIN_URL)),
        "icon_url": json.dumps(static("pacewise/icon-192.png")),
    }  # fmt: skip
    response = render(request, "today/sw.js", context, content_type="text/javascript")
    response["Cache-Control"] = "no-cache"  # a new deploy's worker is picked up at once
    return response


@require_safe
def offline(request):
    return render(request, "today/offline.html")


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico on pages without an icon link (error pages, files)."""
    return HttpResponsePermanentRedirect(static("pacewise/icon.svg"))
