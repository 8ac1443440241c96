"""Learn and mind-body records: course progress, the flare kit, thought records, goals, practice.

Every row carries the patient, so data can be split by patient. Free text a person writes about
themselves is encrypted at rest (``EncryptedTextField``) and private to them unless they share
that one entry with their care team (``shared``); see ``privacy.py``.
"""

from __future__ import annotations

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from pacewise.accounts.fieldcrypt import EncryptedJSONField, EncryptedTextField
from pacewise.core.learn.goals import GoalDraft
from pacewise.core.learn.positive import MODULES

RULER = [MinValueValidator(0), MaxValueValidator(10)]


def private_text(label: str) -> EncryptedTextField:
    return EncryptedTextField(label, blank=True, default="")


class Course(models.Model):
    """When a person's course began: the day they first opened Learn."""

    patient = models.OneToOneField(
        "accounts.Patient", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    started_on = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)


class LessonRead(models.Model):
    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    lesson_id = models.SlugField(max_length=80)
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["patient", "lesson_id"], name="one_read_per_lesson")
        ]


class LessonAnswer(models.Model):
    """A person's latest answer to one understanding check (1-based question and option)."""

    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    lesson_id = models.SlugField(max_length=80)
    question = models.PositiveSmallIntegerField()
    option = models.PositiveSmallIntegerField()
    correct = models.BooleanField()
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["lesson_id", "question"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "lesson_id", "question"], name="one_answer_per_question"
            )
        ]


class PrivateEntry(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    shared = models.BooleanField("share with my care team", default=False)
    local_date = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["-local_date", "-created_at"]


class FlareKit(models.Model):
    """Written on a calmer day, for a flare: what helps, what to avoid, who to call, kind words."""

    patient = models.OneToOneField(
        "accounts.Patient", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    helps = private_text("What helps me in a flare")
    avoid = private_text("What I try to avoid")
    contacts = private_text("Who I can contact")
    kind_words = private_text("Kind words to my future self")
    shared = models.BooleanField("share with my care team", default=False)
    updated_at = models.DateTimeField(default=timezone.now)

    @property
    def is_empty(self) -> bool:
        return not any((self.helps, self.avoid, self.contacts, self.kind_words))


class ThoughtRecord(PrivateEntry):
    """A CBT thought record. ``feelings``: [{"name", "before", "after"}], intensities 0-100."""

    situation = private_text("situation")
    thought = private_text("automatic thought")
    feelings = EncryptedJSONField("feelings", default=list, blank=True)
    evidence_for = private_text("evidence for")
    evidence_against = private_text("evidence against")
    balanced_thought = private_text("balanced thought")
    finished = models.BooleanField(default=False)


class JournalEntry(PrivateEntry):
    """One positive-psychology practice entry (see ``pacewise.core.learn.positive``)."""

    module = models.CharField(max_length=20, choices=[(m.key, m.title) for m in MODULES])
    text = private_text("entry")

    class Meta(PrivateEntry.Meta):
        indexes = [models.Index(fields=["patient", "module"])]


class Goal(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Being set"
        ACTIVE = "active", "Working on it"
        DONE = "done", "Done"
        PAUSED = "paused", "Set aside for now"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    value = private_text("what matters to me")
    what = private_text("what")
    amount = models.PositiveSmallIntegerField()
    unit = models.CharField(max_length=12)
    times_per_week = models.PositiveSmallIntegerField()
    by_date = models.DateField()
    activity = models.CharField(max_length=60, blank=True)
    importance = models.PositiveSmallIntegerField(validators=RULER)
    confidence = models.PositiveSmallIntegerField(validators=RULER)
    importance_why = private_text("why that importance")
    confidence_why = private_text("why that confidence")
    confidence_lift = private_text("what would move confidence up")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    started_on = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def draft(self) -> GoalDraft:
        return GoalDraft(
            what=self.what,
            amount=self.amount,
            unit=self.unit,
            times_per_week=self.times_per_week,
            by_date=self.by_date,
            activity=self.activity,
        )


class GoalReflection(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="reflections")
    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    local_date = models.DateField()
    went_well = private_text("what went well")
    was_hard = private_text("what was hard")
    next_step = private_text("next step")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-local_date", "-created_at"]


class LessonAssignment(models.Model):
    """A lesson the care team suggested (learn.course.assign): it opens at once and is the
    first suggestion on the person's Learn page, with who suggested it and why, until read."""

    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    lesson_id = models.SlugField(max_length=80)
    clinic = models.ForeignKey("accounts.Clinic", null=True, on_delete=models.SET_NULL,
                               related_name="+")  # fmt: skip
    signed = models.CharField(max_length=300)  # "Name, Role, Clinic"
    note = models.CharField(max_length=300, blank=True)
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-assigned_at"]
