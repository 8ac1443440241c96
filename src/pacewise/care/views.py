"""The clinician's side: the caseload and the clinic's team and access log."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Max, OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from pacewise.accounts import invitations
from pacewise.accounts.access import shared_with
from pacewise.accounts.audit import describe
from pacewise.accounts.decorators import clinic_view, staff_view
from pacewise.accounts.forms import InviteForm
from pacewise.accounts.models import AuditEvent, Invitation, Patient, Share
from pacewise.core.thresholds import LONG_FLARE_DAYS
from pacewise.diary.models import CheckIn
from pacewise.outcomes.responses import open_alerts_for
from pacewise.plans.red_flags import open_red_flags_for, self_cleared_for
from pacewise.today.state import flare_days_for


@staff_view
def caseload(request):
    """Everyone who currently shares their record with one of my clinics."""
    last_checkin = (
        CheckIn.objects.filter(patient=OuterRef("pk"), deleted_at__isnull=True)
        .order_by("-local_date")
        .values("local_date")[:1]
    )
    patients = (
        Patient.objects.filter(shared_with(request.user))
        .select_related("user")
        .annotate(last_checkin=Subquery(last_checkin), shared_since=Max("shares__granted_at"))
        .order_by("user__display_name", "user__email")
        .distinct()
    )
    memberships = request.user.memberships.select_related("clinic").order_by("clinic__name")
    context = {
        "patients": patients,
        "memberships": memberships,
        "alerts": open_alerts_for(request.user),
        "red_flags": open_red_flags_for(request.user),
        "self_cleared": self_cleared_for(request.user),
        "long_flares": long_flares(patients),
    }
    return render(request, "care/caseload.html", context)


def long_flares(patients) -> list[tuple]:
    """People whose flare has lasted beyond thresholds.LONG_FLARE_DAYS: a reason to contact
    them and re-check red flags (CLINICAL.md §2), the same count Today shows them."""
    out = []
    for patient in patients:
        days = flare_days_for(patient)
        if days >= LONG_FLARE_DAYS:
            out.append((patient, days))
    return out


def _clinic_page(request, membership, form, status=200):
    clinic = membership.clinic
    context = {
        "membership": membership,
        "clinic": clinic,
        "members": clinic.memberships.select_related("user").order_by("user__email"),
        "sharing_count": Share.objects.active().filter(clinic=clinic).count(),
        "form": form,
        "invitations": [i for i in clinic.invitations.order_by("-created_at")[:50] if i.is_open],
    }
    return render(request, "care/clinic.html", context, status=status)


@clinic_view()
def clinic(request, membership):
    return _clinic_page(request, membership, InviteForm())


@require_POST
@clinic_view(admin_only=True)
def clinic_invite(request, membership):
    form = InviteForm(request.POST)
    if form.is_valid():
        email, role = form.cleaned_data["email"], form.cleaned_data["role"]
        if membership.clinic.memberships.filter(user__email=email).exists():
            form.add_error("email", "This person is already part of the clinic.")
        else:
            invitations.invite(membership.clinic, email, role, request.user)
            messages.success(request, f"Invitation sent to {email}. The link works for 7 days.")
            return redirect("clinic", clinic_id=membership.clinic.pk)
    return _clinic_page(request, membership, form, status=400)


@require_POST
@clinic_view(admin_only=True)
def invitation_cancel(request, membership, invitation_id: int):
    invitation = get_object_or_404(Invitation, pk=invitation_id, clinic=membership.clinic)
    if invitation.cancelled_at is None and invitation.accepted_at is None:
        invitation.cancelled_at = timezone.now()
        invitation.save(update_fields=["cancelled_at"])
        messages.success(request, f"The invitation for {invitation.email} was cancelled.")
    return redirect("clinic", clinic_id=membership.clinic.pk)


@clinic_view(admin_only=True)
def clinic_access_log(request, membership):
    """What this clinic's members looked at or changed, for the clinic's own oversight."""
    events = AuditEvent.objects.filter(clinic=membership.clinic).select_related("patient__user")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    for event in page:
        event.label = describe(event.what)
    return render(request, "care/access_log.html", {"clinic": membership.clinic, "page": page})
