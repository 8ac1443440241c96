"""The positive-psychology sequence: one short exercise a week, in the tested order."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from pacewise.accounts.access import Role
from pacewise.accounts.decorators import patient_view
from pacewise.core.learn import positive

from . import mind_body
from .course import practice_counts
from .forms import JournalForm, posted
from .models import JournalEntry
from .privacy import private_entry_view


def _module_states(patient):
    counts = practice_counts(patient)
    week = mind_body.module_week(patient)
    current = positive.module_for_week(week)
    return [
        {
            "module": m,
            "count": counts.get(m.key, 0),
            "is_open": positive.is_open(m.key, counts, week),
            "is_current": m.key == current.key,
            "waiting_for": positive.still_to_practise(m.key, counts),
        }
        for m in positive.MODULES
    ], week


@patient_view(role=Role.OWNER)
def practice(request, grant):
    states, week = _module_states(grant.patient)
    context = {
        "patient": grant.patient,
        "states": states,
        "week": min(week, positive.WEEKS),
        "min_practice": positive.MIN_PRACTICE,
    }
    return render(request, "learn/practice.html", context)


@patient_view(role=Role.OWNER)
def practice_module(request, grant, module: str):
    patient = grant.patient
    states, _ = _module_states(patient)
    state = next((s for s in states if s["module"].key == module), None)
    if state is None:
        raise Http404("No such exercise.")
    found = state["module"]
    form = JournalForm(posted(request), prompt=found.prompt)
    if request.method == "POST" and state["is_open"] and form.is_valid():
        try:
            mind_body.add_journal_entry(
                patient, found.key, form.cleaned_data["text"], shared=form.cleaned_data["shared"]
            )
        except mind_body.RecordError as exc:
            form.add_error("text" if exc.field == "text" else None, exc.message.capitalize() + ".")
        else:
            messages.success(request, "Saved, just for you. Thank you for taking this time.")
            return redirect("learn-practice-module", patient_id=patient.pk, module=found.key)
    entries = JournalEntry.objects.filter(patient=patient, module=found.key)[:50]
    context = {
        "patient": patient,
        "state": state,
        "module": found,
        "form": form,
        "entries": entries,
        "min_practice": positive.MIN_PRACTICE,
        "help": mind_body.recent_worry(patient, entries[:5]),
    }
    return render(request, "learn/practice_module.html", context)


@private_entry_view(JournalEntry)
def journal_entry(request, grant, entry):
    context = {
        "grant": grant,
        "patient": grant.patient,
        "entry": entry,
        "module": positive.module(entry.module),
        "help": mind_body.worry(grant.patient, entry.text) if grant.is_owner else None,
    }
    return render(request, "learn/journal_entry.html", context)
