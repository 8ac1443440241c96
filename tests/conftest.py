"""The fixed cast every access test uses: a patient, outsiders, and clinicians on every side of
the patient's consent."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from pacewise.accounts.models import AccessToken, Clinic, Membership, Patient, Share, User

PASSWORD = "a-long-test-password-42"


def make_user(email: str, *, patient: bool = False, **extra) -> User:
    user = User.objects.create_user(email, PASSWORD, **extra)
    if patient:
        Patient.objects.create(user=user)
    return user


def make_clinician(email: str, clinic: Clinic, *, role=Membership.Role.CLINICIAN, mfa=True):
    user = make_user(email, display_name=email.split("@")[0].title())
    Membership.objects.create(clinic=clinic, user=user, role=role)
    if mfa:
        TOTP.activate(user, generate_totp_secret())
    return user


@dataclass
class Cast:
    patient: User
    other_patient: User
    clinic: Clinic
    other_clinic: Clinic
    revoked_clinic: Clinic
    sharing_clinician: User
    clinic_admin: User
    other_clinic_clinician: User
    revoked_clinician: User
    clinician_without_2fa: User
    superuser: User
    share: Share

    @property
    def record(self) -> Patient:
        return self.patient.patient

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


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
    )


def bearer(user: User) -> dict:
    _, raw = AccessToken.issue(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
