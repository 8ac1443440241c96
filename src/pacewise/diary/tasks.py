"""Diary work for the task queue: importing a file, with its progress kept on the ImportJob
so the page that follows it (exchange_views.import_job) can be closed and opened again."""

from __future__ import annotations

import time
import uuid
from dataclasses import asdict
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from . import csv_exchange
from .models import ImportJob

PROGRESS_EVERY_SECONDS = 0.5
START_EXPECTED_WITHIN = timedelta(minutes=2)  # longer: the worker is likely stopped


def upload_dir() -> Path:
    path = Path(settings.DATA_DIR) / "imports"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def upload_path(job_id) -> Path:
    return upload_dir() / f"{job_id}.csv"


@task()
def import_file(job_id: str) -> str:
    job = ImportJob.objects.select_related("patient", "actor").get(pk=job_id)
    if job.finished:
        return job.status  # a retried task does nothing twice
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
    path = upload_path(job.pk)
    try:
        report = _run(job, path.read_text(encoding="utf-8").splitlines(keepends=True))
    except Exception:
        _finish(job, ImportJob.Status.FAILED, None)
        raise
    finally:
        path.unlink(missing_ok=True)
    _finish(job, ImportJob.Status.DONE, asdict(report))
    return job.status


def _run(job: ImportJob, lines: list[str]):
    last = [0.0]

    def progress(done: int, total: int | None) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY_SECONDS or (total and done >= total):
            last[0] = now
            ImportJob.objects.filter(pk=job.pk).update(done=done, total=total)

    if job.source == "pacewise":
        return csv_exchange.import_diary(job.patient, job.actor, lines, progress=progress)
    return csv_exchange.import_mapped(
        job.patient,
        job.actor,
        lines,
        job.mapping,
        date_format=job.date_format or None,
        progress=progress,
    )


def _finish(job: ImportJob, status: str, report: dict | None) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        status=status, report=report, finished_at=timezone.now()
    )
    job.status = status


UPLOAD_KEPT = timedelta(days=1)  # a file whose columns were never chosen
JOB_KEPT = timedelta(days=30)  # a finished import's report


def purge_old_imports(now=None) -> int:
    """Remove uploads left waiting for a column map and reports of long-finished imports."""
    now = now or timezone.now()
    removed = 0
    for path in upload_dir().glob("*.csv"):
        try:
            job_id = uuid.UUID(path.stem)
        except ValueError:
            job_id = None
        active = ImportJob.objects.filter(pk=job_id, status__in=["queued", "running"]).exists()
        waiting = job_id is None or not active
        old = now.timestamp() - path.stat().st_mtime > UPLOAD_KEPT.total_seconds()
        if waiting and old:
            path.unlink(missing_ok=True)
            removed += 1
    finished = ImportJob.objects.filter(finished_at__lt=now - JOB_KEPT)
    return removed + finished.delete()[0]
