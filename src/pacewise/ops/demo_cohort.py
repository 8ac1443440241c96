"""The demo clinic's wider group: people who began Pacewise between one and nine months ago,
so the clinic's program outcomes (care.program_outcomes) have something to show.

Made up and deliberately plain: pain that eases for most and not for some, movement that
grows, flares now and then, questionnaires answered at most occasions, and the diary habits
people keep (every day, mornings only, a few days a week; some stopped logging). No answer
to the PHQ-9's self-harm question is anything but "Not at all": the demo raises no safety
alert it did not mean to. Nobody's last weeks rise or flare, so the caseload's story stays
Alex's and Sam's.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pacewise.accounts.models import Patient, Share, User
from pacewise.core import instruments as core
from pacewise.diary.models import ActivitySession, CheckIn
from pacewise.outcomes import registry
from pacewise.outcomes.models import Response

NAMES = (
    "Aisha", "Ben", "Carmen", "Dev", "Elena", "Femi", "Grace", "Hiro", "Ines", "Jonas",
    "Kofi", "Lena", "Marco", "Nadia", "Omar", "Paula", "Quinn", "Rosa", "Sipho", "Tara",
    "Uma", "Victor", "Wen", "Yusuf",
)  # fmt: skip
HABITS = {"daily": 0.9, "mornings": 0.8, "few days a week": 0.45}
OCCASION_DAYS = (("baseline", 0), ("week4", 28), ("week12", 84), ("week26", 182))
ZONE = "Europe/London"


def create_cohort(clinic, today: date, password: str, rng: random.Random) -> int:
    for i, name in enumerate(NAMES):
        _person(clinic, today, password, i, name, rng)
    return len(NAMES)


def _person(clinic, today, password, i, name, rng) -> None:
    days_in = 40 + (i * 230) // (len(NAMES) - 1)  # from 40 to 270 days ago, evenly
    start = today - timedelta(days=days_in)
    zone = ZoneInfo(ZONE)
    began = datetime.combine(start, time(9), zone)
    user = User.objects.create_user(f"{name.lower()}@demo.example", password, display_name=name,
                                    time_zone=ZONE, is_demo=True)  # fmt: skip
    patient = Patient.objects.create(user=user, created_at=began)
    Share.objects.create(patient=patient, clinic=clinic, granted_at=began)
    eases = rng.uniform(-0.5, 3.0)  # pain points less after three months (some get worse)
    grows = rng.uniform(1.0, 2.2)  # movement after six months, times the start
    pain0, minutes0 = rng.uniform(5.0, 7.0), rng.uniform(8.0, 20.0)
    habit = rng.choice(list(HABITS))
    stops = start + timedelta(days=rng.randint(30, 60)) if i % 8 == 7 else today

    def pain(d: int) -> float:
        return pain0 - eases * min(d, 90) / 90

    _diary(patient, start, min(stops, today - timedelta(days=1)), habit, pain, zone, rng,
           lambda d: minutes0 * (1 + (grows - 1) * min(d, 180) / 180))  # fmt: skip
    for occasion, offset in OCCASION_DAYS:
        on = start + timedelta(days=offset + rng.randint(0, 6))
        if on < today and on <= stops + timedelta(days=14) and rng.random() < 0.85:
            _answer(patient, occasion, on, pain(offset), rng)


def _diary(patient, start, end, habit, pain, zone, rng, minutes) -> None:
    checkins, sessions = [], []
    day = start
    while day <= end:
        d = (day - start).days
        if rng.random() < HABITS[habit]:
            flare = rng.random() < 0.05 and (end - day).days > 14
            level = min(10, max(0, round(pain(d) + rng.gauss(0, 0.8) + (2.5 if flare else 0))))
            at = datetime.combine(day, time(8 if habit == "mornings" else 20), zone)
            if habit == "mornings":
                checkins.append(CheckIn(patient=patient, local_date=day, entered_at=at,
                                        kind="morning", morning_pain=level))  # fmt: skip
            else:
                checkins.append(CheckIn(patient=patient, local_date=day, entered_at=at,
                                        pain_avg=level, in_flare=flare))  # fmt: skip
                amount = max(1, round(minutes(d) * rng.uniform(0.7, 1.2) * (0.4 if flare else 1)))
                sessions.append(ActivitySession(
                    patient=patient, local_date=day, entered_at=at - timedelta(hours=3),
                    activity="walk", minutes=amount, planned_item="walk",
                ))  # fmt: skip
        day += timedelta(days=1)
    CheckIn.objects.bulk_create(checkins)
    ActivitySession.objects.bulk_create(sessions)


def _answer(patient, occasion: str, on: date, pain: float, rng) -> None:
    """The PEG from the pain of the time; the PHQ-9 and GAD-7 easing a little with it."""
    level = lambda: min(10, max(0, round(pain + rng.gauss(0, 0.7))))  # noqa: E731
    mood = min(3, max(0, round((pain - 3) / 2)))
    items = {
        "peg": {f"peg_{k}": level() for k in (1, 2, 3)},
        "phq9": {f"phq9_{k}": (0 if k == 9 else min(3, max(0, mood + rng.choice((-1, 0, 0)))))
                 for k in range(1, 10)},
        "gad7": {f"gad7_{k}": min(3, max(0, mood + rng.choice((-1, -1, 0))))
                 for k in range(1, 8)},
    }  # fmt: skip
    for inst_id, answers in items.items():
        instrument = registry.get(inst_id)
        score = core.score(instrument, answers)
        Response.objects.create(
            patient=patient, instrument_id=inst_id, instrument_version=instrument.version,
            occasion=occasion, answers=answers, total=score.total,
            band=score.band_label or "", interpretation=score.interpretation,
            completed_at=datetime.combine(on, time(19), ZoneInfo(ZONE)), local_date=on,
        )  # fmt: skip
