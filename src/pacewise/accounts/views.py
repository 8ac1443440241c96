"""Pages about one's own account and record: home, sharing, access log, tokens, invitations."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.internal.flows.login import record_authentication
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from . import consent, invitations
from .access import Role, is_clinic_staff
from .audit import describe
from .crisis import country_for, help_for
from .decorators import patient_view
from .fields import validate_time_zone
from .forms import AcceptInvitationForm, ContactForm, SettingsForm, ShareCodeForm, TokenForm
from .models import AccessToken, AuditEvent, Patient, User


@require_safe
def home(request):
    if not request.user.is_authenticated:
        return render(request, "home_public.html")
    patient = Patient.objects.filter(user=request.user).first()
    if patient is not None:
        return redirect("patient-home", patient_id=patient.pk)
    if is_clinic_staff(request.user):
        return redirect("caseload")
    return render(request, "home_public.html")




@patient_view(role=Role.OWNER)
def access_log(request, grant):
    events = AuditEvent.objects.filter(patient=grant.patient).select_related("clinic")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    for event in page:
        event.label = describe(event.what)
    return render(request, "accounts/access_log.html", {"patient": grant.patient, "page": page})


@patient_view(role=Role.OWNER)
def sharing(request, grant):
    form = ShareCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            clinic = consent.clinic_for_code(form.cleaned_data["code"])
        except consent.ConsentError as exc:
            form.add_error("code", exc.message)
        else:
            return render(
                request,
                "accounts/sharing_confirm.html",
                {"patient": grant.patient, "clinic": clinic, "code": form.cleaned_data["code"]},
            )
    return _sharing_page(request, grant, form, _contact_form(grant.patient))


def _contact_form(patient, data=None) -> ContactForm:
    initial = {f: getattr(patient, f) for f in ("contact_phone", "contact_email", "share_contact")}
    return ContactForm(data, initial=initial)


def _sharing_page(request, grant, form, contact, status=200):
    shares = grant.patient.shares.select_related("clinic").order_by(
        F("revoked_at").asc(nulls_first=True), "-granted_at"
    )
    context = {"patient": grant.patient, "form": form, "shares": shares, "contact": contact}
    return render(request, "accounts/sharing.html", context, status=status)


@require_POST
@patient_view(role=Role.OWNER)
def sharing_contact(request, grant):
    """How the care team may reach the person, and whether the clinics they share with see it."""
    contact = _contact_form(grant.patient, request.POST)
    if not contact.is_valid():
        return _sharing_page(request, grant, ShareCodeForm(), contact, status=400)
    for field, value in contact.cleaned_data.items():
        setattr(grant.patient, field, value)
    grant.patient.save(update_fields=list(contact.cleaned_data))
    shown = "shown to" if contact.cleaned_data["share_contact"] else "kept from"
    messages.success(request, f"Contact details saved, and {shown} the clinics you share with.")
    return redirect("patient-sharing", patient_id=grant.patient.pk)


@require_POST
@patient_view(role=Role.OWNER)
def sharing_confirm(request, grant):
    form = ShareCodeForm(request.POST)
    try:
        if not form.is_valid():
            raise consent.ConsentError("code", form.errors["code"][0])
        clinic = consent.clinic_for_code(form.cleaned_data["code"])
    except consent.ConsentError as exc:
        messages.error(request, exc.message)
        return redirect("patient-sharing", patient_id=grant.patient.pk)
    consent.share_with(grant.patient, clinic)
    messages.success(request, f"{clinic.name} can now see your record. You can stop this any time.")
    return redirect("patient-sharing", patient_id=grant.patient.pk)


@require_POST
@patient_view(role=Role.OWNER)
def sharing_stop(request, grant, share_id: int):
    try:
        share = consent.revoke(grant.patient, share_id)
    except consent.ConsentError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{share.clinic.name} can no longer see your record.")
    return redirect("patient-sharing", patient_id=grant.patient.pk)


@login_required
def account_settings(request):
    user = request.user
    initial = {
        "display_name": user.display_name,
        "time_zone": user.time_zone,
        "country": user.country or country_for(user),
    }
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        user.display_name = form.cleaned_data["display_name"]
        user.time_zone = form.cleaned_data["time_zone"]
        user.country = form.cleaned_data["country"]
        user.save(update_fields=["display_name", "time_zone", "country"])
        messages.success(request, "Saved.")
        return redirect("account-settings")
    return render(request, "accounts/settings.html", {"form": form})


@require_POST
@login_required
def switch_time_zone(request):
    """The device is in another zone (travel): switch the person's days to it. Entries
    already written keep their day; only new ones follow the new zone (docs/diary.md)."""
    try:
        zone = validate_time_zone(request.POST.get("time_zone", ""))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        request.user.time_zone = zone
        request.user.save(update_fields=["time_zone"])
        messages.success(
            request, f"Your days now follow {zone}. Days already saved stay as they are."
        )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)


@login_required
def tokens(request):
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        days = form.cleaned_data["expires_in_days"]
        expires = timezone.now() + timedelta(days=days) if days else None
        _, new_token = AccessToken.issue(request.user, form.cleaned_data["name"], expires)
        form = TokenForm()
    listed = AccessToken.objects.filter(user=request.user)
    return render(
        request, "accounts/tokens.html", {"form": form, "tokens": listed, "new_token": new_token}
    )


@require_POST
@login_required
def token_revoke(request, token_id: int):
    token = get_object_or_404(AccessToken, pk=token_id, user=request.user)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        messages.success(request, f"The token “{token.name}” no longer works.")
    return redirect("account-tokens")


def invitation(request, token: str):
    invite = invitations.find_open(token)
    if invite is None:
        return render(request, "accounts/invitation_closed.html", status=410)
    if request.user.is_authenticated:
        return _accept_signed_in(request, invite)
    existing = User.objects.filter(email=invite.email).first()
    if existing is not None:
        messages.info(request, "You already have an account. Sign in, then open the link again.")
        return redirect(f"{reverse('account_login')}?next={request.path}")
    form = AcceptInvitationForm(request.POST or None, email=invite.email)
    if request.method == "POST" and form.is_valid():
        user = User.objects.create_user(
            invite.email,
            form.cleaned_data["password1"],
            display_name=form.cleaned_data["display_name"],
        )
        invitations.accept(invite, user)
        login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
        # They just chose their password: count it as a fresh sign-in, so that setting up
        # two-factor (next step, enforced) does not ask for the password again.
        record_authentication(request, user, "password", email=user.email, reauthenticated=True)
        messages.success(request, f"Welcome to {invite.clinic.name}.")
        return redirect("caseload")
    return render(request, "accounts/invitation.html", {"invitation": invite, "form": form})


def _accept_signed_in(request, invite):
    if request.user.email.lower() != invite.email:
        return render(
            request, "accounts/invitation_wrong_account.html", {"invitation": invite}, status=403
        )
    if request.method == "POST":
        invitations.accept(invite, request.user)
        messages.success(request, f"You have joined {invite.clinic.name}.")
        return redirect("caseload")
    return render(request, "accounts/invitation.html", {"invitation": invite, "form": None})


@require_safe
def crisis(request):
    user = request.user if request.user.is_authenticated else None
    return render(request, "help/crisis.html", {"help": help_for(user)})


@require_safe
def about(request):
    return render(request, "help/about.html")


@require_safe
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
