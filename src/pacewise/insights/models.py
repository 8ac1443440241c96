"""Self-experiments: the stored, seeded schedule of a person's n-of-1 experiment."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone

from pacewise.core.insights import experiments as core


class Experiment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    factor = models.CharField(max_length=60)  # a tag name or a finding's factor
    start = models.DateField()
    block_days = models.PositiveSmallIntegerField(default=core.BLOCK_DAYS)
    seed = models.PositiveIntegerField()
    with_first = models.JSONField(default=list)  # per pair: is "with" first (the drawn order)
    created_at = models.DateTimeField(default=timezone.now)
    stopped_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start", "-created_at"]
        indexes = [models.Index(fields=["patient", "start"])]

    @classmethod
    def from_design(cls, patient, design: core.Design) -> Experiment:
        """Store a seeded schedule from the core (its factor cut to the field's 60 characters)."""
        return cls.objects.create(
            patient=patient,
            factor=design.factor[:60],
            start=design.start,
            block_days=design.block_days,
            seed=design.seed,
            with_first=list(design.with_first),
        )

    @property
    def last_day(self):
        """The day it was stopped, or the last day of its schedule."""
        return self.stopped_on or self.to_core().end

    def to_core(self) -> core.Design:
        return core.Design(
            self.factor, self.start, self.block_days, tuple(self.with_first), self.seed
        )


class PoolingConsent(models.Model):
    """A person's opt-in to pooling, and what they contribute while opted in.

    Off by default. Only people who opted in *and* currently share with a clinic both
    contribute and receive pooling. `estimates` holds their own tested effects (factor, lag,
    effect, standard error) — never diary rows — and is emptied when they opt out.
    """

    patient = models.OneToOneField(
        "accounts.Patient", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    opted_in = models.BooleanField(default=False)
    estimates = models.JSONField(default=list, blank=True)  # [[factor, lag, effect, se], ...]
    updated_at = models.DateTimeField(default=timezone.now)
