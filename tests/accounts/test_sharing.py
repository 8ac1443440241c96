"""Consent: a patient shares with a clinic by code, and can stop at any moment."""

from __future__ import annotations

from django.urls import reverse

from pacewise.accounts.models import AuditEvent, Share


def test_share_by_code_asks_for_confirmation_first(client, cast):
    client.force_login(cast.patient)
    url = reverse("patient-sharing", args=[cast.record.pk])
    response = client.post(url, {"code": cast.other_clinic.share_code.lower()})
    assert response.status_code == 200
    assert "Share your record with Hilltop Rehab?" in response.content.decode()
    assert not Share.objects.active().filter(patient=cast.record, clinic=cast.other_clinic).exists()

    confirm = reverse("patient-sharing-confirm", args=[cast.record.pk])
    client.post(confirm, {"code": cast.other_clinic.share_code})
    assert Share.objects.active().filter(patient=cast.record, clinic=cast.other_clinic).count() == 1


def test_sharing_twice_keeps_one_active_share(client, cast):
    client.force_login(cast.patient)
    confirm = reverse("patient-sharing-confirm", args=[cast.record.pk])
    client.post(confirm, {"code": cast.clinic.share_code})
    client.post(confirm, {"code": cast.clinic.share_code})
    assert Share.objects.active().filter(patient=cast.record, clinic=cast.clinic).count() == 1


def test_unknown_code_is_a_field_error_and_keeps_the_typed_code(client, cast):
    client.force_login(cast.patient)
    response = client.post(reverse("patient-sharing", args=[cast.record.pk]), {"code": "ZZZZ-ZZZZ"})
    assert response.status_code == 200
    assert "could not find a clinic" in " ".join(response.context["form"].errors["code"])
    assert 'value="ZZZZ-ZZZZ"' in response.content.decode()


def test_malformed_code_says_what_a_code_looks_like(client, cast):
    client.force_login(cast.patient)
    response = client.post(reverse("patient-sharing", args=[cast.record.pk]), {"code": "<b>1"})
    assert "8 letters and numbers" in " ".join(response.context["form"].errors["code"])


def test_revocation_takes_effect_on_the_very_next_request(client, cast):
    record_url = reverse("patient-home", args=[cast.record.pk])
    client.force_login(cast.sharing_clinician)
    assert client.get(record_url).status_code == 200

    patient_client = client.__class__()
    patient_client.force_login(cast.patient)
    stop = reverse("patient-sharing-stop", args=[cast.record.pk, cast.share.pk])
    assert patient_client.post(stop).status_code == 302

    assert client.get(record_url).status_code == 404
    cast.share.refresh_from_db()
    assert cast.share.revoked_at is not None


def test_caseload_lists_only_people_who_share_now(client, cast):
    client.force_login(cast.sharing_clinician)
    body = client.get(reverse("caseload")).content.decode()
    assert "Pat" in body
    assert "other@example.com" not in body
    cast.share.revoked_at = cast.share.granted_at
    cast.share.save()
    assert "Pat" not in client.get(reverse("caseload")).content.decode()


def test_caseload_is_not_for_patients(client, cast):
    client.force_login(cast.patient)
    assert client.get(reverse("caseload")).status_code == 404


def test_access_log_page_shows_who_looked(client, cast):
    client.force_login(cast.sharing_clinician)
    client.get(reverse("patient-home", args=[cast.record.pk]), REMOTE_ADDR="203.0.113.9")
    client.force_login(cast.patient)
    body = client.get(reverse("patient-access-log", args=[cast.record.pk])).content.decode()
    assert "Sharer, Clinician, Harbour Physio" in body  # a name and a role, not an email
    assert "Harbour Physio" in body
    assert "203.0.113.9" in body
    assert "Viewed: Overview and diary" in body


def test_patient_viewing_own_record_is_not_audited(client, cast):
    client.force_login(cast.patient)
    client.get(reverse("patient-home", args=[cast.record.pk]))
    assert not AuditEvent.objects.exists()


def test_clinician_sees_a_banner_that_the_visit_is_recorded(client, cast):
    client.force_login(cast.sharing_clinician)
    body = client.get(reverse("patient-home", args=[cast.record.pk])).content.decode()
    assert "recorded in their access log" in body
