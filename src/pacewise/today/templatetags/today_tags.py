"""{% todays_dose patient exercise_id %}: the day's amount of a program exercise, from Today's
plan (the one prescription: flare deload, staged return and "easier today" included), for
the session player, so the player never asks for more than Today does."""

from django import template

from pacewise.core import wording as w

from .. import state as plan_state

register = template.Library()


@register.inclusion_tag("today/_todays_dose.html")
def todays_dose(patient, exercise_id: str):
    state = plan_state.load(patient)
    target = next((x for x in state.shown if x.activity == exercise_id), None)
    if target is None:
        return {}
    activity = next(a for a in state.profile.activities if a.key == exercise_id)
    lighter = state.easier or state.plan.phase in ("flare", "returning")
    return {
        "lighter": lighter,
        "why": "easier" if state.easier else state.plan.phase,
        "amount": w.amount_text(activity, target.target),
        "bouts": w.bouts_text(activity, target.bouts, target.bout_size),
    }
