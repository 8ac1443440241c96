"""Access cases for the person's whole record: the export is theirs alone (owner-only)."""

from __future__ import annotations

from matrix import API_OWNER_ONLY, OWNER_ONLY, Case


def _ready(cast):
    from datetime import timedelta

    from django.utils import timezone

    from pacewise.records.models import ExportJob

    return ExportJob.objects.create(
        patient=cast.record, status=ExportJob.Status.DONE, data=b"PK", size=2,
        finished_at=timezone.now(), expires_at=timezone.now() + timedelta(hours=1),
    ).pk  # fmt: skip


JOB = {"job_id": _ready}

WEB = {
    "records-export": Case("GET", OWNER_ONLY),
    "records-export-download": Case("GET", OWNER_ONLY, params=JOB),
}
API = {
    ("post", "/api/patients/{patient_id}/exports"): Case("POST", API_OWNER_ONLY, 202),
    ("get", "/api/patients/{patient_id}/exports/{job_id}"): Case(
        "GET", API_OWNER_ONLY, params=JOB
    ),
    ("get", "/api/patients/{patient_id}/exports/{job_id}/download"): Case(
        "GET", API_OWNER_ONLY, params=JOB
    ),
}
# The account's own deletion and a clinic admin's kept records: not one person's record URL
# (tests/records/test_erasure.py covers who may use them).
NOT_PATIENT_DATA = {"records-erase", "records-erase-keep", "records-retained",
                    "records-retained-download"}
