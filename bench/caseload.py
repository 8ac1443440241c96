"""How the care team's caseload (triage) page scales with the number of people sharing.

    .venv/bin/python bench/caseload.py [--sizes 50 200 500] [--days 182]

In a temporary SQLite data directory, makes a clinic whose caseload grows to each size, every
person with ``--days`` of diary (a morning and an evening check-in and a walk a day; a tenth
with a recent pain rise, a tenth in a flare, a tenth silent for the last 10 days; everyone
paces walking, so the far-from-plan reason replays each walker's plan), then
requests the caseload page as a clinician through Django's test client (everything but the
network): the first visit after every diary changed (each person's reasons read again) and
a visit after everyone logged a new entry today (reasons read again; plan replays kept, as
today's entries do not change past plans), and later visits (reasons kept under keys any diary
change replaces), in milliseconds with the
number of SQL queries, how many people the triage listed, and how long
``pacewise warm-caseload`` takes to read everyone again ahead of a day (with each person's
flare outlook: a year of diary and a model fit). The goal: under 300 ms, and a query count
that does not grow with the caseload. Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from insights_page import _counting, best_ms  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200, 500])
    parser.add_argument("--days", type=int, default=182)
    args = parser.parse_args()
    os.environ["PACEWISE_DATA_DIR"] = tempfile.mkdtemp(prefix="pacewise-bench-")
    os.environ["PACEWISE_DEBUG"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pacewise.config.settings")
    import django

    django.setup()
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from pacewise.accounts.models import Clinic, Membership, User
    from pacewise.care.models import PlanKept, TriageKept

    call_command("migrate", "--verbosity", "0")
    clinic = Clinic.objects.create(name="Bench Physio")
    clinician = User.objects.create_user("pt@bench.example", "x", display_name="PT")
    Membership.objects.create(clinic=clinic, user=clinician, role=Membership.Role.CLINICIAN)
    TOTP.activate(clinician, generate_totp_secret())  # clinicians need two-factor
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(clinician)
    made = 0
    client.get(reverse("caseload"))  # warm up: templates, URL patterns, the first connection
    print(
        "| people | days each | first visit ms | queries | after everyone logged ms | queries "
        "| kept ms (best of 3) | queries | listed | warm-caseload s |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    for size in sorted(args.sizes):
        while made < size:
            _person(made, clinic, args.days)
            made += 1
        TriageKept.objects.all().delete()  # a new day: every reading and plan replay again
        PlanKept.objects.all().delete()
        first_ms, cold, response = _visit(client, connection)
        listed = response.content.decode().count('class="card triage-row"')
        _log_today(size)  # everyone's diary changes today: reasons read again, plans kept
        logged_ms, after, _ = _visit(client, connection)
        warm: list[str] = []
        with connection.execute_wrapper(_counting(warm)):
            client.get(reverse("caseload"))
        ms = best_ms(lambda: client.get(reverse("caseload")), rounds=3)
        TriageKept.objects.all().delete()  # a new day again: the warm reads everything,
        PlanKept.objects.all().delete()  # with every flare outlook (a year of diary each)
        start = time.perf_counter()
        call_command("warm_caseload", stdout=io.StringIO())
        warm_s = time.perf_counter() - start
        print(
            f"| {size} | {args.days} | {first_ms:.0f} | {len(cold)} | {logged_ms:.0f} "
            f"| {len(after)} | {ms:.0f} | {len(warm)} | {listed} | {warm_s:.1f} |",
            flush=True,
        )


def _visit(client, connection):
    from django.urls import reverse

    queries: list[str] = []
    with connection.execute_wrapper(_counting(queries)):
        start = time.perf_counter()
        response = client.get(reverse("caseload"))
        took = (time.perf_counter() - start) * 1000
    assert response.status_code == 200
    return took, queries, response


def _log_today(size: int) -> None:
    from django.utils import timezone

    from pacewise.accounts.models import Patient
    from pacewise.diary.models import CheckIn

    today = timezone.localdate()
    CheckIn.objects.bulk_create(
        CheckIn(patient=p, local_date=today, kind="morning", morning_pain=4)
        for p in Patient.objects.all()[:size]
    )


def _person(index: int, clinic, days: int) -> None:
    from django.utils import timezone

    from pacewise.accounts.models import Patient, Share, User
    from pacewise.diary.models import ActivitySession, CheckIn
    from pacewise.today.actions import start_simulator_plan

    rng = random.Random(index)
    user = User.objects.create_user(f"p{index}@bench.example", "x", display_name=f"Person {index}")
    patient = Patient.objects.create(user=user)
    Share.objects.create(patient=patient, clinic=clinic)
    today = timezone.localdate()
    story = index % 10  # 0: pain rising, 1: in a flare, 2: silent lately
    checkins, sessions = [], []
    for back in range(days, -1, -1):
        if story == 2 and back < 10:
            continue
        day = today - timedelta(days=back)
        pain = 3 + rng.randint(0, 2) + (3 if story == 0 and back < 7 else 0)
        flare = story == 1 and back < 5
        checkins.append(CheckIn(patient=patient, local_date=day, kind="morning",
                                morning_pain=pain, sleep_hours=7))  # fmt: skip
        checkins.append(CheckIn(patient=patient, local_date=day, pain_avg=pain, in_flare=flare,
                                fatigue=4))  # fmt: skip
        sessions.append(ActivitySession(patient=patient, local_date=day, activity="walking",
                                        planned_item="walk",  # logged from Today's plan
                                        minutes=10 + rng.randint(0, 10)))  # fmt: skip
    CheckIn.objects.bulk_create(checkins)
    ActivitySession.objects.bulk_create(sessions)
    start_simulator_plan(patient)  # everyone paces walking: the far-from-plan reason is read


if __name__ == "__main__":
    main()
