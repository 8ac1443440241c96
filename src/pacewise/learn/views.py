"""Learn pages: the learn home, lessons and their checks, the flare kit, what is shared."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pacewise.accounts.access import Role
from pacewise.accounts.decorators import patient_view
from pacewise.core.learn import positive

from . import course, mind_body
from .forms import AnswerForm, FlareKitForm, posted
from .models import FlareKit, Goal, LessonAssignment, LessonRead, ThoughtRecord
from .privacy import SHAREABLE, flare_kit_view, set_shared, shared_entries


@patient_view(role=Role.OWNER)
def home(request, grant):
    patient = grant.patient
    in_flare = course.in_flare_today(patient)
    week = mind_body.module_week(patient)
    context = {
        "patient": patient,
        "overview": course.overview(patient),
        "in_flare": in_flare,
        "suggestions": course.suggestions(patient, in_flare=in_flare),
        "flare_kit": FlareKit.objects.filter(patient=patient).first(),
        "practice": positive.module_for_week(week),
        "thought_count": ThoughtRecord.objects.filter(patient=patient).count(),
        "active_goals": Goal.objects.filter(patient=patient, status=Goal.Status.ACTIVE)[:3],
    }
    return render(request, "learn/home.html", context)


def _lesson_context(patient, lesson, forms=None):
    answers = course.answers(patient, lesson)
    checks = []
    for number, question in enumerate(lesson.questions, start=1):
        given = answers.get(number)
        form = (forms or {}).get(number) or AnswerForm(
            initial={"option": given.option} if given else None,
            question=question,
            prefix=f"q{number}",
        )
        checks.append(
            {
                "number": number,
                "form": form,
                "answer": given,
                "feedback": course.feedback(lesson, given) if given else "",
            }
        )
    return {
        "patient": patient,
        "lesson": lesson,
        "checks": checks,
        "is_read": LessonRead.objects.filter(patient=patient, lesson_id=lesson.id).exists(),
    }


@patient_view(role=Role.OWNER)
def lesson(request, grant, lesson_id: str):
    patient = grant.patient
    found = course.lesson_or_404(lesson_id)
    course.start_date(patient, start=True)
    if not course.can_open(patient, found):
        state = next(s for s in course.overview(patient).locked if s.lesson.id == found.id)
        return render(
            request, "learn/lesson_locked.html", {"patient": patient, "state": state}, status=200
        )
    return render(request, "learn/lesson.html", _lesson_context(patient, found))


@require_POST
@patient_view(role=Role.OWNER)
def answer(request, grant, lesson_id: str, question: int):
    patient = grant.patient
    found = course.lesson_or_404(lesson_id)
    if not 1 <= question <= len(found.questions) or not course.can_open(patient, found):
        raise Http404("No such question.")
    form = AnswerForm(request.POST, question=found.questions[question - 1], prefix=f"q{question}")
    if form.is_valid():
        course.answer(patient, found, question, form.cleaned_data["option"])
        url = reverse("learn-lesson", args=[patient.pk, found.id])
        return redirect(f"{url}#check-{question}")
    context = _lesson_context(patient, found, forms={question: form})
    return render(request, "learn/lesson.html", context, status=200)


@require_POST
@patient_view(role=Role.OWNER)
def mark_read(request, grant, lesson_id: str):
    found = course.lesson_or_404(lesson_id)
    if course.mark_read(grant.patient, found):
        messages.success(request, f"Marked \u201c{found.title}\u201d as read. Nicely done.")
    return redirect("learn-home", patient_id=grant.patient.pk)


@flare_kit_view
def flare_kit(request, grant, kit):
    return render(
        request,
        "learn/flare_kit.html",
        {"grant": grant, "patient": grant.patient, "kit": kit, "in_flare": _in_flare(grant)},
    )


def _in_flare(grant):
    return grant.is_owner and course.in_flare_today(grant.patient)


@patient_view(role=Role.OWNER)
def flare_kit_edit(request, grant):
    patient = grant.patient
    kit = FlareKit.objects.filter(patient=patient).first()
    initial = {name: getattr(kit, name) for name in mind_body.FLARE_KIT_FIELDS} if kit else None
    form = FlareKitForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        mind_body.save_flare_kit(patient, form.cleaned_data)
        messages.success(request, "Your flare kit is saved. It will be here when you need it.")
        return redirect("learn-flare-kit", patient_id=patient.pk)
    return render(request, "learn/flare_kit_edit.html", {"patient": patient, "form": form})


@require_POST
@patient_view(role=Role.OWNER)
def share(request, grant, kind: str, entry_id):
    model = SHAREABLE.get(kind)
    entry = model and model.objects.filter(patient=grant.patient, pk=entry_id).first()
    if entry is None:
        raise Http404("No such entry.")
    set_shared(entry, request.POST.get("shared") == "1")
    if entry.shared:
        messages.success(request, "Shared. Your care team can now read this entry.")
    else:
        messages.success(request, "This entry is private again. Only you can see it.")
    target = "learn-thought" if kind == "thought" else "learn-journal-entry"
    return redirect(target, patient_id=grant.patient.pk, entry_id=entry.pk)


@patient_view()
def shared(request, grant):
    patient = grant.patient
    context = {
        "grant": grant,
        "patient": patient,
        "overview": course.overview(patient, start=False),
        **shared_entries(patient),
    }
    return render(request, "learn/shared.html", context)


@patient_view(role=Role.CLINICIAN)
def suggest(request, grant):
    """The care team suggests a lesson: it opens for the person at once and leads their
    suggestions, saying who suggested it and why."""
    patient = grant.patient
    status = 200
    if request.method == "POST":
        try:
            row = course.assign(grant, request.POST.get("lesson_id", ""),
                                request.POST.get("note", ""))  # fmt: skip
        except course.AssignError as exc:
            messages.error(request, exc.message)
            status = 400
        else:
            title = course.lesson_or_404(row.lesson_id).title
            messages.success(request, f"“{title}” suggested to {patient.user.name}.")
            return redirect("learn-suggest", patient_id=patient.pk)
    view = course.overview(patient, start=False)
    titles = {lesson.id: lesson.title for lesson in course.lessons()}
    context = {
        "grant": grant, "patient": patient, "states": view.open + view.locked,
        "past": [(a, titles.get(a.lesson_id, a.lesson_id))
                 for a in LessonAssignment.objects.filter(patient=patient)[:20]],
        "posted": request.POST if status == 400 else {},
    }  # fmt: skip
    return render(request, "learn/suggest.html", context, status=status)
