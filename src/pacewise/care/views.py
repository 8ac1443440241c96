"""The clinician's side: the caseload and the clinic's team and access log."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Max, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from pacewise.accounts import invitations
from pacewise.accounts.access import Role, shared_with
from pacewise.accounts.audit import describe
from pacewise.accounts.crisis import help_for_patient
from pacewise.accounts.decorators import clinic_view, patient_view, staff_view
from pacewise.accounts.forms import InviteForm
from pacewise.accounts.models import AuditEvent, Invitation, Patient, Share
from pacewise.core.care.program_outcomes import MILESTONES, MIN_CELL
from pacewise.core.care.triage import KINDS, TITLES
from pacewise.core.errors import RuleError
from pacewise.diary.days import today_for
from pacewise.exchange.report import render_pdf
from pacewise.outcomes.charts import share_svg
from pacewise.outcomes.responses import open_alerts_for
from pacewise.outcomes.visit_report import visit_report_data
from pacewise.plans import templates as program_templates
from pacewise.plans.red_flags import open_red_flags_for, self_cleared_for

from . import conversations as talk
from . import discharge as ending
from .forms import DischargeForm, MessageForm, NoteForm, SeenForm, TimeForm
from .models import Lead, TimeEntry
from .monitoring import TimeError, clinic_csv, data_periods, log_time
from .notes import NoteError, add_note, report_lines, visible_notes
from .program_outcomes import cell_text, clinic_outcomes, mcid_words, outcomes_csv
from .triage import mark_seen, triage

PAGE_SIZE = 50


@staff_view
def caseload(request):
    """Who needs me today, and why (core.care.triage), then everyone who shares with my clinics."""
    query = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("reason", "")
    mine = request.GET.get("mine") == "1"
    patients = (
        Patient.objects.filter(shared_with(request.user))
        .select_related("user")
        .annotate(shared_since=Max("shares__granted_at"))
        .distinct()
    )
    if mine:
        led = Lead.objects.filter(clinician=request.user).values("patient_id")
        patients = patients.filter(pk__in=led)
    if query:
        patients = patients.filter(
            Q(user__display_name__icontains=query) | Q(user__email__icontains=query)
        )
    rows = triage(request.user, list(patients))
    needing = [r for r in rows if any(not kind or x.kind == kind for x in r.reasons)]
    memberships = request.user.memberships.select_related("clinic").order_by("clinic__name")
    context = {
        "waiting": talk.waiting_for_clinics(request.user),
        "needing": needing,
        "page": Paginator(sorted(rows, key=_by_name), PAGE_SIZE).get_page(request.GET.get("page")),
        "memberships": memberships,
        "alerts": open_alerts_for(request.user),
        "red_flags": open_red_flags_for(request.user),
        "self_cleared": self_cleared_for(request.user),
        "kinds": [(k, TITLES[k]) for k in KINDS],
        "kind": kind,
        "query": query,
        "mine": mine,
    }
    return render(request, "care/caseload.html", context)


def _by_name(row) -> tuple[str, str]:
    """Everyone sharing, alphabetically: the list a clinician scans for a name."""
    return row.patient.user.name.lower(), row.patient.user.email


@require_POST
@patient_view(role=Role.CLINICIAN)
def triage_seen(request, grant):
    """A clinician saw one reason: it leaves the list until the data give a new episode."""
    form = SeenForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        mark_seen(grant, request.user, data["kind"], data["episode"], data["note"])
        messages.success(request, f"Marked as seen for {grant.patient.user.name}.")
    else:
        messages.error(request, "That reason could not be marked; reload the page and try again.")
    return redirect("caseload")


def _clinic_page(request, membership, form, status=200):
    clinic = membership.clinic
    context = {
        "membership": membership,
        "clinic": clinic,
        "members": clinic.memberships.select_related("user").order_by("user__email"),
        "sharing_count": Share.objects.active().filter(clinic=clinic).count(),
        "form": form,
        "invitations": [i for i in clinic.invitations.order_by("-created_at")[:50] if i.is_open],
        "templates": [
            (t, program_templates.describe(t)) for t in program_templates.for_clinic(clinic)
        ],
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


@patient_view()
def notes(request, grant):
    """Clinical notes: a clinic's own (clinicians), or the ones shared with the person."""
    return _notes_page(request, grant, NoteForm())


def _notes_page(request, grant, form, status=200):
    rows = list(visible_notes(grant))
    context = {"grant": grant, "patient": grant.patient, "notes": rows, "form": form}
    return render(request, "care/notes.html", context, status=status)


@require_POST
@patient_view(role=Role.CLINICIAN)
def notes_add(request, grant):
    form = NoteForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            add_note(grant, request.user, data["text"], shared=data["shared"],
                     corrects_id=data["corrects"])  # fmt: skip
        except NoteError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            shared = " They can read it." if data["shared"] else ""
            messages.success(request, "Note saved." + shared)
            return redirect("care-notes", patient_id=grant.patient.pk)
    return _notes_page(request, grant, form, status=400)


@patient_view(role=Role.CLINICIAN)
def monitoring(request, grant):
    """Days with data per 30-day period and the team's logged time (core.care.monitoring)."""
    form = TimeForm(request.POST or None, initial={"on": today_for(grant.patient)})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                log_time(grant, request.user, **form.cleaned_data)
            except TimeError as exc:
                form.add_error(exc.field, exc.message)
            else:
                messages.success(request, f"{form.cleaned_data['minutes']} minutes logged.")
                return redirect("care-monitoring", patient_id=grant.patient.pk)
        status = 400
    entries = TimeEntry.objects.filter(patient=grant.patient, clinic=grant.clinic)[:100]
    context = {
        "grant": grant, "patient": grant.patient, "form": form, "entries": entries,
        "periods": list(reversed(data_periods(grant.patient, grant.clinic))),
    }  # fmt: skip
    return render(request, "care/monitoring.html", context, status=status)


@clinic_view()
def clinic_monitoring_csv(request, membership):
    """The month's monitoring figures for everyone sharing with the clinic, as CSV."""
    try:
        year, month = (int(x) for x in request.GET.get("month", "").split("-"))
        date(year, month, 1)
    except ValueError:
        today = timezone.localdate()
        year, month = today.year, today.month
    body = clinic_csv(membership.clinic, year, month)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    name = f"pacewise-monitoring-{year:04d}-{month:02d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@patient_view()
def conversations_page(request, grant):
    """The person's conversations with the clinics they share with; a clinician sees their
    clinic's thread."""
    if not grant.is_owner:
        conv = talk.conversation(grant, grant.clinic.pk)
        return _thread_page(request, grant, conv, MessageForm())
    context = {"grant": grant, "patient": grant.patient, "rows": talk.conversations(grant)}
    return render(request, "care/messages.html", context)


@patient_view()
def thread(request, grant, clinic_id):
    """One conversation: read it (which marks the other side's messages read) and write."""
    conv = talk.conversation(grant, clinic_id)
    form = MessageForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                talk.send(grant, request.user, conv, form.cleaned_data["text"])
            except talk.MessageError as exc:
                form.add_error("text", exc.message)
            else:
                messages.success(request, "Message sent.")
                return redirect(request.path)
        return _thread_page(request, grant, conv, form, status=400)
    return _thread_page(request, grant, conv, form)


def _thread_page(request, grant, conv, form, status=200):
    rows = talk.messages_in(conv)
    if request.method == "GET":
        talk.mark_read(grant, conv)
    crisis = help_for_patient(grant.patient) if grant.is_owner and talk.recent_concern(conv) \
        else None  # fmt: skip
    context = {"grant": grant, "patient": grant.patient, "conv": conv, "rows": rows, "form": form,
               "help": crisis}  # fmt: skip
    return render(request, "care/thread.html", context, status=status)


@require_POST
@patient_view(role=Role.CLINICIAN)
def thread_answered(request, grant, clinic_id):
    conv = talk.conversation(grant, clinic_id)
    try:
        talk.mark_answered(grant, conv)
    except talk.MessageError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Marked as answered.")
    return redirect("care-messages-thread", patient_id=grant.patient.pk, clinic_id=clinic_id)


@require_POST
@patient_view(role=Role.OWNER)
def thread_stop(request, grant, clinic_id):
    conv = talk.conversation(grant, clinic_id)
    talk.stop(conv)
    messages.success(request, f"Stopped. {conv.clinic.name} cannot write to you here until you "
                              "write to them again.")  # fmt: skip
    return redirect("care-messages-thread", patient_id=grant.patient.pk, clinic_id=clinic_id)


@clinic_view()
def clinic_outcomes_page(request, membership):
    """Does the program work here? Shares and figures at 1, 3 and 6 months, with intervals."""
    sharing, rows = clinic_outcomes(membership.clinic)
    labels = [label for _, label, _ in MILESTONES]
    charts = [
        (row.title, share_svg(row.cells, labels, row.title))
        for row in rows
        if row.measure.startswith("better:") or row.measure == "logging"
    ]
    table = [(row, [cell_text(row, c) for c in row.cells]) for row in rows]
    context = {"clinic": membership.clinic, "sharing": sharing, "charts": charts,
               "table": table, "labels": labels, "min_cell": MIN_CELL,
               "mcids": mcid_words()}  # fmt: skip
    return render(request, "care/clinic_outcomes.html", context)


@clinic_view()
def clinic_outcomes_csv(request, membership):
    _, rows = clinic_outcomes(membership.clinic)
    response = HttpResponse(outcomes_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pacewise-program-outcomes.csv"'
    return response


@patient_view(role=Role.CLINICIAN)
def discharge_page(request, grant):
    """End the clinic's care with a message; the clinic's access ends after a grace period."""
    form = DischargeForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                share = ending.discharge(grant, request.user, form.cleaned_data["message"])
            except RuleError as exc:
                form.add_error("message", exc.message)
            else:
                name = grant.patient.user.name
                messages.success(request, f"Care ends on {share.ends_at:%d %b %Y}. {name} has "
                                          "your message.")  # fmt: skip
                return redirect("patient-home", patient_id=grant.patient.pk)
        status = 400
    else:
        status = 200
    context = {"grant": grant, "patient": grant.patient, "form": form,
               "share": ending.current_share(grant), "grace_days": ending.GRACE_DAYS}  # fmt: skip
    return render(request, "care/discharge.html", context, status=status)


@require_POST
@patient_view(role=Role.CLINICIAN)
def discharge_take_back(request, grant):
    try:
        ending.take_back(grant)
    except RuleError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Care goes on: {grant.patient.user.name}'s sharing no "
                                  "longer ends.")  # fmt: skip
    return redirect("patient-home", patient_id=grant.patient.pk)


@require_POST
@clinic_view()
def clinic_template_delete(request, membership, template_id: int):
    """A template goes; programs started from it stay as they are."""
    template = get_object_or_404(program_templates.for_clinic(membership.clinic), pk=template_id)
    template.delete()
    messages.success(request, f"The template “{template.name}” was deleted.")
    return redirect("clinic", clinic_id=membership.clinic.pk)


@require_POST
@patient_view(role=Role.CLINICIAN)
def notes_visit_report(request, grant):
    """The visit report, clinic copy: the person's report with the clinic's notes in it."""
    data = visit_report_data(grant.patient, [])
    data = replace(data, clinical_notes=report_lines(grant, data.period_start))
    response = HttpResponse(render_pdf(data), content_type="application/pdf")
    name = f"pacewise-visit-report-clinic-{data.generated_on:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
@patient_view(role=Role.CLINICIAN)
def lead(request, grant):
    """Lead this person's care for the clinic (or step down): the caseload's "My people"."""
    if request.POST.get("step_down"):
        Lead.objects.filter(patient=grant.patient, clinic=grant.clinic,
                            clinician=request.user).delete()  # fmt: skip
        messages.success(request, f"You no longer lead {grant.patient.user.name}'s care.")
    else:
        Lead.objects.update_or_create(patient=grant.patient, clinic=grant.clinic,
                                      defaults={"clinician": request.user,
                                                "since": timezone.now()})  # fmt: skip
        messages.success(request, f"You lead {grant.patient.user.name}'s care for "
                                  f"{grant.clinic.name}.")  # fmt: skip
    return redirect("patient-home", patient_id=grant.patient.pk)
