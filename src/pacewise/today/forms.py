"""Today's forms. They only validate and turn input into values for ``actions``."""

from __future__ import annotations

import uuid

from django import forms

from pacewise.core.reminders import LABELS
from pacewise.diary.catalog import ACTIVITIES
from pacewise.diary.forms import scale_field

from .actions import MAX_ACTIVITIES, MAX_AMOUNT, Choice, OverrideValues

ACTIVITY_CHOICES = [("", "—")] + [(k, label) for k, (label, _unit) in ACTIVITIES.items()]


class SetupForm(forms.Form):
    """Choose 1-3 activities to pace, each with a usual day's amount."""

    fatigue_dominant = forms.BooleanField(
        label="Tiredness is a big part of my condition (for example fibromyalgia, lupus or ME/CFS)",
        help_text="Your plan then starts lower and grows more slowly.",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(MAX_ACTIVITIES):
            self.fields[f"activity_{i}"] = forms.ChoiceField(
                label=f"Activity {i + 1}" + ("" if i == 0 else " (optional)"),
                choices=ACTIVITY_CHOICES,
                required=i == 0,
            )
            self.fields[f"amount_{i}"] = forms.IntegerField(
                label=f"About how much on a usual day? (activity {i + 1}, optional)",
                help_text="Minutes, or repetitions for strength exercises.",
                min_value=1,
                max_value=int(MAX_AMOUNT),
                required=False,
            )

    def clean(self):
        data = super().clean()
        keys = [data.get(f"activity_{i}") for i in range(MAX_ACTIVITIES)]
        chosen = [k for k in keys if k]
        if len(set(chosen)) != len(chosen):
            raise forms.ValidationError("Choose each activity only once.")
        return data

    def choices(self) -> list[Choice]:
        out = []
        for i in range(MAX_ACTIVITIES):
            key = self.cleaned_data.get(f"activity_{i}")
            if key:
                amount = self.cleaned_data.get(f"amount_{i}")
                out.append(Choice(key, None if amount is None else float(amount)))
        return out

    def rows(self):
        return [(self[f"activity_{i}"], self[f"amount_{i}"]) for i in range(MAX_ACTIVITIES)]


class OneTapForm(forms.Form):
    """A one-tap action: a client-chosen id makes a double tap or a retry harmless."""

    entry_id = forms.UUIDField(required=False, widget=forms.HiddenInput)
    activity = forms.CharField(max_length=80, required=False, widget=forms.HiddenInput)

    @staticmethod
    def fresh_id() -> str:
        return str(uuid.uuid4())


class ConfidenceForm(forms.Form):
    confidence = scale_field(
        "How sure are you, 0-10, that you can do this?", "not at all sure", "completely sure"
    )
    step = forms.ChoiceField(
        label="Which step would you like this week?",
        choices=[
            ("smaller", "The smaller step"),
            ("full", "The step as planned"),
            ("same", "Keep it the same this week"),
        ],
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confidence"].required = True
        self.fields["confidence"].error_messages["required"] = "Tap a number from 0 to 10."


def _amount(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=0.5,
        max_value=MAX_AMOUNT,
        decimal_places=1,
        required=False,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )


class OverridesForm(forms.Form):
    """A clinician's settings for each activity in the plan; blank = the engine decides."""

    progression_rate = forms.IntegerField(
        label="Weekly step on good weeks (%)",
        help_text="Blank: the engine's default (10%, or 5% when tiredness leads).",
        min_value=0,
        max_value=20,
        required=False,
    )
    note = forms.CharField(
        label="Note for the person (optional)",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, activities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.activities = tuple(activities)
        for i, a in enumerate(self.activities):
            unit = "minutes" if a.unit == "minutes" else "reps"
            self.fields[f"quota_{i}"] = _amount(f"{a.label}: daily amount ({unit})")
            self.fields[f"cap_{i}"] = _amount(f"{a.label}: most in a day ({unit})")

    def values(self) -> OverrideValues:
        data = self.cleaned_data
        rate = data.get("progression_rate")
        quotas, caps = {}, {}
        for i, a in enumerate(self.activities):
            if data.get(f"quota_{i}") is not None:
                quotas[a.key] = float(data[f"quota_{i}"])
            if data.get(f"cap_{i}") is not None:
                caps[a.key] = float(data[f"cap_{i}"])
        return OverrideValues(
            progression_rate=None if rate is None else rate / 100,
            quotas=quotas,
            caps=caps,
            note=data.get("note", ""),
        )

    def rows(self):
        return [(a, self[f"quota_{i}"], self[f"cap_{i}"]) for i, a in enumerate(self.activities)]


class RemindersForm(forms.Form):
    """One on/off and one time per reminder, and quiet hours; times are of the person's day."""

    quiet_from = forms.TimeField(label="Quiet from", required=False,
                                 widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    quiet_until = forms.TimeField(label="until", required=False,
                                  widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))

    def __init__(self, *args, wishes, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind_names = []
        for wish in wishes.wishes:
            self.fields[f"{wish.kind}_on"] = forms.BooleanField(
                label=LABELS[wish.kind], required=False, initial=wish.on)
            self.fields[f"{wish.kind}_at"] = forms.TimeField(
                label=f"{LABELS[wish.kind]}: at", required=False, initial=wish.at,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
            self.kind_names.append(wish.kind)
        self.fields["quiet_from"].initial = wishes.quiet_from
        self.fields["quiet_until"].initial = wishes.quiet_until
        self.order_fields([*(f"{k}_{p}" for k in self.kind_names for p in ("on", "at")),
                           "quiet_from", "quiet_until"])  # fmt: skip

    def rows(self):
        return [(self[f"{k}_on"], self[f"{k}_at"]) for k in self.kind_names]

    def kinds(self) -> dict:
        data = self.cleaned_data
        return {k: (data[f"{k}_on"], data[f"{k}_at"]) for k in self.kind_names}

    def quiet(self):
        return self.cleaned_data["quiet_from"], self.cleaned_data["quiet_until"]
