"""Records work for the task queue: making a person's export zip."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from .export import build_zip
from .models import ExportJob

DOWNLOAD_HOURS = 24  # the link works for a day (README, "Everything out")


@task()
def build_export(job_id: str) -> str:
    job = ExportJob.objects.select_related("patient__user").get(pk=job_id)
    if job.status in (ExportJob.Status.DONE, ExportJob.Status.FAILED):
        return job.status  # a retried task does nothing twice
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING)
    try:
        data, names = build_zip(job.patient, timezone.now())
    except Exception:
        ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.FAILED,
                                                   finished_at=timezone.now())  # fmt: skip
        raise
    now = timezone.now()
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.DONE, finished_at=now, data=data, size=len(data), files=names,
        expires_at=now + timedelta(hours=DOWNLOAD_HOURS),
    )  # fmt: skip
    _tell(job)
    return ExportJob.Status.DONE


def _tell(job: ExportJob) -> None:
    """An email that says only that the export is ready, with the page to fetch it from."""
    url = settings.SITE_URL + reverse("records-export", args=[job.patient_id])
    send_mail(
        subject="Your Pacewise export is ready",
        message=render_to_string("records/email/export_ready.txt",
                                 {"url": url, "hours": DOWNLOAD_HOURS}),  # fmt: skip
        from_email=None,
        recipient_list=[job.patient.user.email],
    )


def drop_expired(now=None) -> int:
    """Expired exports lose their contents (run by ``pacewise purge-deleted``)."""
    now = now or timezone.now()
    return ExportJob.objects.filter(expires_at__lte=now, data__isnull=False).update(data=None)
