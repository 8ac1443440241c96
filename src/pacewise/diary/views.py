"""Diary pages: the check-ins, logging movement, the timeline, a day, edits and their history."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from pacewise.accounts.access import Role
from pacewise.accounts.decorators import patient_view

from . import days, entries
from .catalog import ACTIVITIES, activity_label
from .charts import timeline_svg
from .days import today_for
from .forms import CHECKIN_FORMS, ActivityForm, CheckInForm
from .models import ActivitySession, CheckIn, Revision, Tag

TIMELINE_DAYS = 28
CONFLICT_MESSAGE = (
    "This entry was changed on another device while you were editing. "
    "Your changes are still below: check them and save again."
)


_today = today_for  # pacewise.diary.days


def _day_param(request, patient) -> date:
    try:
        return date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return _today(patient)


def _tag_names(patient) -> list[str]:
    return list(Tag.objects.filter(patient=patient).values_list("name", flat=True))


def _previous_values(patient, kind: str, day: date, fields) -> dict | None:
    """The most recent earlier check-in of this kind, for "Same as yesterday"."""
    last = (
        CheckIn.objects.filter(
            patient=patient,
            kind=kind,
            deleted_at__isnull=True,
            local_date__lt=day,
            local_date__gte=day - timedelta(days=3),
        )
        .order_by("-local_date", "-entered_at")
        .first()
    )
    if last is None:
        return None
    values = {f: getattr(last, f) for f in fields}
    values["tags"] = [t.name for t in last.tags.all()]
    values["locations"] = last.locations
    return values


def _save_error(form, exc: entries.EntryError):
    visible = exc.field in form.fields and not form.fields[exc.field].widget.is_hidden
    if visible:
        form.add_error(exc.field, exc.message[0].upper() + exc.message[1:] + ".")
    else:
        form.add_error(None, f"The day {exc.message}.")


@patient_view(role=Role.OWNER)
def checkin(request, grant, kind: str):
    form_class = CHECKIN_FORMS.get(kind)
    if form_class is None:
        raise Http404("No such check-in.")
    patient = grant.patient
    day = _day_param(request, patient)
    previous = _previous_values(patient, form_class.kind, day, form_class.FIELDS)
    initial = {"local_date": day, "entry_id": uuid.uuid4()}
    if request.GET.get("same") and previous:
        initial |= previous
    extra = {"ask_sleep": days.sleep_missing(patient, day)} if form_class is CheckInForm else {}
    form = form_class(
        request.POST or None, initial=initial, tag_names=_tag_names(patient), **extra
    )
    if request.method == "POST" and form.is_valid():
        try:
            entries.create(
                CheckIn,
                patient,
                request.user,
                values=form.values() | {"kind": form_class.kind},
                local_date=form.cleaned_data["local_date"],
                entry_id=form.cleaned_data.get("entry_id"),
                tags=form.tag_names(),
            )
        except entries.EntryError as exc:
            _save_error(form, exc)
        else:
            messages.success(request, "Saved. Thank you for checking in.")
            return redirect("patient-home", patient_id=patient.pk)
    context = {
        "patient": patient,
        "form": form,
        "kind": form_class.kind,
        "day": day,
        "today": _today(patient),
        "has_previous": previous is not None,
        "date_param": "" if day == _today(patient) else f"&date={day.isoformat()}",
    }
    if request.htmx and request.method == "GET":  # "Same as yesterday": only the form changes
        return render(request, "diary/_checkin_form.html", context)
    return render(request, "diary/checkin.html", context)


@patient_view(role=Role.OWNER)
def log_activity(request, grant):
    patient = grant.patient
    day = _day_param(request, patient)
    initial = {"local_date": day, "activity": request.GET.get("activity", ""),
               "entry_id": uuid.uuid4()}  # fmt: skip
    form = ActivityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            entries.create(
                ActivitySession,
                patient,
                request.user,
                values=form.values(),
                local_date=form.cleaned_data["local_date"],
                entry_id=form.cleaned_data.get("entry_id"),
            )
        except entries.EntryError as exc:
            _save_error(form, exc)
        else:
            messages.success(request, "Saved. Every bit of movement counts.")
            return redirect("patient-home", patient_id=patient.pk)
    own = ActivitySession.objects.filter(patient=patient).values_list("activity", flat=True)
    choices = [label for label, _ in ACTIVITIES.values()] + sorted(
        {a for a in own if a not in ACTIVITIES}
    )
    return render(
        request,
        "diary/activity.html",
        {"patient": patient, "form": form, "day": day, "choices": choices},
    )


@patient_view()
def timeline(request, grant):
    patient = grant.patient
    end = _today(patient)
    start = end - timedelta(days=TIMELINE_DAYS - 1)
    summaries = days.summaries(patient, start, end)
    title = f"Pain, tiredness and movement over the last {TIMELINE_DAYS} days"
    context = {
        "grant": grant,
        "patient": patient,
        "summaries": list(reversed(summaries)),
        "chart": timeline_svg(summaries, start, end, title),
        "start": start,
        "end": end,
    }
    return render(request, "diary/timeline.html", context)


@patient_view()
def day(request, grant, day: str):
    patient = grant.patient
    try:
        the_day = date.fromisoformat(day)
    except ValueError as exc:
        raise Http404("No such day.") from exc
    checkins = CheckIn.objects.filter(patient=patient, local_date=the_day, deleted_at__isnull=True)
    sessions = ActivitySession.objects.filter(
        patient=patient, local_date=the_day, deleted_at__isnull=True
    )
    summaries = days.summaries(patient, the_day, the_day)
    for s in sessions:
        s.label = activity_label(s.activity)
    context = {
        "grant": grant,
        "patient": patient,
        "day": the_day,
        "checkins": checkins.prefetch_related("tags"),
        "sessions": sessions,
        "summary": summaries[0] if summaries else None,
        "previous": the_day - timedelta(days=1),
        "next": the_day + timedelta(days=1),
        "is_today": the_day >= _today(patient),
    }
    return render(request, "diary/day.html", context)


def _entry(patient, entry_id):
    for model in (CheckIn, ActivitySession):
        found = model.objects.filter(patient=patient, pk=entry_id).first()
        if found is not None:
            return found
    raise Http404("No such entry.")


@patient_view(role=Role.OWNER)
def edit(request, grant, entry_id):
    patient = grant.patient
    entry = _entry(patient, entry_id)
    if entry.deleted_at is not None:
        raise Http404("This entry is deleted.")
    is_checkin = isinstance(entry, CheckIn)
    form_class = CHECKIN_FORMS[entry.kind] if is_checkin else ActivityForm
    initial = entries.snapshot(entry) | {"version": entry.version, "local_date": entry.local_date}
    kwargs = {"tag_names": _tag_names(patient)} if is_checkin else {}
    if form_class is CheckInForm:  # an evening check-in that said how the night was
        kwargs["ask_sleep"] = entry.sleep_hours is not None or entry.sleep_quality is not None
    form = form_class(request.POST or None, initial=initial, **kwargs)
    if request.method == "POST" and form.is_valid():
        values = form.values() | ({"kind": entry.kind} if is_checkin else {})
        try:
            entries.update(
                entry,
                request.user,
                values=values,
                expected_version=form.cleaned_data.get("version") or entry.version,
                local_date=form.cleaned_data["local_date"],
                tags=form.tag_names() if is_checkin else None,
            )
        except entries.Conflict as exc:
            form.add_error(None, CONFLICT_MESSAGE)
            data = form.data.copy()
            data["version"] = exc.current.version
            form.data = data
        except entries.EntryError as exc:
            _save_error(form, exc)
        else:
            messages.success(request, "Saved. The earlier version is kept in the history.")
            return redirect("diary-day", patient_id=patient.pk, day=entry.local_date.isoformat())
    template = "diary/checkin.html" if is_checkin else "diary/activity.html"
    context = {
        "patient": patient,
        "form": form,
        "entry": entry,
        "day": entry.local_date,
        "kind": getattr(entry, "kind", None),
        "editing": True,
    }
    return render(request, template, context)


@require_POST
@patient_view(role=Role.OWNER)
def delete(request, grant, entry_id):
    entry = entries.delete(_entry(grant.patient, entry_id), request.user)
    messages.success(request, "Deleted. You can restore it from “Recently deleted” for 30 days.")
    return redirect("diary-day", patient_id=grant.patient.pk, day=entry.local_date.isoformat())


@require_POST
@patient_view(role=Role.OWNER)
def restore(request, grant, entry_id):
    try:
        entry = entries.restore(_entry(grant.patient, entry_id), request.user)
    except entries.EntryError as exc:
        messages.error(request, exc.message.capitalize() + ".")
        return redirect("diary-deleted", patient_id=grant.patient.pk)
    messages.success(request, "Restored.")
    return redirect("diary-day", patient_id=grant.patient.pk, day=entry.local_date.isoformat())


@patient_view()
def history(request, grant, entry_id):
    entry = _entry(grant.patient, entry_id)
    revisions = Revision.objects.filter(patient=grant.patient, entry_id=entry.pk)
    return render(
        request,
        "diary/history.html",
        {"grant": grant, "patient": grant.patient, "entry": entry, "revisions": revisions},
    )


@patient_view(role=Role.OWNER)
def deleted(request, grant):
    since = timezone.now() - timedelta(days=entries.RESTORE_DAYS)
    rows = [
        *CheckIn.objects.filter(patient=grant.patient, deleted_at__gte=since),
        *ActivitySession.objects.filter(patient=grant.patient, deleted_at__gte=since),
    ]
    rows.sort(key=lambda e: e.deleted_at, reverse=True)
    return render(request, "diary/deleted.html", {"patient": grant.patient, "rows": rows})
