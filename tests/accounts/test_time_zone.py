"""Times are shown in the signed-in person's own time zone."""

from __future__ import annotations

from datetime import UTC, datetime

from django.urls import reverse

from pacewise.accounts.models import AuditEvent


def test_access_log_times_are_in_the_patients_time_zone(client, cast):
    cast.patient.time_zone = "Australia/Sydney"
    cast.patient.save()
    AuditEvent.objects.create(
        patient=cast.record,
        actor=cast.sharing_clinician,
        actor_label="sharer@harbour.example",
        clinic=cast.clinic,
        action="view",
        what="patient-home",
        path="/",
        at=datetime(2026, 1, 10, 22, 30, tzinfo=UTC),
    )
    client.force_login(cast.patient)
    body = client.get(reverse("patient-access-log", args=[cast.record.pk])).content.decode()
    assert "11 Jan 2026, 09:30 AEDT" in body  # 22:30 UTC is 09:30 next morning in Sydney
