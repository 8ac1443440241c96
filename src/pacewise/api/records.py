"""/api/patients/{id}/exports: everything out, as the web page makes it (records.export).

The person asks for an export (202: queued for the task worker), follows its status, and
downloads the zip for a day. The person only: a clinician cannot take a person's record.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from pacewise.accounts.access import Role, api_grant
from pacewise.records.models import ExportJob
from pacewise.records.views import request_export

router = Router(tags=["your record"])


class ExportOut(Schema):
    id: uuid.UUID
    status: str = Field(description="queued, running, done or failed")
    requested_at: datetime
    finished_at: datetime | None
    expires_at: datetime | None = Field(description="The download works until then.")
    size: int = Field(description="Bytes in the zip (0 until done).")
    files: list[str] = Field(description="The files in the zip; README.txt explains each.")


def _job(request, patient_id, job_id, what: str) -> ExportJob:
    grant = api_grant(request, patient_id, what, role=Role.OWNER)
    return get_object_or_404(ExportJob.objects.defer("data"), pk=job_id, patient=grant.patient)


@router.post(
    "/patients/{patient_id}/exports", response={202: ExportOut}, operation_id="request_export"
)
def create_export(request, patient_id: uuid.UUID):
    """Ask for a zip of your whole record. If one is already being made, that one is
    returned. You are emailed when it is ready."""
    grant = api_grant(request, patient_id, "api-exports", write=True, role=Role.OWNER)
    job, _ = request_export(grant.patient)
    return Status(202, job)


@router.get(
    "/patients/{patient_id}/exports/{job_id}", response=ExportOut, operation_id="get_export"
)
def get_export(request, patient_id: uuid.UUID, job_id: uuid.UUID):
    """An export's status."""
    return _job(request, patient_id, job_id, "api-exports")


@router.get(
    "/patients/{patient_id}/exports/{job_id}/download",
    response={200: None},
    operation_id="download_export",
    openapi_extra={"responses": {"200": {"description": "The zip",
                                         "content": {"application/zip": {}}}}},  # fmt: skip
)
def download_export(request, patient_id: uuid.UUID, job_id: uuid.UUID):
    """The zip, for a day after it was made (404 once expired)."""
    grant = api_grant(request, patient_id, "api-exports", role=Role.OWNER)
    job = get_object_or_404(ExportJob, pk=job_id, patient=grant.patient)
    if not job.downloadable:
        raise Http404("This export has expired; ask for a new one.")
    response = HttpResponse(bytes(job.data), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="pacewise-record-{job.pk}.zip"'
    return response
