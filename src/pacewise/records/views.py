"""The person's "everything out" page and download (records.export, made by records.tasks),
deleting one's account (records.erasure), and what clinics kept after an erasure."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from pacewise.accounts.access import Role
from pacewise.accounts.decorators import clinic_view, patient_view
from pacewise.accounts.models import Patient, Share

from . import erasure, tasks
from .models import ExportJob, RetainedRecord

STALLED_AFTER_SECONDS = 120


def request_export(patient) -> tuple[ExportJob, bool]:
    """A new export, unless one is already waiting or being made: (job, made now)."""
    waiting = ExportJob.objects.filter(
        patient=patient, status__in=[ExportJob.Status.QUEUED, ExportJob.Status.RUNNING]
    ).first()
    if waiting is not None:
        return waiting, False
    job = ExportJob.objects.create(patient=patient)
    transaction.on_commit(lambda: tasks.build_export.enqueue(str(job.pk)))
    return job, True


@patient_view(role=Role.OWNER)
def export_page(request, grant):
    if request.method == "POST":
        _, made = request_export(grant.patient)
        messages.success(request, "Your export is being made. This page shows it when it is "
                         "ready, and we will email you." if made else
                         "Your export is already being made.")  # fmt: skip
        return redirect("records-export", patient_id=grant.patient.pk)
    jobs = list(ExportJob.objects.filter(patient=grant.patient).defer("data")[:5])
    busy = any(j.status in (ExportJob.Status.QUEUED, ExportJob.Status.RUNNING) for j in jobs)
    stalled = busy and (timezone.now() - jobs[0].requested_at).total_seconds() > \
        STALLED_AFTER_SECONDS  # fmt: skip
    context = {"patient": grant.patient, "jobs": jobs, "busy": busy, "stalled": stalled,
               "hours": tasks.DOWNLOAD_HOURS}  # fmt: skip
    template = "records/_export_jobs.html" if request.htmx else "records/export.html"
    return render(request, template, context)


@patient_view(role=Role.OWNER)
def export_download(request, grant, job_id):
    job = get_object_or_404(ExportJob, pk=job_id, patient=grant.patient)
    if not job.downloadable:
        raise Http404("This export has expired; make a new one.")
    response = HttpResponse(bytes(job.data), content_type="application/zip")
    name = f"pacewise-record-{job.finished_at:%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def erase_page(request):
    """Delete my account: with the password, after a grace period the person can stop."""
    form_error = ""
    if request.method == "POST":
        try:
            erasure.request_erasure(request.user, request.POST.get("password", ""))
        except erasure.ErasureError as exc:
            form_error = exc.message
        else:
            return redirect("records-erase")
    patient = Patient.objects.filter(user=request.user).first()
    context = {"waiting": erasure.pending(request.user), "error": form_error,
               "grace_days": erasure.GRACE_DAYS, "patient": patient,
               "clinics": _clinics_that_keep(patient)}  # fmt: skip
    return render(request, "records/erase.html", context, status=400 if form_error else 200)


def _clinics_that_keep(patient) -> list[str]:
    if patient is None:
        return []
    return sorted(set(Share.objects.filter(patient=patient).values_list("clinic__name", flat=True)))


@require_POST
@login_required
def erase_keep(request):
    if erasure.keep(request.user):
        messages.success(request, "Your account stays. Nothing was deleted.")
    return redirect("records-erase")


@clinic_view(admin_only=True)
def retained_list(request, membership):
    """What the clinic kept of its own record after people erased their accounts."""
    rows = RetainedRecord.objects.filter(clinic=membership.clinic)
    return render(request, "records/retained.html", {"clinic": membership.clinic, "rows": rows})


@clinic_view(admin_only=True)
def retained_download(request, membership, record_id: int):
    row = get_object_or_404(RetainedRecord, pk=record_id, clinic=membership.clinic)
    body = json.dumps({"person": row.person, "kept_at": row.kept_at.isoformat(), **row.content},
                      indent=2, ensure_ascii=False)  # fmt: skip
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="retained-record-{row.pk}.json"'
    return response
