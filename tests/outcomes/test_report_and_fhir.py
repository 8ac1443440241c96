"""The visit report PDF and the FHIR export, built from a real diary and real answers."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pacewise.diary.models import ActivitySession, CheckIn
from pacewise.exchange.fhir_codes import validate_codes


def url(name, cast):
    return reverse(name, kwargs={"patient_id": cast.record.pk})


@pytest.fixture
def patient_client(client, cast):
    client.force_login(cast.patient)
    return client


@pytest.fixture
def answered(patient_client, cast):
    take = reverse("outcomes-take", kwargs={"patient_id": cast.record.pk, "instrument_id": "peg"})
    patient_client.post(take, {"peg_1": "7", "peg_2": "6", "peg_3": "6"})
    phq = reverse("outcomes-take", kwargs={"patient_id": cast.record.pk, "instrument_id": "phq9"})
    patient_client.post(phq, {f"phq9_{i}": "1" for i in range(1, 9)} | {"phq9_9": "0"})
    today = timezone.localdate()
    for i in range(1, 20):
        day = today - timedelta(days=i)
        CheckIn.objects.create(
            patient=cast.record, local_date=day, pain_avg=4 + i % 3, fatigue=5, in_flare=i in (5, 6)
        )
        ActivitySession.objects.create(
            patient=cast.record, local_date=day, activity="walking", minutes=10 + i % 4
        )


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_visit_report_pdf_has_the_figures_and_the_questions(
    patient_client, cast, answered, tmp_path
):
    response = patient_client.post(
        url("outcomes-report", cast), {"questions": "Can I try swimming?\nWhat about my sleep?"}
    )
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Pat" in text
    assert "Can I try swimming?" in text and "What about my sleep?" in text
    assert "PEG" in text and "PHQ-9" in text
    assert "not a diagnostic device" in text
    assert text.count("\f") in (1, 2)  # one or two pages


def test_fhir_export_is_a_valid_bundle_with_loinc_codes(patient_client, cast, answered):
    from fhir.resources.R4B.bundle import Bundle

    response = patient_client.get(url("outcomes-fhir", cast))
    assert response["Content-Type"] == "application/fhir+json"
    bundle = json.loads(response.content)
    Bundle.model_validate(bundle)
    assert validate_codes(bundle) == []
    types = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert types.count("QuestionnaireResponse") == 2
    codes = {
        c["code"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Observation"
        for c in e["resource"]["code"]["coding"]
    }
    assert {"44261-6", "44260-8"} <= codes  # PHQ-9 total and item 9
