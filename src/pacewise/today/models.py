"""Plan state: only the decisions people made. Everything else is replayed by the core.

Stored: the activities a person chose to pace (when there is no exercise program), clinician
overrides (every change is a new row, with who and when), the person's answer to each weekly
review, and "easier today" choices. Targets, quotas and phases are never stored: they are
derived from the diary by ``pacewise.core.pacing.day_plan`` each time.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

SCALE = [MinValueValidator(0), MaxValueValidator(10)]


class PlanSetup(models.Model):
    """The "choose what to pace" answers of someone without an exercise program."""

    patient = models.OneToOneField(
        "accounts.Patient", on_delete=models.CASCADE, related_name="pacing_setup"
    )
    fatigue_dominant = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)


class PacedActivity(models.Model):
    class Unit(models.TextChoices):
        MINUTES = "minutes", "minutes"
        REPS = "reps", "repetitions"

    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=60)
    label = models.CharField(max_length=80)
    unit = models.CharField(max_length=8, choices=Unit.choices, default=Unit.MINUTES)
    min_bout = models.FloatField(default=2.0)
    starting_amount = models.FloatField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["patient", "key"], name="one_paced_activity_per_key")
        ]


class OverrideSet(models.Model):
    """A clinician's settings; the newest row is in force. Clearing adds an empty row."""

    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    progression_rate = models.FloatField(null=True, blank=True)  # a fraction: 0.05 = 5%
    quotas = models.JSONField(default=dict, blank=True)  # activity key -> daily amount
    caps = models.JSONField(default=dict, blank=True)  # activity key -> most a day
    note = models.TextField(blank=True, max_length=1000)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_by_label = models.CharField(max_length=200)
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-set_at", "-id"]
        indexes = [models.Index(fields=["patient", "set_at"])]

    @property
    def is_empty(self) -> bool:
        return self.progression_rate is None and not self.quotas and not self.caps and not self.note


class ReviewDecision(models.Model):
    """The person's answer to the review of the week starting ``week_start``."""

    class Kind(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        SMALLER = "smaller", "A smaller step"
        SAME = "same", "Kept the same"

    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    week_start = models.DateField()
    kind = models.CharField(max_length=8, choices=Kind.choices)
    step = models.FloatField(default=1.0)
    confidence = models.PositiveSmallIntegerField(null=True, blank=True, validators=SCALE)
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-week_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "week_start"], name="one_decision_per_review"
            )
        ]


class EasierChoice(models.Model):
    """ "Easier today" was chosen for this local day (deleted when undone)."""

    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    local_date = models.DateField()
    chosen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["patient", "local_date"], name="one_easier_per_day")
        ]


class CalendarFeed(models.Model):
    """A private iCalendar address for the coming week's plan. Only a hash of its secret is
    kept: the address is shown once, when it is made; revoking it (or making a new one) makes
    the old address answer 404."""

    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    detail = models.BooleanField(default=False)  # amounts in the titles, or just "Movement plan"
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)


class ReminderWishes(models.Model):
    """Which reminders the person asked for, at what time of their day, and quiet hours
    (core.reminders.wishes_or_defaults reads ``wishes``; nothing stored: every reminder off)."""

    patient = models.OneToOneField(
        "accounts.Patient", on_delete=models.CASCADE, related_name="reminder_wishes"
    )
    wishes = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)


class ReminderSent(models.Model):
    """One reminder sent, on the person's local day (at most one of a kind a day)."""

    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    local_date = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "kind", "local_date"], name="one_reminder_a_kind_a_day"
            )
        ]


class ReminderSkip(models.Model):
    """ "Not today": no more reminders on that local day, and it counts as an answer."""

    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    local_date = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["patient", "local_date"], name="one_skip_a_day")
        ]


class PushSubscription(models.Model):
    """A phone or browser that asked for reminders as notifications (the Push API's
    subscription: where to send, and the keys to encrypt for it)."""

    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)
