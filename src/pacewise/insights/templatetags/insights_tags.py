"""{% experiment_reminder grant %}: one line on the home page while a self-experiment runs."""

from django import template

from pacewise.core.insights.experiments import phase_on
from pacewise.diary.days import today_for

from .. import data

register = template.Library()


@register.inclusion_tag("insights/_reminder.html")
def experiment_reminder(grant):
    if not grant.is_owner:
        return {}
    exp = data.active_experiment(grant.patient)
    if exp is None:
        return {}
    phase = phase_on(exp.to_core(), today_for(grant.patient))
    return {"experiment": exp, "phase": phase, "patient": grant.patient}


@register.filter
def q_value(q: float) -> str:
    """'q < 0.001' rather than a rounded 'q = 0.000', which would claim certainty."""
    return "q < 0.001" if q < 0.001 else f"q = {q:.3f}"
