"""Program forms. They only validate and turn input into values; rules live elsewhere."""

from __future__ import annotations

import unicodedata

from django import forms

from pacewise.core.safety.pause import ASSESSOR_REQUIRED, clearance_problems
from pacewise.core.safety.screening import QUESTIONS
from pacewise.diary.catalog import ACTIVITIES, BODY_REGIONS
from pacewise.diary.forms import YesNo, scale_field

from .onboarding import (
    CONDITION_CHOICES,
    EQUIPMENT_CHOICES,
    LIMITATION_CHOICES,
    STYLE_CHOICES,
)
from .sessions import FEELINGS


def checkboxes(label: str, choices, help_text: str = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
    )


class ScreeningForm(forms.Form):
    """Red-flag questions as a checklist, with an explicit "none of these" so silence never
    counts as an answer."""

    symptoms = checkboxes(
        "Do you have any of these now, or did any start recently? Tick all that apply.",
        [(q.id, q.text) for q in QUESTIONS],
    )
    none_apply = forms.BooleanField(label="None of these apply to me", required=False)

    def clean(self):
        data = super().clean()
        ticked, none = data.get("symptoms"), data.get("none_apply")
        if ticked and none:
            raise forms.ValidationError(
                "You ticked a symptom and also “None of these”. Please check your answers."
            )
        if not ticked and not none:
            raise forms.ValidationError("Tick any that apply, or tick “None of these apply to me”.")
        return data

    def answers(self) -> dict[str, bool]:
        ticked = set(self.cleaned_data.get("symptoms") or ())
        return {q.id: q.id in ticked for q in QUESTIONS}


class ConditionsForm(forms.Form):
    conditions = checkboxes(
        "Which of these do you live with? Tick all that apply.",
        CONDITION_CHOICES,
        "Not sure, or something else? Leave them all blank and we will start with general, "
        "gentle movement.",
    )
    fatigue_dominant = forms.TypedChoiceField(
        label="Does doing more often catch up with you a day or two later, with extra "
        "tiredness or pain?",
        choices=[(False, "No"), (True, "Yes")],
        coerce=lambda v: v in (True, "True"),
        initial=False,
        empty_value=False,
        required=False,
        widget=YesNo,
    )


class PainForm(forms.Form):
    locations = checkboxes(
        "Where does it hurt most days? Tick all that apply.", BODY_REGIONS.items()
    )


class LimitsForm(forms.Form):
    limitations = checkboxes(
        "Is any of these true for you? Tick all that apply.",
        LIMITATION_CHOICES,
        "We never suggest an exercise that goes against these.",
    )


class EquipmentForm(forms.Form):
    equipment = checkboxes("What do you have, or can use easily?", EQUIPMENT_CHOICES)


class LikesForm(forms.Form):
    likes = checkboxes("What kinds of movement do you enjoy, or would like to try?", STYLE_CHOICES)
    dislikes = checkboxes(
        "What would you rather not do?",
        STYLE_CHOICES,
        "We leave these out where we can.",
    )

    def clean(self):
        data = super().clean()
        both = set(data.get("likes") or ()) & set(data.get("dislikes") or ())
        if both:
            self.add_error("dislikes", "Something is ticked as both liked and not liked.")
        return data


ACTIVITY_CHOICES = [("", "Nothing else")] + [(k, label) for k, (label, _u) in ACTIVITIES.items()]


class ActivityForm(forms.Form):
    activity_1 = forms.ChoiceField(
        label="What movement do you do on a usual day?", choices=ACTIVITY_CHOICES, required=False
    )
    minutes_1 = forms.IntegerField(
        label="About how many minutes on a usual day?", min_value=1, max_value=600, required=False
    )
    activity_2 = forms.ChoiceField(label="Anything else?", choices=ACTIVITY_CHOICES, required=False)
    minutes_2 = forms.IntegerField(
        label="About how many minutes of that?", min_value=1, max_value=600, required=False
    )

    def clean(self):
        data = super().clean()
        for n in (1, 2):
            if data.get(f"activity_{n}") and not data.get(f"minutes_{n}"):
                self.add_error(f"minutes_{n}", "Give the minutes, even a rough guess.")
        return data

    def values(self) -> dict:
        seen, rows = set(), []
        for n in (1, 2):
            key, minutes = (
                self.cleaned_data.get(f"activity_{n}"),
                self.cleaned_data.get(f"minutes_{n}"),
            )
            if key and key not in seen:
                seen.add(key)
                rows.append({"activity": key, "minutes": minutes})
        return {"current_activity": rows}

    @staticmethod
    def initial_from(current: list[dict]) -> dict:
        initial = {}
        for n, row in enumerate(current[:2], 1):
            initial |= {f"activity_{n}": row["activity"], f"minutes_{n}": row["minutes"]}
        return initial


def clean_long_text(value: str, *, max_length: int) -> str:
    value = unicodedata.normalize("NFC", value or "").strip()
    bad = {"Cc", "Cf", "Cs", "Co"}
    if any(unicodedata.category(ch) in bad and ch not in "\n\r\t" for ch in value):
        raise forms.ValidationError("This contains invisible or control characters.")
    return value[:max_length]


class GoalsForm(forms.Form):
    goals = forms.CharField(
        label="What would you like to get back to, or do more of?",
        help_text="In your own words. For example: walking the dog to the park, or "
        "gardening for an hour. Only you and the people you share with can read this.",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_goals(self):
        return clean_long_text(self.cleaned_data["goals"], max_length=1000)


STEP_FORMS = {
    "conditions": ConditionsForm,
    "pain": PainForm,
    "limits": LimitsForm,
    "equipment": EquipmentForm,
    "likes": LikesForm,
    "activity": ActivityForm,
    "goals": GoalsForm,
}


class ClearanceForm(forms.Form):
    """Resuming after a red-flag pause; the rules are core.safety.pause.clearance_problems."""

    cleared = forms.BooleanField(
        label="A doctor or clinician has checked me and said I can exercise"
    )
    seen_on = forms.DateField(
        label="The day they checked you", widget=forms.DateInput(attrs={"type": "date"})
    )
    assessed_by = forms.CharField(
        label="Who checked you",
        help_text="Their name and where, for example “Dr Lee, City Hospital emergency department”.",
        max_length=200,
        required=False,
    )

    def __init__(self, *args, today, alerted_on, level, clinician=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.today, self.alerted_on = today, alerted_on
        self.level, self.clinician = level, clinician
        self.fields["seen_on"].widget.attrs |= {
            "min": alerted_on.isoformat(),
            "max": today.isoformat(),
        }
        if clinician:
            self.fields["cleared"].label = "I have assessed these symptoms and it is safe to resume"
            self.fields["seen_on"].label = "The day of the assessment"
            del self.fields["assessed_by"]
        elif level not in ASSESSOR_REQUIRED:
            self.fields["assessed_by"].label = "Who checked you (optional)"

    @property
    def needs_assessor(self) -> bool:
        return "assessed_by" in self.fields

    def clean(self):
        data = super().clean()
        problems = clearance_problems(
            self.level,
            alerted_on=self.alerted_on,
            seen_on=data.get("seen_on"),
            today=self.today,
            by_clinician=self.clinician,
            assessed_by=data.get("assessed_by", ""),
        )
        for field, message in problems.items():
            if field not in self.errors:
                self.add_error(field, message)
        return data


class AfterSessionForm(forms.Form):
    pain_peak = scale_field("Highest pain during the session", "no pain", "worst pain")
    effort = scale_field("How hard did it feel?", "very easy", "as hard as it gets")
    feeling = forms.ChoiceField(
        label="How did it go?",
        choices=list(FEELINGS.items()),
        required=False,
        widget=forms.RadioSelect,
    )


class DoseForm(forms.Form):
    sessions_per_week = forms.IntegerField(label="Days a week", min_value=1, max_value=7)
    sets = forms.IntegerField(label="Sets", min_value=1, max_value=10, required=False)
    reps = forms.IntegerField(label="Reps in each set", min_value=1, max_value=50, required=False)
    minutes = forms.IntegerField(label="Minutes", min_value=1, max_value=120, required=False)


class AddForm(DoseForm):
    exercise_id = forms.ChoiceField(label="Exercise", choices=())

    def __init__(self, *args, exercises=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exercise_id"].choices = [(e.id, e.name) for e in exercises]
        self.order_fields(["exercise_id"])


class SwapForm(forms.Form):
    exercise_id = forms.ChoiceField(label="Swap for", choices=())

    def __init__(self, *args, exercises=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exercise_id"].choices = [(e.id, e.name) for e in exercises]
