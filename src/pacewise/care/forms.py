from django import forms

from pacewise.core.triage import KINDS


class SeenForm(forms.Form):
    kind = forms.ChoiceField(choices=[(k, k) for k in KINDS])
    episode = forms.DateField()
    note = forms.CharField(required=False, max_length=2000)
