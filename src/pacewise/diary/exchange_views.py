"""Diary files on the web: download the whole diary, and import a file with progress.

An import is a job for the task queue (tasks.import_file): the upload is kept, the job saved,
and the person sent to the job's page, which shows the progress bar and then the report with
every bad line's number. The page can be left and opened again; no web request waits for the
import, so no server timeout cuts it short.
"""

from __future__ import annotations

import io
import uuid

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from pacewise.accounts.access import Role
from pacewise.accounts.decorators import patient_view

from . import csv_exchange, tasks
from .csv_exchange.report import ImportReport
from .forms import ImportForm, MappingForm
from .models import ImportJob

MAX_BYTES = 10 * 1024 * 1024


@patient_view(role=Role.OWNER)
def export_csv(request, grant):
    buffer = io.StringIO()
    csv_exchange.export_diary(grant.patient, buffer)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"pacewise-diary-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@patient_view(role=Role.OWNER)
def import_csv(request, grant):
    patient = grant.patient
    if request.method == "POST" and request.POST.get("step") == "map":
        return _mapped_import(request, patient)
    form = ImportForm(request.POST or None, request.FILES or None, max_bytes=MAX_BYTES)
    if request.method == "POST" and form.is_valid():
        lines = form.cleaned_data["lines"]
        job = ImportJob(patient=patient, actor=request.user, source=form.cleaned_data["source"])
        _keep_upload(job, lines)
        if job.source == "pacewise":
            return _start(job)
        header = form.cleaned_data["header"]
        mapping = MappingForm(header=header, initial=_initial(header), token=job.pk.hex)
        return render(request, "diary/import_map.html", {"patient": patient, "form": mapping})
    return render(request, "diary/import.html", {"patient": patient, "form": form})


@patient_view(role=Role.OWNER)
def import_job(request, grant, job_id):
    """One import's progress, then its report; a page to come back to (no JavaScript needed:
    it refreshes itself until the import has finished)."""
    job = get_object_or_404(ImportJob, pk=job_id, patient=grant.patient)
    stalled = job.status == ImportJob.Status.QUEUED and (
        timezone.now() - job.created_at > tasks.START_EXPECTED_WITHIN
    )
    context = {"patient": grant.patient, "job": job, "report": _report(job), "stalled": stalled}
    template = "diary/_import_job.html" if request.htmx else "diary/import_job.html"
    return render(request, template, context)


def _report(job: ImportJob) -> ImportReport | None:
    if job.report is None:
        return None
    data = dict(job.report)
    data["errors"] = [tuple(e) for e in data.get("errors", [])]
    return ImportReport(**data)


def _initial(header):
    return {f"col_{i}": t for i, (c, t) in enumerate(_suggest(header))}


def _suggest(header):
    guess = csv_exchange.suggest_mapping(header)
    return [(column, guess.get(column, "ignore")) for column in header]


def _keep_upload(job: ImportJob, lines) -> None:
    """The file waits in the data directory (0700) until the worker has read it; an upload
    whose columns are never chosen is removed after a day (tasks.purge_old_imports)."""
    tasks.upload_path(job.pk).write_text("".join(lines), encoding="utf-8")


def _mapped_import(request, patient):
    token = request.POST.get("token", "")
    try:
        job_id = uuid.UUID(hex=token)
    except ValueError:
        return redirect("diary-import", patient_id=patient.pk)
    path = tasks.upload_path(job_id)
    if not path.is_file() or ImportJob.objects.filter(pk=job_id).exists():
        return redirect("diary-import", patient_id=patient.pk)
    with path.open(encoding="utf-8") as file:
        header = next(iter(csv_exchange.csv.reader([file.readline()])), [])
    form = MappingForm(request.POST, header=header, token=token)
    if not form.is_valid():
        return render(request, "diary/import_map.html", {"patient": patient, "form": form})
    job = ImportJob(
        pk=job_id,
        patient=patient,
        actor=request.user,
        source="other",
        mapping=form.mapping(),
        date_format=form.cleaned_data["date_format"] or "",
    )
    return _start(job)


def _start(job: ImportJob):
    job.save()
    transaction.on_commit(lambda: tasks.import_file.enqueue(str(job.pk)))
    return redirect("diary-import-job", patient_id=job.patient_id, job_id=job.pk)
