"""Learn and mind-body forms. They only validate; the rules live in core and in the modules."""

from __future__ import annotations

from django import forms

from pacewise.accounts.fields import clean_display_text
from pacewise.core.learn.goals import UNITS, how_often
from pacewise.diary.forms import scale_field

TEXT_MAX = 2000
FEELINGS = 3  # up to three feelings per thought record
INTENSITY_HINT = "0 = not at all, 100 = as strong as it gets"


def posted(request):
    """The submitted data on POST (even when every box was left empty), else None."""
    return request.POST if request.method == "POST" else None


def text_field(label: str, help_text: str = "", *, rows: int = 3, required=False):
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=TEXT_MAX,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def share_field(label="Share this entry with my care team"):
    return forms.BooleanField(
        label=label,
        required=False,
        help_text="Off unless you turn it on. You can change this at any time.",
    )


def intensity_field(label: str, *, required=False):
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=100,
        required=required,
        help_text=INTENSITY_HINT,
        widget=forms.NumberInput(attrs={"step": 5, "inputmode": "numeric"}),
        error_messages={
            "min_value": "Choose a number from 0 to 100.",
            "max_value": "Choose a number from 0 to 100.",
            "invalid": "Choose a number from 0 to 100.",
        },
    )


class AnswerForm(forms.Form):
    option = forms.TypedChoiceField(
        coerce=int, widget=forms.RadioSelect, error_messages={"required": "Choose an answer."}
    )

    def __init__(self, *args, question=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].label = question.prompt
        self.fields["option"].choices = [
            (i, o.text) for i, o in enumerate(question.options, start=1)
        ]


class FlareKitForm(forms.Form):
    helps = text_field(
        "What helps me in a flare",
        "For example: heat pack, a short slow walk, my breathing exercise, an easy meal.",
        rows=4,
    )
    avoid = text_field(
        "What I try to avoid in a flare",
        "For example: pushing through, lying in bed all day, big decisions.",
        rows=3,
    )
    contacts = text_field(
        "Who I can contact",
        "For example: my physio, a friend who understands, my GP's number.",
        rows=3,
    )
    kind_words = text_field(
        "Kind words to my future self",
        "What would you like to hear when it is hard? Write it as you would to a friend.",
        rows=4,
    )
    shared = share_field("Share my flare kit with my care team")


class ThoughtStartForm(forms.Form):
    situation = text_field(
        "What happened?",
        "Where were you, what were you doing? Just the facts, a line or two.",
        required=True,
    )
    thought = text_field(
        "What went through your mind?",
        "The thought that came up, in your own words, even if it seems silly now.",
        required=True,
    )
    shared = share_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, FEELINGS + 1):
            self.fields[f"feeling_{n}"] = forms.CharField(
                label=f"Feeling {n}" + ("" if n == 1 else " (optional)"),
                help_text="For example: worried, sad, frustrated, angry, guilty." if n == 1 else "",
                max_length=40,
                required=n == 1,
            )
            self.fields[f"before_{n}"] = intensity_field(f"How strong is feeling {n}? (0-100)")
        self.order_fields(
            ["situation", "thought"]
            + [f for n in range(1, FEELINGS + 1) for f in (f"feeling_{n}", f"before_{n}")]
        )

    def clean(self):
        data = super().clean()
        for n in range(1, FEELINGS + 1):
            name = data.get(f"feeling_{n}")
            if name:
                data[f"feeling_{n}"] = clean_display_text(name, field="A feeling", max_length=40)
                if data.get(f"before_{n}") is None:
                    self.add_error(f"before_{n}", "Give it a number from 0 to 100.")
        return data

    def feelings(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {"name": data[f"feeling_{n}"], "before": data[f"before_{n}"], "after": None}
            for n in range(1, FEELINGS + 1)
            if data.get(f"feeling_{n}")
        ]


class ThoughtFinishForm(forms.Form):
    evidence_for = text_field(
        "What supports the thought?", "Facts only, the kind that would convince a friend."
    )
    evidence_against = text_field(
        "What does not fit with it?",
        "Times it turned out differently, things you would point out to a friend.",
    )
    balanced_thought = text_field(
        "A more balanced thought",
        "Something kinder and still true. It does not have to be positive.",
        required=True,
    )

    def __init__(self, *args, feelings=(), **kwargs):
        super().__init__(*args, **kwargs)
        for n, feeling in enumerate(feelings, start=1):
            self.fields[f"after_{n}"] = intensity_field(
                f"How strong is \u201c{feeling['name']}\u201d now? (0-100)", required=True
            )

    def feelings(self, before: list[dict]) -> list[dict]:
        return [
            {**f, "after": self.cleaned_data[f"after_{n}"]} for n, f in enumerate(before, start=1)
        ]


class GoalForm(forms.Form):
    value = text_field(
        "What matters to you?",
        "For example: playing with my grandchildren, getting back to the garden, "
        "feeling stronger for work.",
        required=True,
    )
    what = forms.CharField(
        label="What would you like to do?",
        help_text="Something you can do, for example: walk around the block.",
        max_length=120,
    )
    amount = forms.IntegerField(label="How much each time?", min_value=1, max_value=500)
    unit = forms.ChoiceField(label="Counted in", choices=[(u, u) for u in UNITS])
    times_per_week = forms.TypedChoiceField(
        label="How often?",
        coerce=int,
        choices=[(n, how_often(n)) for n in range(1, 8)],
        initial=3,
    )
    by_date = forms.DateField(
        label="Until when?",
        help_text="Then you can look back and set the next step.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    activity = forms.CharField(
        label="Count it from my diary (optional)",
        help_text="Choose one of your diary activities, or leave empty.",
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"list": "activity-choices"}),
    )
    importance = scale_field("How important is this to you right now?", "not at all", "very")
    confidence = scale_field("How confident are you that you can do it?", "not at all", "very")

    def clean_what(self):
        return clean_display_text(self.cleaned_data["what"], field="The goal", max_length=120)

    def clean(self):
        data = super().clean()
        for name in ("importance", "confidence"):
            if name in data and data[name] is None:
                self.add_error(name, "Tap a number from 0 to 10.")
        return data


class GoalRulersForm(forms.Form):
    importance_why = text_field("", rows=2)
    confidence_why = text_field("", rows=2)
    confidence_lift = text_field("", rows=2)

    def __init__(self, *args, questions=(), versions=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name, question in zip(
            ("importance_why", "confidence_why", "confidence_lift"), questions, strict=False
        ):
            self.fields[name].label = question
        if versions:
            self.fields["version"] = forms.TypedChoiceField(
                label="Would a smaller step feel more doable?",
                coerce=int,
                choices=[(i, text) for i, text in enumerate(versions, start=1)]
                + [(0, "Keep my goal as it is")],
                widget=forms.RadioSelect,
                error_messages={"required": "Choose one, or keep your goal as it is."},
            )


class ReflectionForm(forms.Form):
    went_well = text_field("What went well this week, even a little?")
    was_hard = text_field("What got in the way, or felt hard?")
    next_step = text_field("What would you like to keep, change or try next week?")


class JournalForm(forms.Form):
    text = text_field("", rows=6, required=True)
    shared = share_field()

    def __init__(self, *args, prompt="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = prompt
