"""Questionnaire responses, clinician-assigned questionnaires and safety alerts."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class ResponseQuerySet(models.QuerySet):
    def scored(self):
        """Responses with a score (not the ones kept only for a safety answer)."""
        return self.filter(total__isnull=False)


class Response(models.Model):
    """One completed questionnaire, with the score computed by the core when it was saved;
    or a form that could not be scored, kept because it held a safety answer."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    instrument_id = models.CharField(max_length=40)
    instrument_version = models.CharField(max_length=40)
    occasion = models.CharField(max_length=12)  # baseline | week4 | week12 | week26 | extra | short
    answers = models.JSONField()
    # None when the form could not be scored (too many blanks) but was kept for its safety
    # answer: such a response does not count as done for the schedule.
    total = models.FloatField(null=True, blank=True)
    band = models.CharField(max_length=80, blank=True)
    interpretation = models.TextField(blank=True)
    prorated = models.BooleanField(default=False)
    safety_flag = models.BooleanField(default=False)
    not_scored_reason = models.TextField(blank=True)
    completed_at = models.DateTimeField(default=timezone.now)
    local_date = models.DateField()

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-completed_at"]
        indexes = [models.Index(fields=["patient", "instrument_id", "completed_at"])]

    @property
    def scored(self) -> bool:
        return self.total is not None


class Assignment(models.Model):
    """An extra questionnaire a clinician asked for."""

    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    instrument_id = models.CharField(max_length=40)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    clinic = models.ForeignKey("accounts.Clinic", null=True, on_delete=models.SET_NULL)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    response = models.OneToOneField(Response, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-created_at"]


class SafetyAlert(models.Model):
    """A self-harm answer: shown to the person at once, sent to the care team, kept."""

    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="alerts")
    item_id = models.CharField(max_length=40)
    value = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    seen_by_patient_at = models.DateTimeField(null=True, blank=True)
    emailed_to = models.JSONField(default=list)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    followed_up_at = models.DateTimeField(null=True, blank=True)
    follow_up_note = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["-created_at"]


class Reminder(models.Model):
    """A gentle email that questionnaires are open; at most one per occasion."""

    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    occasion = models.CharField(max_length=12)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "occasion"], name="one_reminder_per_occasion"
            )
        ]
