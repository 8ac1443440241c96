"""Diary files on the web: download the whole diary, and import a file with live progress.

An import streams its page: the top of the page at once, then a progress bar that moves as
lines are read (it works without JavaScript), then the report with every bad line's number.
The import itself runs in a worker thread so the response can stream while it works.
"""

from __future__ import annotations

import io
import queue
import threading
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connections
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone

from pacewise.accounts.decorators import patient_view

from . import csv_exchange
from .forms import ImportForm, MappingForm

MARK = "<!--import-progress-->"
MAX_BYTES = 10 * 1024 * 1024


@patient_view(owner_only=True)
def export_csv(request, grant):
    buffer = io.StringIO()
    csv_exchange.export_diary(grant.patient, buffer)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"pacewise-diary-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@patient_view(owner_only=True)
def import_csv(request, grant):
    patient = grant.patient
    if request.method == "POST" and request.POST.get("step") == "map":
        return _mapped_import(request, patient)
    form = ImportForm(request.POST or None, request.FILES or None, max_bytes=MAX_BYTES)
    if request.method == "POST" and form.is_valid():
        lines = form.cleaned_data["lines"]
        if form.cleaned_data["source"] == "pacewise":
            return _stream(
                request,
                patient,
                lambda progress: csv_exchange.import_diary(
                    patient, request.user, lines, progress=progress
                ),
            )
        token = _keep_upload(patient, lines)
        header = form.cleaned_data["header"]
        mapping = MappingForm(header=header, initial=_initial(header), token=token)
        return render(request, "diary/import_map.html", {"patient": patient, "form": mapping})
    return render(request, "diary/import.html", {"patient": patient, "form": form})


def _initial(header):
    return {f"col_{i}": t for i, (c, t) in enumerate(_suggest(header))}


def _suggest(header):
    guess = csv_exchange.suggest_mapping(header)
    return [(column, guess.get(column, "ignore")) for column in header]


def _uploads() -> Path:
    path = Path(settings.DATA_DIR) / "imports"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def _keep_upload(patient, lines) -> str:
    token = uuid.uuid4().hex
    (_uploads() / f"{patient.pk}-{token}.csv").write_text("".join(lines), encoding="utf-8")
    return token


def _mapped_import(request, patient):
    token = request.POST.get("token", "")
    path = _uploads() / f"{patient.pk}-{token}.csv"
    if not token.isalnum() or not path.is_file():
        return redirect("diary-import", patient_id=patient.pk)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(iter(csv_exchange.csv.reader(lines[:1])), [])
    form = MappingForm(request.POST, header=header, token=token)
    if not form.is_valid():
        return render(request, "diary/import_map.html", {"patient": patient, "form": form})
    mapping, date_format = form.mapping(), form.cleaned_data["date_format"] or None

    def run(progress):
        try:
            return csv_exchange.import_mapped(
                patient, request.user, lines, mapping, date_format=date_format, progress=progress
            )
        finally:
            path.unlink(missing_ok=True)

    return _stream(request, patient, run)


def _stream(request, patient, work):
    page = render_to_string(
        "diary/import_progress.html", {"patient": patient, "mark": MARK}, request=request
    )
    head, tail = page.split(MARK)
    events: queue.Queue = queue.Queue()
    user_pk = request.user.pk

    def worker():
        try:
            report = work(lambda done, total: events.put(("progress", done, total)))
            events.put(("done", report, None))
        except Exception as exc:  # shown to the person; nothing half-written is hidden
            events.put(("failed", exc, None))
            raise
        finally:
            connections.close_all()

    def chunks():
        yield head
        thread = threading.Thread(target=worker, name=f"import-{user_pk}", daemon=True)
        thread.start()
        while True:
            kind, a, b = events.get()
            if kind == "progress":
                yield render_to_string("diary/_import_step.html", {"done": a, "total": b})
            else:
                thread.join()
                context = {
                    "patient": patient,
                    "report": a if kind == "done" else None,
                    "failed": kind == "failed",
                    "user": get_user_model()(pk=user_pk),
                }
                yield render_to_string("diary/_import_report.html", context)
                break
        yield tail

    response = StreamingHttpResponse(chunks(), content_type="text/html; charset=utf-8")
    response["X-Accel-Buffering"] = "no"  # let proxies pass the progress through at once
    response["Cache-Control"] = "no-store"
    return response
