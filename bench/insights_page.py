"""How long the insights page and the insights API take with a long diary behind them.

    .venv/bin/python bench/insights_page.py [--days 730]

Makes the demo (three simulated people with tags, flares and a plan) in a temporary SQLite
data directory with `--days` of diary, then requests each person's insights page and the
findings and outlook endpoints through Django's test client (everything but the network) and
prints the milliseconds, best of several rounds, with the number of SQL queries. Timings are
printed, never asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

QUIET = ["--verbosity", "0"]


def best_ms(fn, rounds: int = 5) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def _counting(queries: list[str]):
    def wrapper(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=730)
    args = parser.parse_args()
    os.environ["PACEWISE_DATA_DIR"] = tempfile.mkdtemp(prefix="pacewise-bench-")
    os.environ["PACEWISE_DEBUG"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pacewise.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from pacewise.accounts.models import Patient
    from pacewise.ops.demo import create_demo

    call_command("migrate", *QUIET)
    create_demo(timezone.localdate(), days=args.days)
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"demo with {args.days} days of diary per person (SQLite)")
    for patient in Patient.objects.select_related("user").order_by("user__email"):
        client.force_login(patient.user)
        urls = {
            "page": reverse("insights-page", args=[patient.pk]),
            "api findings": f"/api/patients/{patient.pk}/insights/findings",
            "api outlook": f"/api/patients/{patient.pk}/insights/outlook",
        }
        for name, url in urls.items():
            queries: list[str] = []
            with connection.execute_wrapper(_counting(queries)):
                status = client.get(url).status_code
            assert status == 200, (url, status)
            ms = best_ms(lambda url=url: client.get(url))
            print(f"{patient.user.email:22s} {name:13s} {ms:7.0f} ms  {len(queries)} queries")


if __name__ == "__main__":
    main()
