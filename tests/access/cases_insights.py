"""Access cases for insights: sharing clinicians may read findings, the outlook and
self-experiments; only the person starts or stops an experiment or changes their consent to
population pooling."""

from __future__ import annotations

from django.utils import timezone
from matrix import API_OWNER_ONLY, API_READ, OWNER_ONLY, READ, Case

from pacewise.insights.models import Experiment


def _experiment(cast):
    return Experiment.objects.create(
        patient=cast.record, factor="coffee", start=timezone.localdate(), seed=7,
        with_first=[True, False, True, False, True, False],
    ).pk  # fmt: skip


EXP = {"experiment_id": _experiment}

WEB = {
    "insights-page": Case("GET", READ),
    "insights-experiment-start": Case(
        "POST", OWNER_ONLY, 302, data=lambda cast: {"factor": "coffee", "block_days": 4}
    ),
    "insights-pooling": Case("POST", OWNER_ONLY, 302, data=lambda cast: {"opted_in": "on"}),
    "insights-experiment": Case("GET", READ, params=EXP),
    "insights-experiment-stop": Case("POST", OWNER_ONLY, 302, params=EXP),
}

API = {
    ("get", "/api/patients/{patient_id}/insights/findings"): Case("GET", API_READ),
    ("get", "/api/patients/{patient_id}/insights/outlook"): Case("GET", API_READ),
    ("get", "/api/patients/{patient_id}/insights/week"): Case("GET", API_READ),
    ("get", "/api/patients/{patient_id}/insights/experiments"): Case("GET", API_READ),
    ("post", "/api/patients/{patient_id}/insights/experiments"): Case(
        "POST", API_OWNER_ONLY, 201, lambda cast: {"factor": "coffee"}
    ),
    ("get", "/api/patients/{patient_id}/insights/experiments/{experiment_id}"): Case(
        "GET", API_READ, params=EXP
    ),
    ("post", "/api/patients/{patient_id}/insights/experiments/{experiment_id}/stop"): Case(
        "POST", API_OWNER_ONLY, params=EXP
    ),
}

NOT_PATIENT_DATA: set[str] = set()
