"""Demo data: a clinic, its admin and clinician, three patients with four months of diary,
and a wider group who share with the clinic (demo_cohort: for the program outcomes page).

The histories are simulated people from `pacewise.simulation.model_a`: one who follows the plan,
one fatigue-dominant, and one in a boom-bust pattern, with missed days and flares. Each also
logs a few tags of their own; some of them really change the demo person's pain (made up for
the demo, so the insights page has something true to find) and some do nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import transaction

from pacewise.accounts.models import Clinic, Membership, Patient, Share, User
from pacewise.care.models import Thread
from pacewise.core.facts import DayRecord
from pacewise.core.insights import experiments
from pacewise.diary.catalog import activity_unit
from pacewise.diary.models import ActivitySession, CheckIn, Tag
from pacewise.insights.models import Experiment
from pacewise.ops.demo_cohort import create_cohort
from pacewise.simulation.model_a import demo_history
from pacewise.today.actions import start_simulator_plan

DEMO_PASSWORD = "demo-pacewise-2026"
CLINIC_NAME = "Riverside Physio (demo)"


@dataclass(frozen=True)
class DemoTag:
    """A tag a demo person logs, and what it does to their pain (0: nothing)."""

    name: str
    chance: float  # of being logged on a given day
    effect: float = 0.0  # pain points on the day (lag 0) or the day after (lag 1)
    lag: int = 0


@dataclass(frozen=True)
class DemoExperiment:
    """A self-experiment on one of the person's tags, begun this many days before today;
    they follow its schedule (with the tag on nine in ten "with" days, rarely otherwise)."""

    factor: str
    started_days_ago: int
    seed: int = 1


@dataclass(frozen=True)
class DemoPerson:
    email: str
    name: str
    time_zone: str
    kind: str  # a simulated person from pacewise.simulation.model_a.demo_history
    shares: bool
    tags: tuple[DemoTag, ...] = ()
    experiment: DemoExperiment | None = None
    lately: str = ""  # what the care team should see: "pain rising" or "long flare"


PATIENTS = (
    DemoPerson(
        "alex@demo.example",
        "Alex",
        "Europe/London",
        "typical",
        True,
        (
            DemoTag("gardening", 0.2, effect=2.0, lag=1),
            DemoTag("warm bath", 0.25, effect=-2.0),
            DemoTag("coffee with friends", 0.25),
        ),
        DemoExperiment("warm bath", started_days_ago=62),  # finished two weeks ago
        lately="pain rising",
    ),
    DemoPerson(
        "sam@demo.example",
        "Sam",
        "America/Chicago",
        "fatigue",
        True,
        (DemoTag("late night", 0.2, effect=2.0, lag=1), DemoTag("cold weather", 0.3)),
        DemoExperiment("late night", started_days_ago=10),  # running
        lately="long flare",
    ),
    DemoPerson(
        "jordan@demo.example",
        "Jordan",
        "Australia/Sydney",
        "boom_bust",
        False,
        (
            DemoTag("long drive", 0.15, effect=2.0, lag=1),
            DemoTag("coffee with friends", 0.25),
        ),
    ),
)
DEMO_DAYS = 120  # long enough for the insights page to test patterns (six usable weeks)
STAFF = (
    ("admin@demo.example", "Dr. Morgan Lee", Membership.Role.ADMIN),
    ("clinician@demo.example", "Priya Shah, PT", Membership.Role.CLINICIAN),
)


@dataclass
class DemoResult:
    clinic: Clinic
    created: bool
    totp_secrets: dict[str, str]


def create_demo(today: date, days: int = DEMO_DAYS, seed: int = 21) -> DemoResult:
    existing = Clinic.objects.filter(name=CLINIC_NAME).first()
    if existing is not None:
        return DemoResult(existing, created=False, totp_secrets={})
    with transaction.atomic():
        clinic = Clinic.objects.create(name=CLINIC_NAME, share_code="DEMO2026")
        secrets = {email: _staff(clinic, email, name, role) for email, name, role in STAFF}
        rng = random.Random(seed)
        for person in PATIENTS:
            _patient(clinic, person, today, days, rng)
        create_cohort(clinic, today, DEMO_PASSWORD, random.Random(seed + 1))
        _message(clinic, "alex@demo.example", ALEX_WRITES)
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
    zone = ZoneInfo(person.time_zone)
    if person.shares:  # since the diary began, as a person referred by their physio would
        first_day = today - timedelta(days=days)
        Share.objects.create(
            patient=patient, clinic=clinic, granted_at=datetime.combine(first_day, time(9), zone)
        )
    checkins, sessions = [], []
    history = demo_history(seed=rng.randint(0, 10**6), days=days, today=today, kind=person.kind)
    trial = _experiment(person.experiment, today)
    dates = [r.date for r in history]
    tagged = _tag_days(person.tags, dates, random.Random(person.email), trial)
    history = _lately(history, person.lately)
    for record in _with_tag_effects(history, person.tags, tagged):
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
    _save_tags(patient, tagged)
    if trial is not None:
        Experiment.from_design(patient, trial)
    start_simulator_plan(patient, fatigue_dominant=person.kind == "fatigue")


def _experiment(plan: DemoExperiment | None, today: date) -> experiments.Design | None:
    if plan is None:
        return None
    start = today - timedelta(days=plan.started_days_ago)
    return experiments.design(plan.factor, start, plan.seed)


def _tag_days(
    tags: tuple[DemoTag, ...],
    days: list[date],
    rng: random.Random,
    trial: experiments.Design | None,
) -> dict[str, set[date]]:
    """Which days each tag was logged (by the day's place in the history, not its weekday,
    so the demo tells the same story whatever day it is made); during a self-experiment its
    tag follows the schedule."""
    out: dict[str, set[date]] = {}
    for tag in tags:
        out[tag.name] = set()
        for day in days:
            chance = tag.chance
            if trial is not None and tag.name == trial.factor:
                phase = experiments.phase_on(trial, day)
                if phase.status == "running":
                    chance = 0.9 if phase.with_factor else 0.05
            if rng.random() < chance:
                out[tag.name].add(day)
    return out


ALEX_WRITES = (
    "My back has been sorer this week, mostly the day after gardening. Should I cut the walks "
    "down, or keep going as the plan says?"
)


def _message(clinic, email: str, text: str) -> None:
    """A message waiting for the clinic (care.conversations), so the caseload shows one."""
    user = User.objects.get(email=email)
    thread = Thread.objects.create(patient=user.patient, clinic=clinic)
    thread.messages.create(from_person=True, author=user, signed=user.name, text=text)


RISE_DAYS = 7  # the last week's pain about a third higher: a rise the triage names
FLARE_DEMO_DAYS = 14  # a flare going on for two weeks: the care team is asked to get in touch


def _lately(history: list[DayRecord], lately: str) -> list[DayRecord]:
    """The story the care team's triage should tell about this person (core.care.triage)."""
    if not history or not lately:
        return history
    last = history[-1].date
    days = RISE_DAYS if lately == "pain rising" else FLARE_DEMO_DAYS
    out = []
    for record in history:
        if (last - record.date).days >= days:
            out.append(record)
        else:
            rising = lately == "pain rising"
            by = 1.7 if rising else 3.0
            pains = _up(record.morning_pain, by), _up(record.avg_pain, by)
            out.append(replace(record, flare=not rising, morning_pain=pains[0], avg_pain=pains[1]))
    return out


def _up(value: float | None, by: float) -> float | None:
    return None if value is None else min(10.0, value + by)


def _with_tag_effects(
    history: list[DayRecord], tags: tuple[DemoTag, ...], tagged: dict[str, set[date]]
):
    """The history with each tag's effect added to the pain of the day (or the day after)."""
    for record in history:
        shift = sum(
            tag.effect for tag in tags if record.date - timedelta(days=tag.lag) in tagged[tag.name]
        )
        if shift and record.avg_pain is not None:
            record = replace(record, avg_pain=record.avg_pain + shift)
        yield record


def _save_tags(patient, tagged: dict[str, set[date]]) -> None:
    """Attach the tags to the day's evening check-in (days without one keep no tag)."""
    through = CheckIn.tags.through
    links = []
    evenings = {
        c.local_date: c.pk for c in CheckIn.objects.filter(patient=patient).exclude(kind="morning")
    }
    for name, days in tagged.items():
        tag = Tag.objects.create(patient=patient, name=name)
        links += [through(checkin_id=evenings[d], tag_id=tag.pk) for d in days if d in evenings]
    through.objects.bulk_create(links)


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
