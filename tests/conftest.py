"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cast import PASSWORD, Cast, make_clinician, make_user
from pacewise.accounts.models import Clinic, Membership, Share, User
from pacewise.diary.models import ActivitySession, CheckIn


@pytest.fixture
def cast(db) -> Cast:
    patient = make_user("pat@example.com", patient=True, display_name="Pat")
    other_patient = make_user("other@example.com", patient=True)
    clinic = Clinic.objects.create(name="Harbour Physio")
    other_clinic = Clinic.objects.create(name="Hilltop Rehab")
    revoked_clinic = Clinic.objects.create(name="Old Clinic")
    share = Share.objects.create(patient=patient.patient, clinic=clinic)
    Share.objects.create(patient=patient.patient, clinic=revoked_clinic, revoked_at=timezone.now())
    Share.objects.create(patient=other_patient.patient, clinic=other_clinic)
    return Cast(
        patient=patient,
        other_patient=other_patient,
        clinic=clinic,
        other_clinic=other_clinic,
        revoked_clinic=revoked_clinic,
        sharing_clinician=make_clinician("sharer@harbour.example", clinic),
        clinic_admin=make_clinician("admin@harbour.example", clinic, role=Membership.Role.ADMIN),
        other_clinic_clinician=make_clinician("doc@hilltop.example", other_clinic),
        revoked_clinician=make_clinician("doc@old.example", revoked_clinic),
        clinician_without_2fa=make_clinician("new@harbour.example", clinic, mfa=False),
        superuser=User.objects.create_superuser("root@example.com", PASSWORD),
        share=share,
        checkin=CheckIn.objects.create(
            patient=patient.patient, local_date=timezone.localdate(), pain_avg=4
        ),
        activity=ActivitySession.objects.create(
            patient=patient.patient, local_date=timezone.localdate(), activity="walking", minutes=8
        ),
    )
