"""Clinician settings: set and cleared by a sharing clinician, shown to the person as theirs."""

from __future__ import annotations

from django.urls import reverse

from pacewise.today import state as plan_state
from pacewise.today.models import OverrideSet


def url(patient, name="today-plan"):
    return reverse(name, kwargs={"patient_id": patient.pk})


def test_the_person_cannot_open_or_change_the_settings(client, me, walking):
    assert client.get(url(me)).status_code == 403
    assert client.post(url(me), {"quota_0": "20"}).status_code == 403
    assert client.post(url(me, "today-plan-clear")).status_code == 403
    assert not OverrideSet.objects.exists()


def test_a_clinician_sets_a_quota_that_wins_and_is_shown_as_theirs(client, cast, history):
    client.force_login(cast.sharing_clinician)
    response = client.post(
        url(history), {"quota_0": "6", "progression_rate": "5", "note": "Short flat walks."}
    )
    assert response.status_code == 302
    row = OverrideSet.objects.get()
    assert (row.quotas, row.caps, row.progression_rate) == ({"walking": 6.0}, {}, 0.05)
    assert row.set_by == cast.sharing_clinician
    assert row.set_by_label == "Sharer (Harbour Physio)"
    plan = plan_state.load(history).plan
    assert plan.target("walking").quota == 6.0 and plan.target("walking").overridden

    client.force_login(cast.patient)
    page = client.get(url(history, "today")).content.decode()
    assert "Some of this plan was set by Sharer (Harbour Physio) on" in page
    assert "Their note: “Short flat walks.”" in page
    assert "Set by your clinician</p>" in page
    assert "Set by your clinician: 6 minutes of walking a day." in page


def test_a_cap_bounds_the_quota(client, clinician, history):
    client.post(url(clinician), {"cap_0": "5"})
    assert plan_state.load(clinician).plan.target("walking").quota == 5.0


def test_out_of_range_values_are_refused(client, clinician, history):
    response = client.post(url(clinician), {"quota_0": "0", "progression_rate": "50"})
    assert response.status_code == 200
    assert not OverrideSet.objects.exists()


def test_clearing_returns_the_plan_to_the_engine_and_keeps_the_history(client, clinician, history):
    client.post(url(clinician), {"quota_0": "6"})
    client.post(url(clinician, "today-plan-clear"))
    assert OverrideSet.objects.count() == 2
    assert plan_state.current_overrides(clinician) is None
    assert plan_state.load(clinician).plan.target("walking").quota == 9.6


def test_the_form_shows_the_settings_in_force(client, clinician, history):
    client.post(url(clinician), {"quota_0": "6"})
    page = client.get(url(clinician)).content.decode()
    assert 'value="6.0"' in page and "In force: set by Sharer (Harbour Physio)" in page
