from django import forms

from pacewise.core.care.triage import KINDS


class SeenForm(forms.Form):
    kind = forms.ChoiceField(choices=[(k, k) for k in KINDS])
    episode = forms.DateField()
    note = forms.CharField(required=False, max_length=2000)


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Note", max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Write the note first."},
    )  # fmt: skip
    shared = forms.BooleanField(label="Share this note with the person", required=False)
    corrects = forms.IntegerField(required=False, widget=forms.HiddenInput)


class TimeForm(forms.Form):
    on = forms.DateField(label="Day", widget=forms.DateInput(attrs={"type": "date"}))
    minutes = forms.IntegerField(
        label="Minutes", min_value=1, max_value=240,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )  # fmt: skip
    live = forms.BooleanField(label="Included a live conversation (a call or a visit)",
                              required=False)  # fmt: skip
    note = forms.CharField(label="What was done (optional)", max_length=300, required=False)


class MessageForm(forms.Form):
    text = forms.CharField(
        label="Your message", max_length=2000, widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Write your message first.",
                        "max_length": "Keep a message under 2000 characters; you can send a "
                                      "second one."},
    )  # fmt: skip


class DischargeForm(forms.Form):
    message = forms.CharField(
        label="Your message to the person", max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Why care ends, what to keep doing, and where to turn if things get worse.",
        error_messages={"required": "Write a few words to the person: why care ends, and where "
                                    "to turn next."},
    )  # fmt: skip
