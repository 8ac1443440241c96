"""The person's "everything out" page and download (records.export, made by records.tasks)."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from pacewise.accounts.access import Role
from pacewise.accounts.decorators import patient_view

from . import tasks
from .models import ExportJob

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
