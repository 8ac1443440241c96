"""The guided session player: one exercise at a time, then a few questions, then the diary.

It lives with Today because it asks for Today's prescription (state.session_dose): the day's
amount after flare deload, a staged return and "easier today", on the days a week each
exercise is asked for, so the player never asks for more than Today does, and the diary
records what was asked. Works without JavaScript (every control is a form button);
``static/pacewise/player.js`` adds a running timer and a rep counter.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from pacewise.accounts.access import Role
from pacewise.accounts.decorators import patient_view
from pacewise.core.program import NoEasierOption
from pacewise.diary import entries
from pacewise.diary.days import today_for
from pacewise.plans import programs, red_flags, sessions
from pacewise.plans.forms import AfterSessionForm
from pacewise.plans.models import GuidedSession
from pacewise.plans.programs import actor_for, pain_advice
from pacewise.plans.views import paused_response, posted

from . import state as plan_state


def _session(grant, session_id) -> GuidedSession:
    return get_object_or_404(GuidedSession, pk=session_id, patient=grant.patient)


def _to_session(session):
    return redirect("plans-session", patient_id=session.patient_id, session_id=session.pk)


@require_POST
@patient_view(role=Role.OWNER)
def session_start(request, grant):
    patient = grant.patient
    program = programs.program_for(patient)
    if program is None or not red_flags.pause_rules(patient).program_exercises:
        return redirect("plans-program", patient_id=patient.pk)
    session = GuidedSession.objects.filter(
        patient=patient, local_date=today_for(patient), finished_at__isnull=True
    ).first() or sessions.start(patient, program)
    return _to_session(session)


@patient_view(role=Role.OWNER)
def session(request, grant, session_id: int):
    if alert := red_flags.open_alert(grant.patient):
        return paused_response(request, grant, alert)
    session = _session(grant, session_id)
    if session.finished_at is not None:
        return redirect(
            "diary-day", patient_id=grant.patient.pk, day=session.local_date.isoformat()
        )
    item = sessions.current_item(session)
    if item is None:
        return redirect("plans-session-finish", patient_id=grant.patient.pk, session_id=session.pk)
    exercise = programs.library().get(item.exercise_id)
    context = {
        "patient": grant.patient,
        "session": session,
        "item": item,
        "pain_advice": pain_advice(grant.patient),
        "exercise": exercise,
        "dose": plan_state.session_dose(plan_state.load(grant.patient), item),
        "number": session.position + 1,
        "total": len(session.item_ids),
        "swapped_from": programs.exercise_name(item.swapped_from) if item.swapped_from else "",
    }
    return render(request, "plans/player.html", context)


@require_POST
@patient_view(role=Role.OWNER)
def session_next(request, grant, session_id: int):
    session = _session(grant, session_id)
    item = sessions.current_item(session)
    if item is not None and session.finished_at is None:
        dose = plan_state.session_dose(plan_state.load(grant.patient), item)
        sessions.advance(
            session, item, done=request.POST.get("result") != "skip", dose=dose.as_done()
        )
    return _to_session(session)


@require_POST
@patient_view(role=Role.OWNER)
def session_easier(request, grant, session_id: int):
    """ "This hurts": swap to the easier version, for this and future sessions."""
    session = _session(grant, session_id)
    item = sessions.current_item(session)
    if item is None or not red_flags.pause_rules(grant.patient).program_exercises:
        return _to_session(session)
    old_name = programs.exercise_name(item.exercise_id)
    try:
        item = programs.swap_easier(item, actor_for(request, grant))
    except NoEasierOption:
        messages.info(
            request,
            f"{old_name} is already the gentlest version at the smallest amount. "
            "It is fine to skip it today.",
        )
    else:
        sessions.note_swap(session, item)
        messages.success(
            request,
            "Changed to an easier version. It stays in your program until you undo it.",
        )
    return _to_session(session)


@patient_view(role=Role.OWNER)
def session_finish(request, grant, session_id: int):
    session = _session(grant, session_id)
    day = session.local_date.isoformat()
    if session.finished_at is not None:
        return redirect("diary-day", patient_id=grant.patient.pk, day=day)
    form = AfterSessionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rows = sessions.finish(
                session,
                request.user,
                pain_peak=data["pain_peak"],
                effort=data["effort"],
                feeling=data.get("feeling") or "",
            )
        except entries.EntryError as exc:
            form.add_error(None, exc.message[0].upper() + exc.message[1:] + ".")
        else:
            if rows:
                messages.success(request, "Saved in your diary. Well done: every bit counts.")
            else:
                messages.success(request, "Nothing to log today, and that is okay.")
            return redirect("diary-day", patient_id=grant.patient.pk, day=day)
    context = {"patient": grant.patient, "session": session, "form": form}
    context["done_names"] = [programs.exercise_name(d["exercise_id"]) for d in session.done]
    return render(request, "plans/session_finish.html", context)
