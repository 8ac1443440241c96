"""Questionnaire pages: what is due, answering one, results, progress, and the safety path."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from pacewise.accounts.access import Role
from pacewise.accounts.crisis import help_for_patient
from pacewise.accounts.decorators import patient_view
from pacewise.core import instruments as core
from pacewise.exchange.fhir import FhirPatientRef, ResponseRecord, questionnaire_bundle
from pacewise.exchange.report import render_pdf

from . import registry, responses
from .charts import score_svg
from .forms import AssignForm, FollowUpForm, QuestionnaireForm, ReportForm
from .models import Assignment, Response, SafetyAlert
from .progress import trends
from .visit_report import visit_report_data


def _safety_first(grant):
    """The person sees crisis resources before anything else until they have read them."""
    if grant.is_owner:
        alert = responses.unseen_alert(grant.patient)
        if alert is not None:
            return redirect("outcomes-safety", patient_id=grant.patient.pk, alert_id=alert.pk)
    return None


@patient_view()
def questionnaires(request, grant):
    if blocked := _safety_first(grant):
        return blocked
    patient = grant.patient
    items = responses.due_items(patient)
    names = {k: v.name for k, v in registry.instruments().items()}
    assigned = Assignment.objects.filter(patient=patient, response__isnull=True)
    for a in assigned:
        a.name = names.get(a.instrument_id, a.instrument_id)
    done = Response.objects.filter(patient=patient)[:50]
    for r in done:
        r.name = names.get(r.instrument_id, r.instrument_id)
    form = AssignForm(choices=sorted(names.items(), key=lambda kv: kv[1]))
    context = {
        "grant": grant,
        "patient": patient,
        "open": [
            (i, names.get(i.instrument_id, i.instrument_id)) for i in items if i.status == "open"
        ],
        "upcoming": [i for i in items if i.status == "upcoming"][:3],
        "assigned": assigned,
        "done": done,
        "assign_form": form,
    }
    return render(request, "outcomes/list.html", context)


@patient_view(role=Role.OWNER)
def take(request, grant, instrument_id: str):
    if blocked := _safety_first(grant):
        return blocked
    instrument = registry.get(instrument_id)
    if instrument is None:
        raise Http404("No such questionnaire.")
    assignment = Assignment.objects.filter(
        patient=grant.patient, instrument_id=instrument_id, response__isnull=True
    ).first()
    form = QuestionnaireForm(request.POST or None, instrument=instrument)
    if request.method == "POST":
        valid = form.is_valid()
        # The safety check reads the raw answers, so a form that does not validate can
        # never hide a self-harm answer.
        answers = form.answers() if valid else responses.raw_answers(instrument, request.POST)
        if valid or core.safety_flags(instrument, answers):
            sent = responses.record(grant.patient, instrument, answers, assignment=assignment)
            if sent.alerts:
                return redirect(
                    "outcomes-safety", patient_id=grant.patient.pk, alert_id=sent.alerts[0].pk
                )
            if sent.response is not None:
                return redirect(
                    "outcomes-result", patient_id=grant.patient.pk, response_id=sent.response.pk
                )
            form.add_error(None, sent.error)
    context = {"patient": grant.patient, "instrument": instrument, "form": form}
    return render(request, "outcomes/take.html", context)


@patient_view()
def result(request, grant, response_id):
    if blocked := _safety_first(grant):
        return blocked
    response = get_object_or_404(Response, pk=response_id, patient=grant.patient)
    instrument = registry.get(response.instrument_id)
    if instrument is None:
        raise Http404("This questionnaire is no longer offered.")
    alerts = list(response.alerts.all())
    for alert in alerts:
        alert.answer_text = responses.answer_text(instrument, alert.item_id, alert.value)
    context = {
        "grant": grant,
        "patient": grant.patient,
        "response": response,
        "instrument": instrument,
        "alerts": alerts,
        "help": help_for_patient(grant.patient),
        "team_told": responses.care_team_alerted(alerts),
    }
    if not response.scored:
        return render(request, "outcomes/result.html", context)
    score = core.score(instrument, response.answers)
    change = None
    baseline = (
        Response.objects.scored()
        .filter(patient=grant.patient, instrument_id=response.instrument_id)
        .exclude(pk=response.pk)
        .exclude(occasion="short")
        .filter(completed_at__lt=response.completed_at)
        .order_by("completed_at")
        .first()
    )
    if baseline is not None and instrument.mcid is not None:
        change = core.change(instrument, core.score(instrument, baseline.answers), score)
    context |= {"score": score, "change": change}
    return render(request, "outcomes/result.html", context)


@patient_view()
def progress(request, grant):
    if blocked := _safety_first(grant):
        return blocked
    rows = []
    for trend in trends(grant.patient):
        low, high = trend.instrument.score_range
        chart = score_svg(trend.points, low, high, f"{trend.instrument.name} scores over time")
        rows.append({"trend": trend, "chart": chart})
    return render(
        request, "outcomes/progress.html", {"grant": grant, "patient": grant.patient, "rows": rows}
    )


@patient_view(role=Role.OWNER)
def safety(request, grant, alert_id: int):
    alert = get_object_or_404(SafetyAlert, pk=alert_id, patient=grant.patient)
    if request.method == "POST":
        if alert.seen_by_patient_at is None:
            alert.seen_by_patient_at = timezone.now()
            alert.save(update_fields=["seen_by_patient_at"])
        return redirect(
            "outcomes-result", patient_id=grant.patient.pk, response_id=alert.response_id
        )
    context = {
        "patient": grant.patient,
        "alert": alert,
        "help": help_for_patient(grant.patient),
        "team_told": bool(alert.emailed_to),
        "not_scored": not alert.response.scored,
    }
    return render(request, "outcomes/safety.html", context)


@require_POST
@patient_view(role=Role.CLINICIAN)
def assign(request, grant):
    names = {k: v.name for k, v in registry.instruments().items()}
    form = AssignForm(request.POST, choices=list(names.items()))
    if form.is_valid():
        Assignment.objects.create(
            patient=grant.patient,
            instrument_id=form.cleaned_data["instrument_id"],
            assigned_by=request.user,
            clinic=grant.clinic,
            note=form.cleaned_data["note"],
        )
        messages.success(request, "Added. The patient will see it on their questionnaires page.")
    else:
        messages.error(request, "Choose a questionnaire from the list.")
    return redirect("outcomes-list", patient_id=grant.patient.pk)


@require_POST
@patient_view(role=Role.CLINICIAN)
def follow_up(request, grant, alert_id: int):
    alert = get_object_or_404(SafetyAlert, pk=alert_id, patient=grant.patient)
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Write a short note of what was done.")
    elif alert.followed_up_at is None:
        alert.followed_up_at = timezone.now()
        alert.followed_up_by = request.user
        alert.follow_up_note = form.cleaned_data["note"]
        alert.save(update_fields=["followed_up_at", "followed_up_by", "follow_up_note"])
        messages.success(request, "Follow-up recorded.")
    return redirect("outcomes-list", patient_id=grant.patient.pk)


@patient_view()
def visit_report(request, grant):
    """The "bring this to your appointment" PDF: a form for the person's questions, then the PDF."""
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        questions = [q.strip() for q in form.cleaned_data["questions"].splitlines() if q.strip()]
        data = visit_report_data(grant.patient, questions)
        response = HttpResponse(render_pdf(data), content_type="application/pdf")
        name = f"pacewise-visit-report-{data.generated_on:%Y-%m-%d}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return render(
        request, "outcomes/report.html", {"grant": grant, "patient": grant.patient, "form": form}
    )


@patient_view()
def fhir_export(request, grant):
    """Questionnaire responses and scores as a FHIR R4 Bundle (QuestionnaireResponse and
    Observation resources with LOINC codes)."""
    bundle = fhir_bundle(grant.patient)
    response = HttpResponse(json.dumps(bundle, indent=2), content_type="application/fhir+json")
    response["Content-Disposition"] = 'attachment; filename="pacewise-questionnaires.fhir.json"'
    return response


def fhir_bundle(patient) -> dict:
    records = []
    for row in Response.objects.filter(patient=patient).order_by("completed_at"):
        instrument = registry.get(row.instrument_id)
        if instrument is not None:
            records.append(
                ResponseRecord(
                    instrument,
                    row.answers,
                    core.score(instrument, row.answers) if row.scored else None,
                    row.completed_at,
                    row.pk,
                )
            )
    return questionnaire_bundle(FhirPatientRef(patient.pk), records, base_url=settings.SITE_URL)
