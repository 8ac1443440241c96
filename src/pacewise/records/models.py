"""A person's export of everything (records.export), made in the background."""

from __future__ import annotations

import uuid

from django.conf import settings
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


class ErasureRequest(models.Model):
    """A person asked for their account to be deleted (records.erasure): it is erased after
    the grace period unless they keep it. Once done, nothing here names them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    erase_after = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]


class RetainedRecord(models.Model):
    """What a clinic must keep of its own clinical record after a person erased their account:
    the clinic's notes and logged care time, and when sharing began and ended — nothing from
    the person's diary. Visible to the clinic's admins (the clinic page)."""

    clinic = models.ForeignKey("accounts.Clinic", on_delete=models.CASCADE, related_name="+")
    person = models.CharField(max_length=300)  # "Name <email>", as the clinic knew them
    kept_at = models.DateTimeField(default=timezone.now)
    content = models.JSONField(default=dict)

    class Meta:
        ordering = ["-kept_at"]
