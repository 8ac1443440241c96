"""The one rule for who may see or act on a patient's data, used by every view and endpoint.

Allowed: the patient themself, and clinicians of a clinic the patient *currently* shares with
(who have two-factor authentication on). Nobody else — not other patients, not clinicians of
other clinics, not superusers. Outsiders get 404 so nothing reveals that a record exists;
a sharing clinician asking for something only the patient may do gets 403.
Every access by someone other than the patient is written to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest

from .models import AuditEvent, Clinic, Membership, Patient, active_share


class TwoFactorRequired(PermissionDenied):
    """A clinic member without two-factor authentication asked for patient data."""


class Role(StrEnum):
    """Who may act, on top of who may see (the tests' matrix uses the same three)."""

    READ = "read"  # the person and the clinicians they share with
    OWNER = "owner-only"  # the person only (their private pages, their own writes)
    CLINICIAN = "clinician-only"  # the care team only (program changes, overrides, follow-ups)


REFUSED = {
    Role.OWNER: "Only the person this record belongs to can do this.",
    Role.CLINICIAN: "Only a clinician the person shares with can do this; you can ask them to.",
}


@dataclass(frozen=True)
class Grant:
    """Why someone may see a record: as its owner, or through a clinic's active share."""

    patient: Patient
    is_owner: bool
    clinic: Clinic | None
    user: object = None  # who was granted it

    @property
    def actor_label(self) -> str:
        """How their actions are signed: "Name", or "Name (Clinic)" for a clinician."""
        name = getattr(self.user, "name", "")
        return name if self.is_owner or self.clinic is None else f"{name} ({self.clinic.name})"

    @property
    def signed(self) -> str:
        """How a clinician's notes and accesses are signed: "Name, Role, Clinic" (the person's
        own actions: their name)."""
        name = getattr(self.user, "name", "")
        if self.is_owner or self.clinic is None:
            return name
        membership = self.clinic.memberships.filter(user=self.user).first()
        role = membership.get_role_display() if membership else "Clinician"
        return f"{name}, {role}, {self.clinic.name}"

    def allows(self, role: Role) -> bool:
        return role == Role.READ or (role == Role.OWNER) == self.is_owner


def is_clinic_staff(user) -> bool:
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_pacewise_is_staff", None)
    if cached is None:
        cached = user.memberships.exists()
        user._pacewise_is_staff = cached
    return cached


def staff_needs_two_factor(user) -> bool:
    return is_clinic_staff(user) and not is_mfa_enabled(user)


def shared_with(user, path: str = "") -> Q:
    """Patients who currently share with one of `user`'s clinics, as a filter on Patient
    (or on a model reaching Patient through `path`, e.g. "patient__"). Use it inside one
    filter() call, so both conditions apply to the same share."""
    return Q(**{f"{path}shares__clinic__memberships__user": user}) & active_share(
        f"{path}shares__"
    )


def sharing_clinic(user, patient: Patient) -> Clinic | None:
    """The clinic through which `user` may see `patient` now, if any."""
    return (
        Clinic.objects.filter(active_share("shares__"), memberships__user=user,
                              shares__patient=patient)  # fmt: skip
        .order_by("name")
        .first()
    )


def grant_for(user, patient: Patient) -> Grant | None:
    if not user.is_authenticated or not user.is_active:
        return None
    if patient.user_id == user.pk:
        return Grant(patient, is_owner=True, clinic=None, user=user)
    clinic = sharing_clinic(user, patient)
    if clinic is None:
        return None
    if not is_mfa_enabled(user):
        raise TwoFactorRequired("Turn on two-factor authentication to see patient records.")
    return Grant(patient, is_owner=False, clinic=clinic, user=user)


def membership_for(user, clinic_id):
    """The user's membership of a clinic, for clinic pages and clinic API operations (members
    only); 404 for everyone else, so nothing reveals that a clinic exists."""
    found = (
        Membership.objects.select_related("clinic").filter(clinic_id=clinic_id, user=user).first()
        if getattr(user, "is_authenticated", False)
        else None
    )
    if found is None:
        raise Http404("No such clinic.")
    return found


def can_view(user, patient: Patient) -> bool:
    try:
        return grant_for(user, patient) is not None
    except TwoFactorRequired:
        return False


def get_patient_for(
    request: HttpRequest,
    patient_id,
    *,
    write: bool = False,
    role: Role = Role.READ,
    what: str = "",
    via: str = "web",
) -> Grant:
    """Load the patient and check access in one step (404 for outsiders, 403 when the role
    is not theirs); audit every non-owner access."""
    try:
        patient = Patient.objects.select_related("user").get(pk=patient_id)
    except (Patient.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404("No such record.") from exc
    grant = grant_for(request.user, patient)
    if grant is None:
        raise Http404("No such record.")
    if not grant.allows(role):
        raise PermissionDenied(REFUSED[role])
    if not grant.is_owner:
        record_access(request, grant, write=write, what=what, via=via)
    return grant


def api_grant(
    request: HttpRequest, patient_id, what: str, *, write: bool = False, role: Role | None = None
) -> Grant:
    """The API's one access helper: reads are open to the person and their clinicians,
    writes to the person, unless the operation names its role."""
    role = role or (Role.OWNER if write else Role.READ)
    return get_patient_for(request, patient_id, write=write, role=role, what=what, via="api")


def record_access(request: HttpRequest, grant: Grant, *, write: bool, what: str, via: str):
    match = getattr(request, "resolver_match", None)
    AuditEvent.objects.create(
        patient=grant.patient,
        actor=request.user,
        actor_label=grant.signed,
        clinic=grant.clinic,
        action=AuditEvent.Action.CHANGE if write else AuditEvent.Action.VIEW,
        what=(what or (match.view_name if match else ""))[:200],
        path=request.get_full_path()[:500],
        ip_address=client_ip(request),
        via=via,
    )


def client_ip(request: HttpRequest) -> str | None:
    """The client's address. Behind a trusted proxy (PACEWISE_BEHIND_PROXY) it is the last
    entry of X-Forwarded-For, the one the proxy itself appended: anything before it was sent
    by the client and may be forged. Used for lockouts (axes, allauth) and the audit log."""
    if getattr(settings, "PACEWISE_BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None
