"""pacewise warm-caseload: read every sharing person's caseload reasons ahead of the day."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from pacewise.accounts.models import Patient, active_share
from pacewise.care.triage import current

BATCH = 200


class Command(BaseCommand):
    help = (
        "Read every sharing person's caseload reasons (with their plan replays and flare "
        "outlooks) and keep them, "
        "so the first caseload visit of the day is quick. Run it from cron shortly after "
        "midnight (and, for clinics across time zones, every hour): it only reads what changed."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        ids = list(
            Patient.objects.filter(active_share("shares__")).distinct().values_list("pk", flat=True)
        )
        for first in range(0, len(ids), BATCH):
            batch = Patient.objects.filter(pk__in=ids[first : first + BATCH]).select_related("user")
            current(list(batch), outlooks=True)
        took = time.perf_counter() - started
        self.stdout.write(f"Caseload reasons ready for {len(ids)} people in {took:.1f} s.")
