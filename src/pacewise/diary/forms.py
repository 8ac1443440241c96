"""Diary forms. They only validate and turn input into values for `entries`."""

from __future__ import annotations

from django import forms

from pacewise.accounts.fields import clean_display_text

from .catalog import ACTIVITIES, BODY_REGIONS

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
    note = forms.CharField(
        label="Anything to note? (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def values(self) -> dict:
        skip = {"local_date", "version", "tags", "new_tags"}
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
        help_text="Separate with commas, for example: long drive, gardening",
        max_length=200,
        required=False,
    )

    def __init__(self, *args, tag_names=(), **kwargs):
        super().__init__(*args, **kwargs)
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
    sleep_hours = forms.DecimalField(
        label="Hours of sleep last night",
        min_value=0,
        max_value=24,
        decimal_places=1,
        required=False,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )
    sleep_quality = scale_field("How well did you sleep?", "very badly", "very well")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
        lowered = value.lower()
        for key, (label, _unit) in ACTIVITIES.items():
            if lowered in (key, label.lower()):
                return key
        return value

    def clean(self):
        data = super().clean()
        sets, reps = data.get("sets"), data.get("reps")
        if (sets is None) != (reps is None):
            self.add_error("reps" if reps is None else "sets", "Give both sets and reps.")
        elif data.get("minutes") is None and sets is None:
            self.add_error("minutes", "Give the minutes, or the sets and reps.")
        return data
