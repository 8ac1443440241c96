"""Diary entries. Several per day are normal; a day's summary is derived, never overwritten.

Every entry carries the patient (so data can be split by patient), a client-chosen UUID (so a
retried submission never creates a duplicate), a version (so two devices' edits are detected),
and a soft-delete time (so a deleted entry can be restored for 30 days). Each change writes a
`Revision` with the values before it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

SCALE = [MinValueValidator(0), MaxValueValidator(10)]


def scale(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, null=True, blank=True, validators=SCALE)


class Tag(models.Model):
    """A person's own trackable ("long drive", "period", "gardening"), made on the fly."""

    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=40)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("patient", Lower("name"), name="one_tag_name_per_patient")
        ]

    def __str__(self) -> str:
        return self.name


class Entry(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    local_date = models.DateField()
    entered_at = models.DateTimeField(default=timezone.now)  # UTC
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
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
    )
    sleep_quality = scale("sleep quality")
    stress = scale("stress")
    mood = scale("mood")
    in_flare = models.BooleanField("in a flare", default=False)
    locations = models.JSONField("pain locations", default=list, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="checkins")

    class Meta(Entry.Meta):
        indexes = [models.Index(fields=["patient", "local_date"])]


class ActivitySession(Entry):
    activity = models.CharField(max_length=60)
    minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(1440)]
    )
    sets = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    reps = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(1000)]
    )
    exertion = scale("perceived exertion")
    pain_before = scale("pain before")
    pain_peak = scale("peak pain during")
    pain_after = scale("pain after")
    planned_item = models.CharField(max_length=80, blank=True)  # the plan's activity key, if any

    class Meta(Entry.Meta):
        indexes = [models.Index(fields=["patient", "local_date"])]


class Revision(models.Model):
    """The state of an entry before one change: nothing the person entered is silently lost."""

    class Action(models.TextChoices):
        CREATE = "create", "Added"
        UPDATE = "update", "Changed"
        DELETE = "delete", "Deleted"
        RESTORE = "restore", "Restored"

    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    entry_type = models.CharField(max_length=10)  # checkin | activity
    entry_id = models.UUIDField(db_index=True)
    version = models.PositiveIntegerField()  # the version this change produced
    action = models.CharField(max_length=8, choices=Action.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_by_label = models.CharField(max_length=254)
    changed_at = models.DateTimeField(default=timezone.now)
    old_values = models.JSONField(default=dict)

    class Meta:
        ordering = ["-changed_at", "-id"]


class ImportJob(models.Model):
    """A diary file being imported by the task queue (pacewise.diary.tasks): the page that
    started it follows it here, so closing the tab or losing the connection loses nothing."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Finished"
        FAILED = "failed", "Stopped"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=10)  # pacewise | other
    mapping = models.JSONField(default=dict, blank=True)  # column -> target, for "other"
    date_format = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)  # lines read so far
    total = models.PositiveIntegerField(null=True, blank=True)
    report = models.JSONField(null=True, blank=True)  # ImportReport as a dict, when done
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
