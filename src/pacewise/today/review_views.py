"""The weekly review (with its confidence ruler) and the clinician's overrides page."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pacewise.accounts.access import Role
from pacewise.accounts.decorators import patient_view
from pacewise.core.learn.goals import needs_shrinking
from pacewise.core.pacing.week_days import weekly_amount

from . import actions
from . import state as plan_state
from .forms import ConfidenceForm, OverridesForm


def _week_summary(state: plan_state.TodayState, review) -> list[dict]:
    """What happened in the reviewed week: per activity, the days done and the amount."""
    days = [r for r in state.history if review.week_start <= r.date <= review.week_end]
    rows = []
    for change in review.proposed:
        activity = next(a for a in state.profile.activities if a.key == change.activity)
        rows.append(
            {
                "activity": activity,
                "days": sum(1 for r in days if r.amount(activity.key) > 0),
                "amount": round(sum(r.amount(activity.key) for r in days)),
                "planned": round(weekly_amount(change.before, activity.days_per_week)),
            }
        )
    return rows


def _amount(value: float) -> str:
    return f"{round(value, 1):g}"


def _smaller_steps(state: plan_state.TodayState, offer) -> list[str]:
    """'Walking: from 10 to 10.5 minutes a day (the full step was 11)', one per raise."""
    if offer is None or offer.smaller is None:
        return []
    lines = []
    for full, small in zip(offer.proposal.proposed, offer.smaller.proposed, strict=True):
        if full.after <= full.before:
            continue
        activity = next(a for a in state.profile.activities if a.key == full.activity)
        unit = "reps" if activity.unit == "reps" else "minutes"
        lines.append(
            f"{activity.label}: from {_amount(small.before)} to {_amount(small.after)} {unit} "
            f"a day (the full step was {_amount(full.after)})."
        )
    return lines


def _review_context(grant, state, offer, form) -> dict:
    decision = plan_state.decision_for(grant.patient, offer)
    return {
        "grant": grant,
        "patient": grant.patient,
        "state": state,
        "offer": offer,
        "review": offer.proposal if offer else None,
        "summary": _week_summary(state, offer.proposal) if offer else [],
        "decision": decision,
        "smaller_steps": _smaller_steps(state, offer),
        "next_review": (state.plan.week_start or state.today) + timedelta(days=7),
        "form": form,
    }


@patient_view()
def review(request, grant):
    state = plan_state.load(grant.patient)
    offer = plan_state.offer_for(state)
    context = _review_context(grant, state, offer, ConfidenceForm())
    return render(request, "today/review.html", context)


@require_POST
@patient_view(role=Role.OWNER)
def review_accept(request, grant):
    state = plan_state.load(grant.patient)
    form = ConfidenceForm(request.POST)
    confidence = form.cleaned_data["confidence"] if form.is_valid() else None
    offer = plan_state.offer_for(state, confidence)
    if offer is None or not form.is_valid():
        return render(request, "today/review.html", _review_context(grant, state, offer, form))
    step = form.cleaned_data["step"] or None
    try:
        actions.accept_review(grant.patient, confidence=confidence, step=step, offer=offer)
    except actions.PlanError as exc:
        if exc.field == "step" and step is None:
            # Confidence below 7 and the plan goes up: the person chooses the step.
            form = ConfidenceForm(initial={"confidence": confidence, "step": "smaller"})
            context = _review_context(grant, state, offer, form) | {"choose_step": True}
            return render(request, "today/review.html", context)
        messages.error(request, f"Not saved: {exc.message}.")
    else:
        messages.success(request, _thanks(confidence, step))
    return redirect("today", patient_id=grant.patient.pk)


def _thanks(confidence: int, step: str | None) -> str:
    if step == "same":
        return "Saved: your plan stays the same this week. That is a fine choice."
    if step == "smaller":
        return "Saved: a smaller step this week. Steps you feel sure of add up."
    if needs_shrinking(confidence):
        return "Saved. “Easier today” is there on any day that needs it."
    return "Saved. Here's this week's plan."



@patient_view(role=Role.CLINICIAN)
def plan(request, grant):
    profile = plan_state.profile_for(grant.patient)
    current = plan_state.current_overrides(grant.patient)
    form = OverridesForm(
        request.POST or None, activities=profile.activities, initial=_initial(profile, current)
    )
    if request.method == "POST" and form.is_valid():
        try:
            label = grant.actor_label
            actions.set_overrides(grant.patient, request.user, label, form.values())
        except actions.PlanError as exc:
            form.add_error(None, exc.message[:1].upper() + exc.message[1:] + ".")
        else:
            messages.success(request, "Saved. The person sees these as set by you.")
            return redirect("today-plan", patient_id=grant.patient.pk)
    context = {"grant": grant, "patient": grant.patient, "form": form, "current": current}
    return render(request, "today/plan.html", context)


def _initial(profile, current) -> dict:
    if current is None:
        return {}
    initial = {"note": current.note}
    if current.progression_rate is not None:
        initial["progression_rate"] = round(current.progression_rate * 100)
    for i, a in enumerate(profile.activities):
        initial[f"quota_{i}"] = current.quotas.get(a.key)
        initial[f"cap_{i}"] = current.caps.get(a.key)
    return initial


@require_POST
@patient_view(role=Role.CLINICIAN)
def plan_clear(request, grant):
    actions.clear_overrides(grant.patient, request.user, grant.actor_label)
    messages.success(request, "Cleared. The plan follows the engine again.")
    return redirect("today-plan", patient_id=grant.patient.pk)
