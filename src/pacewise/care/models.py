"""What the care team records about its caseload."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class TriageSeen(models.Model):
    """A clinician saw one triage reason (core.care.triage) for one person: the reason leaves the
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


class ClinicalNote(models.Model):
    """A clinician's note on a person's record: timestamped, signed by name, role and clinic,
    never edited or deleted. A mistake is corrected by an addendum (a note that points at the
    one it corrects). The person sees a note only when the clinician shares it."""

    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    clinic = models.ForeignKey("accounts.Clinic", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed = models.CharField(max_length=300)  # "Priya Shah, PT, Clinician, Harbour Physio"
    text = models.TextField(max_length=5000)
    shared = models.BooleanField(default=False)  # the person may read it
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="addenda"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]


class TriageKept(models.Model):
    """A person's triage reasons as last read (care.triage), under the key of the data they
    were read from: a visit uses them only while the key still matches (any change to the
    diary or the questionnaires, or a new day, gives another key)."""

    patient = models.OneToOneField(
        "accounts.Patient", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    key = models.CharField(max_length=80)
    reasons = models.JSONField(default=list)  # [{"kind", "text", "episode"}]
    last_entry = models.DateField(null=True, blank=True)


class TimeEntry(models.Model):
    """Time a clinician spent on a person's care (reviewing data, calling, messaging): the
    management time monitoring programs ask clinics to report (core.care.monitoring)."""

    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    clinic = models.ForeignKey("accounts.Clinic", on_delete=models.PROTECT, related_name="+")
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed = models.CharField(max_length=300)
    on = models.DateField()
    minutes = models.PositiveSmallIntegerField()
    live = models.BooleanField(default=False)  # included a live conversation
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-on", "-created_at"]


class Thread(models.Model):
    """The conversation between one person and one clinic they share with (care.conversations).
    Kept with the record: nothing in it is edited or deleted; revoking the share ends the
    clinic's access to it, not the person's."""

    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    clinic = models.ForeignKey("accounts.Clinic", on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)  # the clinic marked it answered
    answered_by = models.CharField(max_length=300, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)  # the person asked for no more
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["patient", "clinic"], name="one_thread_per_clinic")
        ]


class Message(models.Model):
    """One message, text only, from the person or from a clinician of the thread's clinic."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    from_person = models.BooleanField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed = models.CharField(max_length=300)  # the person's name, or "Name, Role, Clinic"
    text = models.TextField(max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)  # by the other side
    # the person wrote about ending their life or self-harm (core.safety.crisis_words): crisis help
    # is shown to them at once, and the caseload asks the clinic to read it today
    concern = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "from_person", "read_at"])]


class PlanKept(models.Model):
    """The plan's daily minutes over the triage window, replayed (insights.data.planned) and
    kept under a key of what they are made from: the plan's inputs and the diary *before* the
    person's today (a day's plan reads only the days before it), with the day. A new entry
    today leaves it standing; an edit to an earlier day or a plan change replaces it."""

    patient = models.OneToOneField(
        "accounts.Patient", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    key = models.CharField(max_length=80)
    planned = models.JSONField(default=dict)  # {"2026-12-01": 12.0, ...}; {} for no plan


class Lead(models.Model):
    """The clinician who leads one person's care for a clinic: the caseload's "My people"."""

    patient = models.ForeignKey("accounts.Patient", on_delete=models.CASCADE, related_name="+")
    clinic = models.ForeignKey("accounts.Clinic", on_delete=models.CASCADE, related_name="+")
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    since = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["patient", "clinic"], name="one_lead_per_clinic")
        ]


class OutlookKept(models.Model):
    """A person's flare outlook (insights.data.flare_outlook) read ahead of the visit by
    ``pacewise warm-caseload`` (it needs a year of diary and a model fit, too slow for the
    page), under the same key as their triage reading: the caseload uses it only while the
    key still matches, so a diary change drops it until the next warm, never shows it stale."""

    patient = models.OneToOneField(
        "accounts.Patient", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    key = models.CharField(max_length=80)
    level = models.CharField(max_length=30, blank=True)
    earned = models.BooleanField(default=False)
    chance = models.FloatField(null=True, blank=True)
    usual = models.FloatField(null=True, blank=True)
    signals = models.JSONField(default=list)
    since = models.DateField(null=True, blank=True)  # the first day at this level
