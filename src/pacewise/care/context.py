from __future__ import annotations

from .conversations import unread_for_person


def unread_messages(request):
    """How many messages from their care team the signed-in person has not read (the header
    shows a Messages link only when there are some)."""
    user = getattr(request, "user", None)
    own = getattr(user, "_pacewise_patient", None) if user is not None else None
    if not own:  # set by accounts.context.navigation, which runs first
        return {}
    return {"unread_messages": unread_for_person(own)}
