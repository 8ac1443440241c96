"""A clinic adds a licensed questionnaire by dropping a definition file: no code change."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from django.test import override_settings
from django.urls import reverse

from pacewise.outcomes import registry


@pytest.fixture
def clinic_dir(tmp_path):
    data = json.loads(resources.files("pacewise.instruments").joinpath("peg.json").read_text())
    data["id"], data["name"] = "clinic_peg", "Clinic PEG"
    (tmp_path / "clinic_peg.json").write_text(json.dumps(data))
    registry.instruments.cache_clear()
    yield tmp_path
    registry.instruments.cache_clear()


def test_a_dropped_in_definition_can_be_assigned_and_answered(client, cast, clinic_dir):
    with override_settings(PACEWISE_INSTRUMENT_DIRS=[str(clinic_dir)]):
        assert registry.get("clinic_peg").name == "Clinic PEG"
        client.force_login(cast.sharing_clinician)
        assign = reverse("outcomes-assign", kwargs={"patient_id": cast.record.pk})
        client.post(assign, {"instrument_id": "clinic_peg"})
        client.force_login(cast.patient)
        page = client.get(reverse("outcomes-list", kwargs={"patient_id": cast.record.pk}))
        assert "Answer the Clinic PEG" in page.content.decode()
        take = reverse(
            "outcomes-take", kwargs={"patient_id": cast.record.pk, "instrument_id": "clinic_peg"}
        )
        response = client.post(take, {"peg_1": "3", "peg_2": "3", "peg_3": "3"})
        assert response.status_code == 302
