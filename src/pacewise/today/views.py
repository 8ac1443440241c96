"""Today's pages: the plan with its reasons, one-tap actions, the weekly review, and the
clinician's overrides. Views load, call ``actions`` or ``state``, and render."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pacewise.accounts.access import Role
from pacewise.accounts.crisis import help_for_patient
from pacewise.accounts.decorators import patient_view
from pacewise.core import thresholds as t
from pacewise.core.pacing import wording as w

from . import actions
from . import state as plan_state
from .forms import OneTapForm, SetupForm


def _home(grant):
    return redirect("today", patient_id=grant.patient.pk)


@patient_view()
def today(request, grant):
    state = plan_state.load(grant.patient)
    context = {
        "grant": grant,
        "patient": grant.patient,
        "state": state,
        "cards": _cards(state),
        "not_today": _not_today(state),
        "tap_id": OneTapForm.fresh_id,
        "help": help_for_patient(grant.patient),
        "flare_advice": w.flare_movement_advice(state.profile.rest_in_flares),
    }
    return render(request, "today/today.html", context)


def _not_today(state: plan_state.TodayState) -> list[dict]:
    """Exercises done on some days a week that today is not a day for (core.pacing.week_days)."""
    return [
        {"label": x.label, "text": x.week_text}
        for x in state.shown
        if not x.asked_today
    ]


def _cards(state: plan_state.TodayState) -> list[dict]:
    activities = {a.key: a for a in state.profile.activities}
    cards = []
    for i, target in enumerate(x for x in state.shown if x.asked_today):
        done = state.done.get(target.activity, 0.0)
        activity = activities[target.activity]
        cards.append(
            {
                "index": i,
                "target": target,
                "amount": w.amount_text(activity, target.target),
                "bouts": w.bouts_text(activity, target.bouts, target.bout_size),
                "bout": w.amount_text(activity, max(1, w.whole(target.bout_size))),
                "done": f"{w.whole(done)} of {w.whole(target.target)} "
                f"{w.unit_word(activity, target.target)}",
                "reached": target.target > 0 and done >= target.target,
                "over": target.target > 0 and done > target.target * t.WELL_PACED_UP_TO,
                "week": target.week_text,
            }
        )
    return cards


@patient_view(role=Role.OWNER)
def setup(request, grant):
    form = SetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.choose_activities(
                grant.patient,
                form.choices(),
                fatigue_dominant=form.cleaned_data["fatigue_dominant"],
            )
        except actions.PlanError as exc:
            form.add_error(None, exc.message[:1].upper() + exc.message[1:] + ".")
        else:
            messages.success(request, "Your plan is ready. Start small: a few minutes count.")
            return _home(grant)
    return render(request, "today/setup.html", {"patient": grant.patient, "form": form})


@require_POST
@patient_view(role=Role.OWNER)
def log_bout(request, grant):
    form = OneTapForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That didn't work. Please try again.")
        return _home(grant)
    try:
        actions.log_bout(
            grant.patient,
            request.user,
            form.cleaned_data["activity"],
            entry_id=form.cleaned_data["entry_id"],
        )
    except actions.PlanError as exc:
        messages.error(request, f"Not logged: {exc.message}.")
    else:
        if request.htmx:  # only the card changes; its "Done today" line is announced
            return _card_fragment(request, grant, form.cleaned_data["activity"])
        messages.success(request, "Logged. Every bit of movement counts.")
    return _home(grant)


def _card_fragment(request, grant, activity: str):
    state = plan_state.load(grant.patient)
    card = next((c for c in _cards(state) if c["target"].activity == activity), None)
    if card is None:  # no longer a card today (e.g. the week's days are now done)
        return _home(grant)
    context = {"c": card, "grant": grant, "patient": grant.patient, "tap_id": OneTapForm.fresh_id}
    return render(request, "today/_card.html", context)


@require_POST
@patient_view(role=Role.OWNER)
def flare(request, grant):
    form = OneTapForm(request.POST)
    entry_id = form.cleaned_data["entry_id"] if form.is_valid() else None
    try:
        actions.declare_flare(grant.patient, request.user, entry_id=entry_id)
    except actions.PlanError as exc:
        messages.error(request, f"Not saved: {exc.message}.")
    else:
        messages.success(request, "Thank you for telling us. Today's plan is now your flare plan.")
    return _home(grant)


@require_POST
@patient_view(role=Role.OWNER)
def flare_undo(request, grant):
    if actions.take_back_flare(grant.patient, request.user):
        messages.success(request, "Taken back: today is not marked as a flare day.")
    return _home(grant)


@require_POST
@patient_view(role=Role.OWNER)
def easier(request, grant):
    actions.choose_easier(grant.patient, easier=True)
    messages.success(request, "Easier today it is. That's pacing, and it still counts.")
    return _home(grant)


@require_POST
@patient_view(role=Role.OWNER)
def easier_undo(request, grant):
    actions.choose_easier(grant.patient, easier=False)
    messages.success(request, "Back to today's usual plan.")
    return _home(grant)
