"""The audit log is append-only, and each clinic's admins see their own team's accesses."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pacewise.accounts.audit_models import AppendOnlyError
from pacewise.accounts.models import AuditEvent


@pytest.fixture
def event(client, cast):
    client.force_login(cast.sharing_clinician)
    client.get(reverse("patient-home", args=[cast.record.pk]))
    return AuditEvent.objects.get()


def test_events_cannot_be_changed(event):
    event.what = "nothing to see"
    with pytest.raises(AppendOnlyError):
        event.save()


def test_events_cannot_be_deleted_one_by_one_or_in_bulk(event):
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.update(what="x")
    assert AuditEvent.objects.count() == 1


def test_clinic_admin_sees_the_teams_accesses(client, cast, event):
    client.force_login(cast.clinic_admin)
    body = client.get(reverse("clinic-access-log", args=[cast.clinic.pk])).content.decode()
    assert "Sharer, Clinician, Harbour Physio" in body  # a name and a role, not an email
    assert "Pat" in body


def test_admins_of_other_clinics_do_not(client, cast, event):
    from cast import make_clinician
    from pacewise.accounts.models import Membership

    outsider = make_clinician("boss@hilltop.example", cast.other_clinic, role=Membership.Role.ADMIN)
    client.force_login(outsider)
    assert client.get(reverse("clinic-access-log", args=[cast.clinic.pk])).status_code == 404
    body = client.get(reverse("clinic-access-log", args=[cast.other_clinic.pk])).content.decode()
    assert "sharer@harbour.example" not in body


def test_clinicians_who_are_not_admins_cannot_open_the_clinic_log(client, cast, event):
    client.force_login(cast.sharing_clinician)
    assert client.get(reverse("clinic-access-log", args=[cast.clinic.pk])).status_code == 403
