"""Goals in the spirit of motivational interviewing: what matters, two rulers, a small goal.

Step one: what matters, the goal (what, how much, how often, until when) and the importance
and confidence rulers. Step two: open questions in the person's own numbers and, when
confidence is below 7, smaller versions to choose from (or keep the goal as it is).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from pacewise.accounts.access import Role
from pacewise.accounts.decorators import patient_view
from pacewise.core.learn.goals import (
    GoalDraft,
    default_by_date,
    goal_sentence,
    needs_shrinking,
    reflection_due,
    ruler_follow_ups,
    smaller_versions,
)
from pacewise.diary.catalog import ACTIVITIES
from pacewise.diary.models import ActivitySession

from . import mind_body
from .course import today_for
from .forms import GoalForm, GoalRulersForm, ReflectionForm, posted
from .models import Goal


def _own_goal(grant, entry_id) -> Goal:
    goal = Goal.objects.filter(patient=grant.patient, pk=entry_id).first()
    if goal is None:
        raise Http404("No such goal.")
    return goal


def _error(form, exc: mind_body.RecordError):
    message = exc.message[0].upper() + exc.message[1:]
    message += "" if message.endswith(".") else "."
    form.add_error(exc.field if exc.field in form.fields else None, message)


@patient_view(role=Role.OWNER)
def goals(request, grant):
    patient = grant.patient
    today = today_for(patient)
    rows = list(Goal.objects.filter(patient=patient).exclude(status=Goal.Status.DRAFT)[:50])
    for goal in rows:
        goal.sentence = goal_sentence(goal.draft())
        last = goal.reflections.first()
        goal.last_reflection = last
        goal.reflection_due = goal.status == Goal.Status.ACTIVE and reflection_due(
            goal.started_on, last.local_date if last else None, today
        )
    return render(request, "learn/goals.html", {"patient": patient, "goals": rows})


def _activity_choices(patient) -> list[str]:
    own = ActivitySession.objects.filter(patient=patient).values_list("activity", flat=True)
    return [label for label, _ in ACTIVITIES.values()] + sorted(
        {a for a in own if a not in ACTIVITIES}
    )


@patient_view(role=Role.OWNER)
def goal_new(request, grant):
    patient = grant.patient
    initial = {"by_date": default_by_date(today_for(patient)), "unit": "minutes"}
    form = GoalForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        draft = GoalDraft(
            what=data["what"],
            amount=data["amount"],
            unit=data["unit"],
            times_per_week=data["times_per_week"],
            by_date=data["by_date"],
            activity=data["activity"],
        )
        try:
            goal = mind_body.start_goal(
                patient,
                draft,
                value=data["value"],
                importance=data["importance"],
                confidence=data["confidence"],
            )
        except mind_body.RecordError as exc:
            _error(form, exc)
        else:
            return redirect("learn-goal-rulers", patient_id=patient.pk, entry_id=goal.pk)
    context = {"patient": patient, "form": form, "choices": _activity_choices(patient)}
    return render(request, "learn/goal_new.html", context)


@patient_view(role=Role.OWNER)
def goal_rulers(request, grant, entry_id):
    patient = grant.patient
    goal = _own_goal(grant, entry_id)
    importance_q = ruler_follow_ups("importance", goal.importance)
    confidence_q = ruler_follow_ups("confidence", goal.confidence)
    shrink = needs_shrinking(goal.confidence) and goal.status == Goal.Status.DRAFT
    versions = smaller_versions(goal.draft()) if shrink else ()
    form = GoalRulersForm(
        posted(request),
        initial={
            "importance_why": goal.importance_why,
            "confidence_why": goal.confidence_why,
            "confidence_lift": goal.confidence_lift,
        },
        questions=(importance_q[0], confidence_q[0], confidence_q[1]),
        versions=[goal_sentence(v) for v in versions],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            mind_body.confirm_goal(goal, answers=data, version=data.get("version") or 0)
        except mind_body.RecordError as exc:
            _error(form, exc)
        else:
            messages.success(request, "Your goal is set. Small steps add up.")
            return redirect("learn-goals", patient_id=patient.pk)
    context = {
        "patient": patient,
        "goal": goal,
        "sentence": goal_sentence(goal.draft()),
        "form": form,
        "shrink": shrink,
    }
    return render(request, "learn/goal_rulers.html", context)


@patient_view(role=Role.OWNER)
def goal_reflect(request, grant, entry_id):
    patient = grant.patient
    goal = _own_goal(grant, entry_id)
    form = ReflectionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            mind_body.reflect(goal, form.cleaned_data)
        except mind_body.RecordError as exc:
            _error(form, exc)
        else:
            status = request.POST.get("status")
            if status in (Goal.Status.DONE, Goal.Status.PAUSED, Goal.Status.ACTIVE):
                goal.status = status
                goal.save(update_fields=["status"])
            messages.success(request, "Thank you for looking back. That is part of the work.")
            return redirect("learn-goals", patient_id=patient.pk)
    context = {
        "patient": patient,
        "goal": goal,
        "sentence": goal_sentence(goal.draft()),
        "form": form,
    }
    return render(request, "learn/goal_reflect.html", context)
