"""A diary with a planted pattern, for the insights tests and the browser test."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
from django.utils import timezone

from pacewise.diary.models import ActivitySession, CheckIn, Tag


def fill_diary(patient, days=150, seed=1):
    """`days` of check-ins ending today: 'late coffee' adds 2.5 points of pain the same day."""
    rng = np.random.default_rng(seed)
    today = timezone.localdate()
    coffee = Tag.objects.create(patient=patient, name="late coffee")
    gardening = Tag.objects.create(patient=patient, name="gardening")
    for i in range(days):
        day = today - timedelta(days=days - 1 - i)
        has_coffee, has_garden = rng.random() < 0.35, rng.random() < 0.3
        pain = 4 + 2.5 * has_coffee + rng.normal(0, 0.8)
        row = CheckIn.objects.create(
            patient=patient, local_date=day, pain_avg=int(np.clip(round(pain), 0, 10)),
            fatigue=int(rng.integers(3, 7)), sleep_hours=round(float(rng.normal(7, 0.8)), 1),
            stress=int(rng.integers(2, 7)), in_flare=bool(i in (60, 61, 62)),
        )  # fmt: skip
        row.tags.set([t for t, on in ((coffee, has_coffee), (gardening, has_garden)) if on])
        ActivitySession.objects.create(
            patient=patient, local_date=day, activity="walking",
            minutes=int(60 if i % 17 == 5 else rng.integers(15, 25)),
        )  # fmt: skip
