"""Diary entries. Several per day are normal; a day's summary is derived, never overwritten."""

from __future__ import annotations

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

SCALE = [MinValueValidator(0), MaxValueValidator(10)]


def scale(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, null=True, blank=True, validators=SCALE)


class Entry(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)  # clients may send their own
    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    local_date = models.DateField()
    entered_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True, max_length=2000)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-local_date", "-entered_at"]


class CheckIn(Entry):
    class Kind(models.TextChoices):
        FULL = "full", "Check-in"
        MORNING = "morning", "Morning check-in"
        FLARE = "flare", "Flare-day check-in"

    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.FULL)
    pain_now = scale("pain now")
    pain_avg = scale("average pain today")
    morning_pain = scale("pain on waking")
    fatigue = scale("fatigue")
    sleep_hours = models.DecimalField(
        "hours slept",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
    )
    sleep_quality = scale("sleep quality")
    stress = scale("stress")
    mood = scale("mood")
    in_flare = models.BooleanField("in a flare", default=False)

    class Meta(Entry.Meta):
        indexes = [models.Index(fields=["patient", "local_date"])]


class ActivitySession(Entry):
    activity = models.CharField(max_length=60)
    minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(1440)]
    )
    sets = models.PositiveSmallIntegerField(null=True, blank=True)
    reps = models.PositiveSmallIntegerField(null=True, blank=True)
    exertion = scale("perceived exertion")
    pain_before = scale("pain before")
    pain_peak = scale("peak pain during")
    pain_after = scale("pain after")

    class Meta(Entry.Meta):
        indexes = [models.Index(fields=["patient", "local_date"])]
