"""The fixed cast every access test uses (see the `cast` fixture in conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from pacewise.accounts.models import AccessToken, Clinic, Membership, Patient, Share, User
from pacewise.diary.models import ActivitySession, CheckIn

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
    checkin: CheckIn
    activity: ActivitySession

    @property
    def record(self) -> Patient:
        return self.patient.patient

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


def bearer(user: User) -> dict:
    _, raw = AccessToken.issue(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
