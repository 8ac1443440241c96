"""Diary forms. They only validate and turn input into values for `entries`."""

from __future__ import annotations

import csv

from django import forms

from pacewise.accounts.fields import clean_display_text

from .catalog import BODY_REGIONS, catalog_key
from .csv_exchange import check_mapping

SCALE_CHOICES = [(i, str(i)) for i in range(11)]


class ScaleWidget(forms.RadioSelect):
    """0-10 as a row of large buttons (radio inputs): one tap, keyboard-friendly, no JS."""

    template_name = "diary/widgets/scale.html"
    option_template_name = "diary/widgets/scale_option.html"


def scale_field(label: str, low: str, high: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=SCALE_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
        widget=ScaleWidget(attrs={"low": low, "high": high}),
        error_messages={"invalid_choice": "Choose a number from 0 to 10."},
    )


class YesNo(forms.RadioSelect):
    template_name = "diary/widgets/scale.html"
    option_template_name = "diary/widgets/scale_option.html"


def flare_field() -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label="Are you in a flare?",
        choices=[(False, "No"), (True, "Yes")],
        coerce=lambda v: v in (True, "True", "true", "1"),
        initial=False,
        required=False,
        empty_value=False,
        widget=YesNo,
    )


class EntryForm(forms.Form):
    local_date = forms.DateField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # a new entry's id, chosen when the form is shown: sending it twice (a double tap, a retry
    # from a phone that was offline) stores it once (diary.entries.create)
    entry_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    note = forms.CharField(
        label="Anything to note? (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def values(self) -> dict:
        skip = {"local_date", "version", "entry_id", "tags", "new_tags"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class CheckInForm(EntryForm):
    """The evening check-in: six taps and Save."""

    FIELDS = ("pain_avg", "pain_now", "fatigue", "stress", "mood", "in_flare")
    kind = "full"
    pain_avg = scale_field("Average pain today", "no pain", "worst pain")
    pain_now = scale_field("Pain right now", "no pain", "worst pain")
    fatigue = scale_field("Tiredness today", "full of energy", "exhausted")
    stress = scale_field("Stress today", "calm", "very stressed")
    mood = scale_field("Mood today", "very low", "very good")
    in_flare = flare_field()
    # Asked by the evening check-in too when the day has no sleep answer yet (no morning
    # check-in), so a person who checks in only in the evening still records their nights.
    sleep_hours = forms.DecimalField(
        label="Hours of sleep last night",
        min_value=0,
        max_value=24,
        decimal_places=1,
        required=False,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )
    sleep_quality = scale_field("How well did you sleep last night?", "very badly", "very well")
    locations = forms.MultipleChoiceField(
        label="Where does it hurt? (optional)",
        choices=list(BODY_REGIONS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tags = forms.MultipleChoiceField(
        label="Anything from your list today? (optional)",
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    new_tags = forms.CharField(
        label="Add your own (optional)",
        help_text=(
            "Separate with commas, for example: long drive, gardening. If your flares follow "
            "your cycle, tag \"period\" on the day it starts and your plan can allow for it."
        ),
        max_length=200,
        required=False,
    )

    def __init__(self, *args, tag_names=(), ask_sleep=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not ask_sleep:
            del self.fields["sleep_hours"], self.fields["sleep_quality"]
        if "tags" in self.fields:
            self.fields["tags"].choices = [(n, n) for n in tag_names]

    def clean_new_tags(self):
        raw = self.cleaned_data.get("new_tags", "")
        names = [clean_display_text(n, field="A tag", max_length=40) for n in raw.split(",")]
        return [n for n in names if n]

    def tag_names(self) -> list[str]:
        return list(self.cleaned_data.get("tags", [])) + self.cleaned_data.get("new_tags", [])


class MorningForm(CheckInForm):
    """The morning mini check-in: how the night was."""

    FIELDS = ("morning_pain", "sleep_hours", "sleep_quality")
    kind = "morning"
    morning_pain = scale_field("Pain when you woke up", "no pain", "worst pain")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, ask_sleep=True, **kwargs)
        for name in ("pain_avg", "pain_now", "fatigue", "stress", "mood", "in_flare"):
            del self.fields[name]


class FlareForm(CheckInForm):
    """A shorter check-in for a flare day: just the essentials."""

    FIELDS = ("pain_avg", "fatigue")
    kind = "flare"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("pain_now", "stress", "mood", "in_flare", "locations"):
            del self.fields[name]

    def values(self) -> dict:
        return super().values() | {"in_flare": True}


CHECKIN_FORMS = {"full": CheckInForm, "morning": MorningForm, "flare": FlareForm}


class ActivityForm(EntryForm):
    activity = forms.CharField(
        label="What did you do?",
        max_length=60,
        widget=forms.TextInput(attrs={"list": "activity-choices", "autocomplete": "off"}),
    )
    minutes = forms.IntegerField(label="Minutes", min_value=0, max_value=1440, required=False)
    sets = forms.IntegerField(label="Sets", min_value=1, max_value=100, required=False)
    reps = forms.IntegerField(label="Reps in each set", min_value=1, max_value=1000, required=False)
    exertion = scale_field("How hard did it feel?", "very easy", "as hard as it gets")
    pain_before = scale_field("Pain before", "no pain", "worst pain")
    pain_peak = scale_field("Highest pain during", "no pain", "worst pain")
    pain_after = scale_field("Pain after", "no pain", "worst pain")
    planned_item = forms.CharField(widget=forms.HiddenInput, required=False, max_length=80)

    def clean_activity(self):
        value = clean_display_text(self.cleaned_data["activity"], field="Activity", max_length=60)
        return catalog_key(value) or value  # the person's own names: entries.activity_identity

    def clean(self):
        data = super().clean()
        sets, reps = data.get("sets"), data.get("reps")
        if (sets is None) != (reps is None):
            self.add_error("reps" if reps is None else "sets", "Give both sets and reps.")
        elif data.get("minutes") is None and sets is None:
            self.add_error("minutes", "Give the minutes, or the sets and reps.")
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label="Diary file (CSV)")
    source = forms.ChoiceField(
        label="Where is it from?",
        choices=[
            ("pacewise", "A diary downloaded from Pacewise"),
            ("other", "Another app or a spreadsheet (you choose the columns next)"),
        ],
        initial="pacewise",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, max_bytes: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.max_bytes:
            raise forms.ValidationError(
                f"The file is larger than {self.max_bytes // (1024 * 1024)} MB."
            )
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(
                "This file is not UTF-8 text. Save it as “CSV UTF-8” and try again."
            ) from exc
        lines = text.splitlines(keepends=True)
        if not lines:
            raise forms.ValidationError("The file is empty.")
        self.cleaned_data["lines"] = lines
        self.cleaned_data["header"] = [h.strip() for h in next(csv.reader(lines[:1]), [])]
        return upload


TARGET_CHOICES = [
    ("ignore", "Leave out"),
    ("local_date", "Date"),
    ("pain_avg", "Average pain (0-10)"),
    ("pain_avg:1-5", "Average pain (1-5)"),
    ("pain_now", "Pain now (0-10)"),
    ("morning_pain", "Pain on waking (0-10)"),
    ("fatigue", "Tiredness (0-10)"),
    ("sleep_hours", "Hours of sleep"),
    ("sleep_hours:0-1440", "Minutes of sleep"),
    ("sleep_quality", "Sleep quality (0-10)"),
    ("stress", "Stress (0-10)"),
    ("mood", "Mood (0-10)"),
    ("mood:1-5", "Mood (1-5)"),
    ("in_flare", "Flare (yes/no)"),
    ("tags", "Tags"),
    ("locations", "Pain locations"),
    ("note", "Note"),
]


class MappingForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    step = forms.CharField(widget=forms.HiddenInput, initial="map")
    date_format = forms.CharField(
        label="Date format (only if not like 2026-05-04)",
        help_text="For example %d/%m/%Y for 04/05/2026.",
        max_length=30,
        required=False,
    )

    def __init__(self, *args, header, token, **kwargs):
        super().__init__(*args, **kwargs)
        self.header = header
        self.fields["token"].initial = token
        known = {value for value, _ in TARGET_CHOICES}
        for i, column in enumerate(header):
            initial = (self.initial or {}).get(f"col_{i}", "ignore")
            if initial not in known:
                initial = "ignore"
            self.fields[f"col_{i}"] = forms.ChoiceField(
                label=f"Column “{column}”", choices=TARGET_CHOICES, initial=initial
            )

    def clean(self):
        data = super().clean()
        mapping = self.mapping()
        if "local_date" not in {v.split(":")[0] for v in mapping.values()}:
            raise forms.ValidationError("Choose which column holds the date.")
        try:
            check_mapping(mapping)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return data

    def mapping(self) -> dict[str, str]:
        return {
            column: self.cleaned_data.get(f"col_{i}", "ignore")
            for i, column in enumerate(self.header)
            if self.cleaned_data.get(f"col_{i}", "ignore") != "ignore"
        }
