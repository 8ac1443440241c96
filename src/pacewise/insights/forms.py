from django import forms

from pacewise.core.insights import experiments as core


class ExperimentForm(forms.Form):
    factor = forms.CharField(label="What to test", max_length=60)
    block_days = forms.TypedChoiceField(
        label="Length of each phase",
        choices=[
            (core.BLOCK_DAYS, f"{core.BLOCK_DAYS} days (about 7 weeks in all)"),
            (7, "A week (12 weeks in all)"),
        ],  # fmt: skip
        coerce=int,
        initial=core.BLOCK_DAYS,
    )

    def __init__(self, *args, choices: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.suggestions = choices or []


class PoolingForm(forms.Form):
    opted_in = forms.BooleanField(
        label="Use anonymous patterns from other people at my clinic to steady my results",
        required=False,
    )
