"""The exercise program's records: onboarding answers, red-flag screens and alerts, the
program with its items and changes, and guided sessions.

Every table carries the patient, so data can be split by patient. Rules live in
``onboarding``, ``screening``, ``programs`` and ``sessions``; these are plain records.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from pacewise.accounts.fieldcrypt import EncryptedTextField


def _user():
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )


class Onboarding(models.Model):
    """What the person told us about themselves; each step saves as it is answered."""

    patient = models.OneToOneField(
        "accounts.Patient", on_delete=models.CASCADE, related_name="onboarding"
    )
    steps_done = models.JSONField(default=list)
    conditions = models.JSONField(default=list)
    fatigue_dominant = models.BooleanField(default=False)
    locations = models.JSONField(default=list)
    limitations = models.JSONField(default=list)
    equipment = models.JSONField(default=list)
    likes = models.JSONField(default=list)
    dislikes = models.JSONField(default=list)
    current_activity = models.JSONField(default=list)  # [{"activity", "minutes"}]
    goals = EncryptedTextField("what you want to get back to", blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)


class Screening(models.Model):
    """One set of red-flag answers, at onboarding or when new symptoms were reported."""

    class Occasion(models.TextChoices):
        ONBOARDING = "onboarding", "Starting the program"
        NEW_SYMPTOMS = "new_symptoms", "New symptoms reported"

    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    occasion = models.CharField(max_length=16, choices=Occasion.choices)
    answers = models.JSONField()
    positive = models.JSONField(default=list)
    level = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]


class RedFlagAlert(models.Model):
    """A "yes" on a red-flag question: the self-guided program stops until cleared."""

    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="alerts")
    level = models.CharField(max_length=20)
    question_ids = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    emailed_to = models.JSONField(default=list)
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_by = _user()
    cleared_by_label = models.CharField(max_length=254, blank=True)
    cleared_by_clinician = models.BooleanField(default=False)
    seen_on = models.DateField("the day a clinician checked", null=True, blank=True)
    assessed_by = models.CharField("who checked them", max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["patient", "cleared_at"])]

    LEVEL_LABELS = {
        "emergency": "emergency care",
        "stop_exercising": "stop exercising",
        "urgent": "see a doctor soon",
    }

    @property
    def level_label(self) -> str:
        return self.LEVEL_LABELS.get(self.level, self.level)


class Program(models.Model):
    """The person's weekly program, as first built; its items change over time."""

    patient = models.OneToOneField(
        "accounts.Patient", on_delete=models.CASCADE, related_name="program"
    )
    profile = models.JSONField(default=dict)  # the ProgramProfile it was built from
    notes = models.JSONField(default=list)
    gaps = models.JSONField(default=list)
    built_at = models.DateTimeField(default=timezone.now)


class ProgramItem(models.Model):
    """One exercise in the program with its dose; ``previous`` keeps what a swap replaced."""

    class AddedBy(models.TextChoices):
        BUILDER = "builder", "Pacewise"
        PATIENT = "patient", "You"
        CLINICIAN = "clinician", "Your clinician"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="items")
    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    exercise_id = models.CharField(max_length=80)
    category = models.CharField(max_length=20)
    sessions_per_week = models.PositiveSmallIntegerField()
    sets = models.PositiveSmallIntegerField(null=True, blank=True)
    reps = models.PositiveSmallIntegerField(null=True, blank=True)
    minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    bouts = models.PositiveSmallIntegerField(default=1)
    each_side = models.BooleanField(default=False)
    optional = models.BooleanField(default=False)
    for_conditions = models.JSONField(default=list)
    reason = models.TextField(blank=True)
    added_by = models.CharField(max_length=10, choices=AddedBy.choices, default=AddedBy.BUILDER)
    changed_by_label = models.CharField(max_length=254, blank=True)
    swapped_from = models.CharField(max_length=80, blank=True)
    previous = models.JSONField(null=True, blank=True)  # the prescription before the swap
    order = models.PositiveSmallIntegerField(default=0)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        indexes = [models.Index(fields=["patient", "removed_at"])]


class ProgramChange(models.Model):
    """What changed in the program, who changed it and when: shown to the person."""

    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(ProgramItem, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(
        max_length=12
    )  # built | added | removed | swapped | dose | easier | undo
    text = models.CharField(max_length=300)
    actor = _user()
    actor_label = models.CharField(max_length=254)
    by_clinician = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]


class GuidedSession(models.Model):
    """One pass through the session player; logged to the diary when finished."""

    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    local_date = models.DateField()
    item_ids = models.JSONField(default=list)  # ProgramItem ids, in order
    position = models.PositiveSmallIntegerField(default=0)
    done = models.JSONField(default=list)  # item ids completed
    skipped = models.JSONField(default=list)
    swaps = models.JSONField(default=list)  # [{"item", "from", "to"}]
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    pain_peak = models.PositiveSmallIntegerField(null=True, blank=True)
    effort = models.PositiveSmallIntegerField(null=True, blank=True)
    feeling = models.CharField(max_length=20, blank=True)
    diary_entries = models.JSONField(default=list)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["patient", "local_date"])]


class ProgramTemplate(models.Model):
    """A program a clinic saved under a name ("Knee OA start") to start others from
    (plans.templates): exercises and doses only, nothing about the person it came from."""

    clinic = models.ForeignKey("accounts.Clinic", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=80)
    items = models.JSONField(default=list)  # [{exercise_id, sessions_per_week, sets, reps, ...}]
    created_by = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["clinic", "name"], name="one_template_name_per_clinic")
        ]
