"""View decorators that apply the access rule in `access.py`."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from .access import Role, get_patient_for, is_clinic_staff, membership_for

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def patient_view(*, role: Role = Role.READ):
    """For views under /p/<patient_id>/: the view receives the checked `Grant`; `role` says
    who may use it (access.Role: read, owner-only, clinician-only).

    Writes (any non-GET request) are audited as changes, reads as views.
    """

    def decorate(view):
        @login_required
        @wraps(view)
        def wrapper(request, patient_id, *args, **kwargs):
            grant = get_patient_for(
                request,
                patient_id,
                write=request.method not in SAFE_METHODS,
                role=role,
            )
            return view(request, grant, *args, **kwargs)

        wrapper.patient_data = True
        wrapper.role = role
        return wrapper

    return decorate


def clinic_view(*, admin_only: bool = False):
    """For views under /clinic/<clinic_id>/: members only; 404 for everyone else."""

    def decorate(view):
        @login_required
        @wraps(view)
        def wrapper(request, clinic_id, *args, **kwargs):
            membership = membership_for(request.user, clinic_id)
            if admin_only and not membership.is_admin:
                raise PermissionDenied("Only clinic admins can do this.")
            return view(request, membership, *args, **kwargs)

        wrapper.clinic_data = True
        return wrapper

    return decorate


def staff_view(view):
    """Pages for clinic members only (e.g. the caseload)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_clinic_staff(request.user):
            raise Http404("Not found.")
        return view(request, *args, **kwargs)

    return wrapper
