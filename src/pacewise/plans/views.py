"""The program page, the paused screen, undoing a swap, and a clinician's edits."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from pacewise.accounts.access import Role
from pacewise.accounts.crisis import help_for_patient
from pacewise.accounts.decorators import patient_view
from pacewise.core.safety import screening as core_screening
from pacewise.core.safety.pause import rules_for
from pacewise.diary.days import today_for

from . import programs, red_flags
from . import templates as program_templates
from .forms import AddForm, ClearanceForm, DoseForm, SwapForm
from .models import GuidedSession, ProgramChange, ProgramItem
from .onboarding import current_activity_text, next_step
from .programs import Dose, ProgramError, actor_for, library, pain_advice


def posted(request):
    """The form data on a POST (even an empty one), else None: an empty POST still validates."""
    return request.POST if request.method == "POST" else None


def clearance_form(grant, alert, data=None) -> ClearanceForm:
    return ClearanceForm(
        data,
        today=today_for(grant.patient),
        alerted_on=red_flags.alerted_on(alert, grant.patient.user.time_zone),
        level=alert.level,
        clinician=not grant.is_owner,
    )


def paused_context(grant, alert) -> dict:
    level = alert.level
    help_ = help_for_patient(grant.patient)
    return {
        "grant": grant,
        "patient": grant.patient,
        "alert": alert,
        "rules": rules_for(level),
        "reported": red_flags.describe(alert),
        "headline": core_screening.HEADLINES[level],
        "advice": core_screening.ADVICE[level],
        "emergency": level == core_screening.EMERGENCY,
        "stop_exercising": level == core_screening.STOP_EXERCISING,
        "emergency_number": help_.emergency_number,
        "help": help_,
        "team_told": bool(alert.emailed_to),
        "clear_form": clearance_form(grant, alert),
    }


def paused_response(request, grant, alert):
    return render(request, "plans/paused.html", paused_context(grant, alert))


def _item_rows(program, today):
    rows = []
    items = list(programs.active_items(program))
    week = programs.week_for(program.patient, items, today)
    for item in items:
        item.name = programs.exercise_name(item.exercise_id)
        item.dose = programs.dose_text(item)
        item.days = programs.days_text(item.sessions_per_week)
        item.today = week[item.pk].asked_today
        item.swapped_from_name = (
            programs.exercise_name(item.swapped_from) if item.swapped_from else ""
        )
        rows.append(item)
    return rows


@patient_view()
def program_page(request, grant):
    patient = grant.patient
    alert = red_flags.open_alert(patient)
    if alert is not None and grant.is_owner:
        return paused_response(request, grant, alert)
    program = programs.program_for(patient)
    onboarding = getattr(patient, "onboarding", None)
    context = {
        "grant": grant,
        "patient": patient,
        "program": program,
        "alert": alert,
        "pain_advice": pain_advice(patient),
        "red_flag_history": [] if grant.is_owner else red_flags.history(patient),
    }
    if program is None:
        context["resume_step"] = next_step(onboarding) if onboarding else None
        context["started"] = onboarding is not None
        return render(request, "plans/program.html", context)
    today = today_for(patient)
    items = _item_rows(program, today)
    context |= {
        "items": items,
        "today_count": sum(1 for i in items if i.today),
        "changes": ProgramChange.objects.filter(patient=patient)[:30],
        "open_session": GuidedSession.objects.filter(
            patient=patient, local_date=today, finished_at__isnull=True
        ).first(),
        "goals": onboarding.goals if onboarding else "",
        "templates": [] if grant.is_owner else list(program_templates.for_clinic(grant.clinic)),
        "usual": current_activity_text(onboarding) if onboarding else [],
    }
    if not grant.is_owner:
        allowed = [e for e in library() if not _conflict(program, e.id)]
        context |= {
            "add_form": AddForm(exercises=allowed, auto_id="add_%s"),
            "swap_choices": allowed,
            "clear_form": clearance_form(grant, alert) if alert else None,
            "reported": red_flags.describe(alert) if alert else [],
        }
    return render(request, "plans/program.html", context)


def _conflict(program, exercise_id) -> bool:
    try:
        programs.check_fits(program, exercise_id)
    except ProgramError:
        return True
    return False


def _program_or_404(patient):
    program = programs.program_for(patient)
    if program is None:
        raise PermissionDenied("There is no program yet.")
    return program


def _item(grant, item_id) -> ProgramItem:
    return get_object_or_404(
        ProgramItem, pk=item_id, patient=grant.patient, removed_at__isnull=True
    )


def _back(request, grant):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("plans-program", patient_id=grant.patient.pk)


@require_POST
@patient_view(role=Role.OWNER)
def rebuild(request, grant):
    onboarding = getattr(grant.patient, "onboarding", None)
    if onboarding is None or onboarding.completed_at is None:
        return redirect("plans-onboarding", patient_id=grant.patient.pk)
    if not red_flags.pause_rules(grant.patient).program_exercises:
        return redirect("plans-program", patient_id=grant.patient.pk)
    programs.build_for(grant.patient, actor_for(request, grant))
    messages.success(request, "Your program was made again from your answers.")
    return redirect("plans-program", patient_id=grant.patient.pk)


@require_POST
@patient_view()
def undo(request, grant, item_id: int):
    try:
        item = programs.undo(_item(grant, item_id), actor_for(request, grant))
    except ProgramError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Put back {programs.exercise_name(item.exercise_id)}.")
    return _back(request, grant)


def _dose(form) -> Dose:
    data = form.cleaned_data
    return Dose(data["sessions_per_week"], data.get("sets"), data.get("reps"), data.get("minutes"))


def _form_error(request, form):
    first = next(iter(form.errors.values()))[0]
    messages.error(request, f"Not changed: {first}")


@require_POST
@patient_view(role=Role.CLINICIAN)
def add(request, grant):
    program = _program_or_404(grant.patient)
    form = AddForm(request.POST, exercises=library())
    if not form.is_valid():
        _form_error(request, form)
    else:
        try:
            programs.add(
                program, form.cleaned_data["exercise_id"], _dose(form), actor_for(request, grant)
            )
        except ProgramError as exc:
            messages.error(request, f"Not added: {exc.message}")
        else:
            messages.success(request, "Added. The person sees the change and who made it.")
    return redirect("plans-program", patient_id=grant.patient.pk)


@require_POST
@patient_view(role=Role.CLINICIAN)
def remove(request, grant, item_id: int):
    programs.remove(_item(grant, item_id), actor_for(request, grant))
    messages.success(request, "Removed.")
    return redirect("plans-program", patient_id=grant.patient.pk)


@require_POST
@patient_view(role=Role.CLINICIAN)
def swap(request, grant, item_id: int):
    item = _item(grant, item_id)
    form = SwapForm(request.POST, exercises=library())
    if not form.is_valid():
        _form_error(request, form)
    else:
        try:
            programs.replace_exercise(
                item, form.cleaned_data["exercise_id"], actor_for(request, grant)
            )
        except ProgramError as exc:
            messages.error(request, f"Not swapped: {exc.message}")
        else:
            messages.success(request, "Swapped. Set the dose if the default does not suit.")
    return redirect("plans-program", patient_id=grant.patient.pk)


@require_POST
@patient_view(role=Role.CLINICIAN)
def dose(request, grant, item_id: int):
    item = _item(grant, item_id)
    form = DoseForm(request.POST)
    if not form.is_valid():
        _form_error(request, form)
    else:
        try:
            programs.set_dose(item, _dose(form), actor_for(request, grant))
        except ProgramError as exc:
            messages.error(request, f"Not changed: {exc.message}")
        else:
            messages.success(request, "Dose saved.")
    return redirect("plans-program", patient_id=grant.patient.pk)


@require_POST
@patient_view(role=Role.CLINICIAN)
def template_save(request, grant):
    """Save this program's exercises and doses as a clinic template (nothing about the
    person goes with it)."""
    try:
        saved = program_templates.save(grant, request.POST.get("name", ""))
    except ProgramError as exc:
        messages.error(request, f"Not saved: {exc.message}")
    else:
        messages.success(request, f"Saved as “{saved.name}” for {grant.clinic.name}.")
    return redirect("plans-program", patient_id=grant.patient.pk)


@require_POST
@patient_view(role=Role.CLINICIAN)
def template_apply(request, grant):
    """Start or change the program from a clinic template; what did not fit is named."""
    try:
        template = program_templates.template_for(grant, request.POST.get("template", ""))
        done = program_templates.apply(grant, template, actor_for(request, grant),
                                       replace=request.POST.get("replace") == "on")  # fmt: skip
    except (ProgramError, ValueError) as exc:
        messages.error(request, f"Not changed: {getattr(exc, 'message', 'choose a template')}")
    else:
        messages.success(request, f"“{template.name}”: {done.summary()}")
    return redirect("plans-program", patient_id=grant.patient.pk)
