"""A questionnaire as a form: every item's options as large radio buttons, exact wording."""

from __future__ import annotations

from django import forms

from pacewise.core.instruments import Instrument


class ChoiceList(forms.RadioSelect):
    template_name = "outcomes/widgets/choices.html"
    option_template_name = "outcomes/widgets/choice.html"


class QuestionnaireForm(forms.Form):
    def __init__(self, *args, instrument: Instrument, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        for number, item in enumerate(instrument.items, 1):
            self.fields[item.id] = forms.TypedChoiceField(
                label=f"{number}. {item.text}",
                choices=[(o.value, o.text) for o in item.options],
                coerce=int,
                required=False,
                empty_value=None,
                widget=ChoiceList,
                error_messages={"invalid_choice": "Choose one of the answers."},
            )

    def answers(self) -> dict:
        return {item.id: self.cleaned_data.get(item.id) for item in self.instrument.items}


class AssignForm(forms.Form):
    instrument_id = forms.ChoiceField(label="Questionnaire", choices=[])
    note = forms.CharField(label="Note for the patient (optional)", max_length=300, required=False)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument_id"].choices = choices


class FollowUpForm(forms.Form):
    note = forms.CharField(
        label="What was done (for the record)",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReportForm(forms.Form):
    questions = forms.CharField(
        label="Your questions for the visit (one per line, optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
