"""Private entries: only the person sees them, unless they share that one entry.

The one access rule still decides (``get_patient_for``): outsiders get 404. A clinician whose
clinic the person shares with gets 403 for a private entry, as for any owner-only page, and may
read an entry the person has chosen to share (recorded in the access log like any other read).
A missing entry and a private one look the same to a clinician, so nothing leaks.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from pacewise.accounts.access import Grant, Role, get_patient_for
from pacewise.accounts.decorators import SAFE_METHODS

from .models import FlareKit, JournalEntry, ThoughtRecord

#: Entries a person can share one by one, by the name used in URLs and the API.
SHAREABLE = {"thought": ThoughtRecord, "journal": JournalEntry}


def grant_for_entry(
    request, patient_id, model, lookup: dict, *, what: str = "", via: str = "web"
) -> Grant:
    shared = model.objects.filter(patient_id=patient_id, shared=True, **lookup).exists()
    return get_patient_for(
        request,
        patient_id,
        write=request.method not in SAFE_METHODS,
        role=Role.READ if shared else Role.OWNER,
        what=what,
        via=via,
    )


def private_entry_view(model):
    """For read views of one private entry: the view receives the grant and the entry."""

    def decorate(view):
        @login_required
        @wraps(view)
        def wrapper(request, patient_id, entry_id, *args, **kwargs):
            grant = grant_for_entry(request, patient_id, model, {"pk": entry_id})
            entry = model.objects.filter(patient=grant.patient, pk=entry_id).first()
            if entry is None:
                raise Http404("No such entry.")
            return view(request, grant, entry, *args, **kwargs)

        wrapper.patient_data = True
        wrapper.role = Role.READ  # the shared entries; the check is per entry
        return wrapper

    return decorate


def flare_kit_view(view):
    """The flare kit page: the owner always; sharing clinicians once the person shares it."""

    @login_required
    @wraps(view)
    def wrapper(request, patient_id, *args, **kwargs):
        grant = grant_for_entry(request, patient_id, FlareKit, {})
        kit = FlareKit.objects.filter(patient=grant.patient).first()
        return view(request, grant, kit, *args, **kwargs)

    wrapper.patient_data = True
    wrapper.role = Role.READ  # once shared; the check is per request
    return wrapper


def set_shared(entry, shared: bool) -> None:
    if entry.shared != shared:
        entry.shared = shared
        entry.save(update_fields=["shared"])


def shared_entries(patient) -> dict:
    """What the person has chosen to show their care team."""
    return {
        "thoughts": ThoughtRecord.objects.filter(patient=patient, shared=True),
        "journal": JournalEntry.objects.filter(patient=patient, shared=True),
        "flare_kit": FlareKit.objects.filter(patient=patient, shared=True).first(),
    }
