"""Who is who: people, patients, clinics and their members, consent to share, invitations."""

from __future__ import annotations

import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone

from .audit_models import AuditEvent
from .token_models import AccessToken, TwoFactorFailure

__all__ = [
    "AccessToken",
    "AuditEvent",
    "TwoFactorFailure",
    "Clinic",
    "Invitation",
    "Membership",
    "Patient",
    "Share",
    "User",
]

INVITATION_DAYS = 7


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in. Being a patient or a clinic member is a separate record."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(max_length=80, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC")
    # ISO 3166-1 alpha-2, for crisis help lines (accounts.crisis); "" = the server's default
    country = models.CharField(max_length=2, blank=True, default="")
    is_demo = models.BooleanField(default=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    def __str__(self) -> str:
        return self.display_name or self.email

    @property
    def name(self) -> str:
        return self.display_name or self.email.split("@")[0]


class Patient(models.Model):
    """A person's record. Every patient-owned row points here, so data can be split by patient."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    created_at = models.DateTimeField(default=timezone.now)
    # How the care team may reach the person: shown to clinics they share with only when
    # `share_contact` is on (their choice, on the sharing page).
    contact_phone = models.CharField(max_length=30, blank=True)
    contact_email = models.EmailField(blank=True)
    share_contact = models.BooleanField(default=False)

    def __str__(self) -> str:
        return str(self.user)


def new_share_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud on the phone
    return "".join(secrets.choice(alphabet) for _ in range(8))


class Clinic(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=120)
    share_code = models.CharField(max_length=8, unique=True, default=new_share_code)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", "Clinic admin"
        CLINICIAN = "clinician", "Clinician"

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.CLINICIAN)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["clinic", "user"], name="one_membership_per_clinic")
        ]

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN


def active_share(path: str = "") -> models.Q:
    """The one rule for a share in force now, as a filter on Share (or on a model reaching it
    through `path`, e.g. "shares__"): not revoked, and any end the clinic set (a discharge,
    care.discharge) still ahead."""
    return models.Q(**{f"{path}revoked_at__isnull": True}) & (
        models.Q(**{f"{path}ends_at__isnull": True})
        | models.Q(**{f"{path}ends_at__gt": timezone.now()})
    )


class ShareQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active_share())


class Share(models.Model):
    """A patient's consent for one clinic's clinicians to see and act on their record."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="shares")
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="shares")
    granted_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # A discharge: the clinic ended care; its access ends at `ends_at` (care.discharge).
    ends_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.CharField(max_length=300, blank=True)
    end_message = models.TextField(blank=True, max_length=2000)

    objects = ShareQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "clinic"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_active_share_per_clinic",
            )
        ]

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and (self.ends_at is None or self.ends_at > timezone.now())

    @property
    def ended_at(self):
        """When sharing stopped (by the person, or at the end of a discharge), or None."""
        if self.revoked_at is not None:
            return self.revoked_at
        return self.ends_at if not self.is_active else None


def invitation_expiry():
    return timezone.now() + timedelta(days=INVITATION_DAYS)


class Invitation(models.Model):
    """An emailed link that lets someone join a clinic. Only a hash of the token is stored."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(
        max_length=16, choices=Membership.Role.choices, default=Membership.Role.CLINICIAN
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.cancelled_at is None
            and self.expires_at > timezone.now()
        )
