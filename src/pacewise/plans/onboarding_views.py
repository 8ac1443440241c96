"""Onboarding pages (resumable, one step per page) and the red-flag screen and its clearing."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pacewise.accounts.access import Role
from pacewise.accounts.decorators import patient_view

from . import red_flags
from .forms import STEP_FORMS, ActivityForm, ScreeningForm
from .models import Screening
from .onboarding import (
    BY_SLUG,
    STEPS,
    initial_for,
    next_step,
    onboarding_for,
    previous_step,
    save_step,
)
from .programs import actor_for, build_for, program_for
from .views import clearance_form, paused_context, posted


def _to_program(patient):
    return redirect("plans-program", patient_id=patient.pk)


@patient_view(role=Role.OWNER)
def start(request, grant):
    """Resume at the first unfinished step."""
    step = next_step(onboarding_for(grant.patient))
    if step is None:
        return _to_program(grant.patient)
    return redirect("plans-onboarding-step", patient_id=grant.patient.pk, step=step.slug)


def _after_step(request, grant, onboarding):
    step = next_step(onboarding)
    if step is not None:
        return redirect("plans-onboarding-step", patient_id=grant.patient.pk, step=step.slug)
    if program_for(grant.patient) is None:
        build_for(grant.patient, actor_for(request, grant))
        messages.success(request, "Your program is ready. Start small: a few minutes count.")
    else:
        messages.success(request, "Saved. To use your new answers, choose “Remake my program”.")
    return _to_program(grant.patient)


@patient_view(role=Role.OWNER)
def step(request, grant, step: str):
    current = BY_SLUG.get(step)
    if current is None:
        raise Http404("No such step.")
    onboarding = onboarding_for(grant.patient)
    if current.slug == "safety":
        return _safety_step(request, grant, onboarding, current)
    form_class = STEP_FORMS[current.slug]
    if form_class is ActivityForm:
        initial = ActivityForm.initial_from(onboarding.current_activity)
    else:
        initial = initial_for(onboarding, current)
    form = form_class(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        values = form.values() if hasattr(form, "values") else form.cleaned_data
        save_step(onboarding, current, values)
        return _after_step(request, grant, onboarding)
    return _render_step(request, grant, current, form)


def _render_step(request, grant, current, form, template="plans/onboarding_step.html"):
    context = {
        "patient": grant.patient,
        "step": current,
        "number": STEPS.index(current) + 1,
        "total": len(STEPS),
        "previous": previous_step(current),
        "form": form,
    }
    return render(request, template, context, status=400 if form.errors else 200)


def _safety_step(request, grant, onboarding, current):
    form = ScreeningForm(posted(request))
    if request.method == "POST" and form.is_valid():
        _, _, alert = red_flags.record(grant.patient, form.answers(), Screening.Occasion.ONBOARDING)
        save_step(onboarding, current, {})
        if alert is not None:
            return _to_program(grant.patient)
        return _after_step(request, grant, onboarding)
    return _render_step(request, grant, current, form, "plans/screening.html")


@patient_view(role=Role.OWNER)
def report_symptoms(request, grant):
    """New symptoms since starting: the same red-flag questions, at any time."""
    form = ScreeningForm(posted(request))
    if request.method == "POST" and form.is_valid():
        _, _, alert = red_flags.record(
            grant.patient, form.answers(), Screening.Occasion.NEW_SYMPTOMS
        )
        if alert is None:
            messages.success(
                request,
                "Thank you. Nothing you told us stops your program. If something changes, "
                "tell us again.",
            )
        return _to_program(grant.patient)
    context = {"patient": grant.patient, "form": form, "new_symptoms": True}
    return render(request, "plans/screening.html", context, status=400 if form.errors else 200)


@require_POST
@patient_view()
def resume(request, grant):
    """The person confirms a clinician cleared them, or a linked clinician clears them."""
    patient = grant.patient
    alert = red_flags.open_alert(patient)
    if alert is None:
        return _to_program(patient)
    form = clearance_form(grant, alert, request.POST)
    if form.is_valid():
        actor = actor_for(request, grant)
        try:
            red_flags.clear(
                patient,
                actor,
                seen_on=form.cleaned_data["seen_on"],
                assessed_by=form.cleaned_data.get("assessed_by", ""),
                clinic=grant.clinic,
            )
        except red_flags.ClearanceRefused as exc:  # another open alert's rule (e.g. a later one)
            for field, message in exc.problems.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, "Thank you. The program is open again. Start gently.")
            return _to_program(patient)
    if grant.is_owner:
        context = paused_context(grant, alert) | {"clear_form": form}
        return render(request, "plans/paused.html", context, status=400)
    problems = " ".join(str(e) for errors in form.errors.values() for e in errors)
    messages.error(request, f"Not resumed: {problems}")
    return _to_program(patient)
