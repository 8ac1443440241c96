"""What the care team records about its caseload."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class TriageSeen(models.Model):
    """A clinician saw one triage reason (core.triage) for one person: the reason leaves the
    clinic's list until the data give a new episode of it (a later ``episode`` day)."""

    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    clinic = models.ForeignKey("accounts.Clinic", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    episode = models.DateField()
    note = models.TextField(blank=True, max_length=2000)
    seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["clinic", "patient", "kind"])]
