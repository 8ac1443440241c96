"""Demo data: a clinic, its admin and clinician, and three patients with several weeks of diary.

The histories come from a simple seeded generator; it is replaced by the pacing simulator's
synthetic people once that exists.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import transaction

from pacewise.accounts.models import Clinic, Membership, Patient, Share, User
from pacewise.diary.models import ActivitySession, CheckIn

DEMO_PASSWORD = "demo-pacewise-2026"
CLINIC_NAME = "Riverside Physio (demo)"


@dataclass(frozen=True)
class DemoPerson:
    email: str
    name: str
    time_zone: str
    usual_pain: float
    flare_days: tuple[int, ...]  # days ago
    activity: str
    shares: bool


PATIENTS = (
    DemoPerson("alex@demo.example", "Alex", "Europe/London", 4.5, (20, 19, 18), "walking", True),
    DemoPerson(
        "sam@demo.example", "Sam", "America/Chicago", 5.5, (9, 8, 7, 6), "gentle cycling", True
    ),
    DemoPerson("jordan@demo.example", "Jordan", "Australia/Sydney", 3.5, (), "swimming", False),
)
STAFF = (
    ("admin@demo.example", "Dr. Morgan Lee", Membership.Role.ADMIN),
    ("clinician@demo.example", "Priya Shah, PT", Membership.Role.CLINICIAN),
)


@dataclass
class DemoResult:
    clinic: Clinic
    created: bool
    totp_secrets: dict[str, str]


def create_demo(today: date, days: int = 42, seed: int = 7) -> DemoResult:
    existing = Clinic.objects.filter(name=CLINIC_NAME).first()
    if existing is not None:
        return DemoResult(existing, created=False, totp_secrets={})
    with transaction.atomic():
        clinic = Clinic.objects.create(name=CLINIC_NAME, share_code="DEMO2026")
        secrets = {email: _staff(clinic, email, name, role) for email, name, role in STAFF}
        rng = random.Random(seed)
        for person in PATIENTS:
            _patient(clinic, person, today, days, rng)
    return DemoResult(clinic, created=True, totp_secrets=secrets)


def _staff(clinic, email, name, role) -> str:
    user = User.objects.create_user(email, DEMO_PASSWORD, display_name=name, is_demo=True)
    Membership.objects.create(clinic=clinic, user=user, role=role)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


def _patient(clinic, person: DemoPerson, today: date, days: int, rng: random.Random):
    user = User.objects.create_user(
        person.email,
        DEMO_PASSWORD,
        display_name=person.name,
        time_zone=person.time_zone,
        is_demo=True,
    )
    patient = Patient.objects.create(user=user)
    if person.shares:
        Share.objects.create(patient=patient, clinic=clinic)
    zone = ZoneInfo(person.time_zone)
    checkins, sessions = [], []
    minutes = 8.0
    for ago in range(days, 0, -1):
        day = today - timedelta(days=ago)
        if rng.random() < 0.15:  # missed days are normal
            continue
        flare = ago in person.flare_days
        pain = _clamp(person.usual_pain + rng.gauss(0, 0.8) + (2.5 if flare else 0))
        at = datetime.combine(day, time(20, rng.randint(0, 59)), zone)
        checkins.append(
            CheckIn(
                patient=patient,
                local_date=day,
                entered_at=at,
                pain_avg=pain,
                pain_now=_clamp(pain + rng.choice((-1, 0, 0, 1))),
                morning_pain=_clamp(pain + 1),
                fatigue=_clamp(pain + rng.gauss(0.5, 1)),
                sleep_hours=round(rng.uniform(5, 8.5), 1),
                sleep_quality=_clamp(10 - pain + rng.gauss(0, 1)),
                stress=_clamp(rng.gauss(4, 1.5)),
                mood=_clamp(7 - pain / 2 + rng.gauss(0, 1)),
                in_flare=flare,
            )
        )
        done = minutes * (0.5 if flare else rng.uniform(0.8, 1.1))
        sessions.append(
            ActivitySession(
                patient=patient,
                local_date=day,
                entered_at=at - timedelta(hours=3),
                activity=person.activity,
                minutes=max(1, round(done)),
                exertion=_clamp(rng.gauss(4, 1)),
                pain_before=_clamp(pain - 1),
                pain_peak=_clamp(pain + 1),
                pain_after=_clamp(pain),
            )
        )
        if ago % 7 == 0 and not flare:
            minutes *= 1.1
    CheckIn.objects.bulk_create(checkins)
    ActivitySession.objects.bulk_create(sessions)


def _clamp(value: float) -> int:
    return int(min(10, max(0, round(value))))


def current_code(user: User) -> str:
    """The demo account's current six-digit code (only for accounts made by `pacewise demo`)."""
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))
