"""Helpers for the Learn tests: make private entries for a patient."""

from __future__ import annotations

from django.utils import timezone

from pacewise.learn.models import FlareKit, JournalEntry, ThoughtRecord


def thought_for(patient, *, shared=False, **values) -> ThoughtRecord:
    fields = {
        "situation": "Stood in the queue at the shop",
        "thought": "This pain will never end and everyone thinks I'm lazy",
        "feelings": [{"name": "worried", "before": 80, "after": None}],
    } | values
    return ThoughtRecord.objects.create(
        patient=patient, local_date=timezone.localdate(), shared=shared, **fields
    )


def journal_for(
    patient, *, module="self-compassion", shared=False, text="Be gentle, you."
) -> JournalEntry:
    return JournalEntry.objects.create(
        patient=patient, module=module, text=text, shared=shared, local_date=timezone.localdate()
    )


def flare_kit_for(patient, *, shared=False) -> FlareKit:
    return FlareKit.objects.create(
        patient=patient,
        helps="Heat pack and a slow walk",
        avoid="Pushing through",
        contacts="Sam, 555-0101",
        kind_words="This will pass. You have done this before.",
        shared=shared,
    )
