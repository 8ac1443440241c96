"""A person's export of everything (records.export), made in the background."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone


class ExportJob(models.Model):
    """One "everything out" zip: queued, made by the task worker, downloadable by the person
    for a day (DOWNLOAD_HOURS), then its contents are dropped."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being made"
        DONE = "done", "Ready"
        FAILED = "failed", "Could not be made"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    requested_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    data = models.BinaryField(null=True, blank=True)  # the zip, until it expires
    size = models.PositiveIntegerField(default=0)
    files = models.JSONField(default=list)  # names in the zip, for the page

    class Meta:
        ordering = ["-requested_at"]

    @property
    def downloadable(self) -> bool:
        return (self.status == self.Status.DONE and self.data is not None
                and self.expires_at is not None and self.expires_at > timezone.now())  # fmt: skip
