"""Demo data: a clinic, its admin and clinician, and three patients with several weeks of diary.

The histories are simulated people from `pacewise.core.simulate`: one who follows the plan,
one fatigue-dominant, and one in a boom-bust pattern, with missed days and flares.
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
from pacewise.core.simulate import demo_history
from pacewise.diary.catalog import activity_unit
from pacewise.diary.models import ActivitySession, CheckIn
from pacewise.today.actions import start_simulator_plan

DEMO_PASSWORD = "demo-pacewise-2026"
CLINIC_NAME = "Riverside Physio (demo)"


@dataclass(frozen=True)
class DemoPerson:
    email: str
    name: str
    time_zone: str
    kind: str  # a simulated person from pacewise.core.simulate.demo_history
    shares: bool


PATIENTS = (
    DemoPerson("alex@demo.example", "Alex", "Europe/London", "typical", True),
    DemoPerson("sam@demo.example", "Sam", "America/Chicago", "fatigue", True),
    DemoPerson("jordan@demo.example", "Jordan", "Australia/Sydney", "boom_bust", False),
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
    for record in demo_history(
        seed=rng.randint(0, 10**6), days=days, today=today, kind=person.kind
    ):
        morning = datetime.combine(record.date, time(7, rng.randint(0, 59)), zone)
        evening = datetime.combine(record.date, time(20, rng.randint(0, 59)), zone)
        if record.morning_pain is not None or record.sleep_hours is not None:
            checkins.append(
                CheckIn(
                    patient=patient,
                    local_date=record.date,
                    entered_at=morning,
                    kind="morning",
                    morning_pain=_scale(record.morning_pain),
                    sleep_hours=_hours(record.sleep_hours),
                    sleep_quality=_scale(
                        None if record.sleep_hours is None else record.sleep_hours * 1.2 - 1
                    ),
                )
            )
        if record.avg_pain is not None or record.flare:
            checkins.append(
                CheckIn(
                    patient=patient,
                    local_date=record.date,
                    entered_at=evening,
                    pain_avg=_scale(record.avg_pain),
                    fatigue=_scale(record.fatigue),
                    stress=_scale(record.stress),
                    in_flare=record.flare,
                    mood=_scale(None if record.avg_pain is None else 8 - record.avg_pain / 2),
                )
            )
        for i, session in enumerate(record.sessions):
            sessions.append(
                _session(patient, record.date, evening - timedelta(hours=3 + i), session)
            )
    CheckIn.objects.bulk_create(checkins)
    ActivitySession.objects.bulk_create(sessions)
    start_simulator_plan(patient, fatigue_dominant=person.kind == "fatigue")


def _session(patient, day, at, session) -> ActivitySession:
    amount = max(1, round(session.amount))
    if activity_unit(session.activity) == "minutes":
        dose = {"minutes": amount}
    else:  # counted in repetitions: split into sets of at most 12
        sets = -(-amount // 12)
        dose = {"sets": sets, "reps": max(1, round(amount / sets))}
    return ActivitySession(
        patient=patient,
        local_date=day,
        entered_at=at,
        activity=session.activity,
        exertion=_scale(session.exertion),
        pain_peak=_scale(session.pain_during),
        pain_after=_scale(session.pain_after),
        planned_item=session.activity,
        **dose,
    )


def _scale(value: float | None) -> int | None:
    return None if value is None else _clamp(value)


def _hours(value: float | None) -> float | None:
    return None if value is None else round(min(24.0, max(0.0, value)), 1)


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
