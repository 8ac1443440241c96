"""The access matrix's vocabulary: roles, expected outcomes and a request case.

Each app lists its patient-data URLs and API operations in `cases_<app>.py` beside this file;
`test_access_matrix.py` gathers every `cases_*.py` and fails for anything not listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from cast import Cast

ROLES = [
    "anonymous",
    "patient",
    "other_patient",
    "sharing_clinician",
    "other_clinic_clinician",
    "revoked_clinician",
    "clinician_without_2fa",
    "superuser",
]

# Outcomes: "ok", "login" (sent to sign in), "2fa" (sent to set up two-factor), or a status.
READ = {
    "anonymous": "login",
    "patient": "ok",
    "other_patient": 404,
    "sharing_clinician": "ok",
    "other_clinic_clinician": 404,
    "revoked_clinician": 404,
    "clinician_without_2fa": "2fa",
    "superuser": 404,
}
OWNER_ONLY = {**READ, "sharing_clinician": 403}


@dataclass(frozen=True)
class Case:
    method: str
    expect: dict
    ok_status: int = 200
    data: Callable[[Cast], dict] | None = None  # request body, built from the cast
    params: dict = field(default_factory=dict)  # path parameter -> function of the cast
    query: str = ""


API_READ = {**READ, "anonymous": 401, "clinician_without_2fa": 403}
API_OWNER_ONLY = {**API_READ, "sharing_clinician": 403}


def clinic_code(attribute):
    return lambda cast: {"code": getattr(cast, attribute).share_code}


CHECKIN = {"entry_id": lambda cast: cast.checkin.pk}
ACTIVITY = {"entry_id": lambda cast: cast.activity.pk}
SHARE = {"share_id": lambda cast: cast.share.pk}
