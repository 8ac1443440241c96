from __future__ import annotations

from .erasure import pending


def erasure(request):
    """Every page tells a person whose account is about to be deleted when, with the way to
    keep it."""
    waiting = pending(getattr(request, "user", None))
    return {"erasure_pending": waiting} if waiting else {}
