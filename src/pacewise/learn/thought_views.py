"""Thought records (CBT): write down the thought, look at it, find a kinder and truer one.

Step one: what happened, the thought, the feelings and how strong. Step two: gentle prompts
about thinking traps in the thought, the evidence both ways, a balanced thought, and a re-rating
of the feelings. The history shows how the ratings changed.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pacewise.accounts.access import Role
from pacewise.accounts.decorators import patient_view

from . import mind_body
from .forms import ThoughtFinishForm, ThoughtStartForm, posted
from .models import ThoughtRecord
from .privacy import private_entry_view


def _own_record(grant, entry_id) -> ThoughtRecord:
    record = ThoughtRecord.objects.filter(patient=grant.patient, pk=entry_id).first()
    if record is None:
        raise Http404("No such thought record.")
    return record


@patient_view(role=Role.OWNER)
def thoughts(request, grant):
    rows = ThoughtRecord.objects.filter(patient=grant.patient)
    return render(
        request, "learn/thoughts.html", {"patient": grant.patient, "records": list(rows[:100])}
    )


@patient_view(role=Role.OWNER)
def thought_new(request, grant):
    patient = grant.patient
    form = ThoughtStartForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = mind_body.save_thought(
                patient,
                {
                    "situation": data["situation"],
                    "thought": data["thought"],
                    "feelings": form.feelings(),
                    "shared": data["shared"],
                },
            )
        except mind_body.RecordError as exc:
            form.add_error(None, exc.message[0].upper() + exc.message[1:] + ".")
        else:
            return redirect("learn-thought-finish", patient_id=patient.pk, entry_id=record.pk)
    return render(request, "learn/thought_new.html", {"patient": patient, "form": form})


@patient_view(role=Role.OWNER)
def thought_finish(request, grant, entry_id):
    patient = grant.patient
    record = _own_record(grant, entry_id)
    initial = {
        "evidence_for": record.evidence_for,
        "evidence_against": record.evidence_against,
        "balanced_thought": record.balanced_thought,
    } | {f"after_{n}": f.get("after") for n, f in enumerate(record.feelings, start=1)}
    form = ThoughtFinishForm(posted(request), initial=initial, feelings=record.feelings)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        mind_body.save_thought(
            patient,
            {
                "evidence_for": data["evidence_for"],
                "evidence_against": data["evidence_against"],
                "balanced_thought": data["balanced_thought"],
                "feelings": form.feelings(record.feelings),
            },
            record,
        )
        messages.success(request, "Saved. Looking at a hard thought takes courage.")
        return redirect("learn-thought", patient_id=patient.pk, entry_id=record.pk)
    context = {
        "patient": patient,
        "record": record,
        "form": form,
        "traps": mind_body.traps_in(record),
        "help": mind_body.thought_worry(record),
    }
    return render(request, "learn/thought_finish.html", context)


@private_entry_view(ThoughtRecord)
def thought(request, grant, record):
    context = {
        "grant": grant,
        "patient": grant.patient,
        "record": record,
        "traps": mind_body.traps_in(record) if grant.is_owner else (),
        "help": mind_body.thought_worry(record) if grant.is_owner else None,
    }
    return render(request, "learn/thought.html", context)


@require_POST
@patient_view(role=Role.OWNER)
def thought_delete(request, grant, entry_id):
    _own_record(grant, entry_id).delete()
    messages.success(request, "The thought record is deleted.")
    return redirect("learn-thoughts", patient_id=grant.patient.pk)
