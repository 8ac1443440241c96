"""The reminders page (which, when, quiet hours) and "not today" from a reminder's link."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from pacewise.accounts.access import Role
from pacewise.accounts.decorators import patient_view
from pacewise.accounts.models import Patient
from pacewise.core import reminders as rules

from . import push, reminders
from .forms import RemindersForm
from .models import PushSubscription


@patient_view(role=Role.OWNER)
def reminders_page(request, grant):
    patient = grant.patient
    wishes = reminders.wishes_for(patient)
    form = RemindersForm(request.POST or None, wishes=wishes)
    if request.method == "POST" and form.is_valid():
        try:
            reminders.save_wishes(patient, form.kinds(), form.quiet())
        except reminders.ReminderError as exc:
            form.add_error(exc.field, exc.message[0].upper() + exc.message[1:] + ".")
        else:
            messages.success(request, "Saved. Reminders come at these times of your day, "
                                      "wherever you are.")  # fmt: skip
            return redirect("today-reminders", patient_id=patient.pk)
    context = {"patient": patient, "form": form, "labels": rules.LABELS,
               "every_after": rules.SPACE_OUT_AFTER, "push_key": push.public_key()}  # fmt: skip
    return render(request, "today/reminders.html", context)


def not_today(request, token: str):
    """From a reminder's "Not today" link: one button, no sign-in needed (the link is signed
    and lasts two days); it only quiets the rest of that day's reminders."""
    found = reminders.read_not_today(token)
    if found is None:
        raise Http404("This link has run out.")
    patient = get_object_or_404(Patient, pk=found[0])
    done = request.method == "POST"
    if done:
        reminders.skip_day(patient, found[1])
    return render(request, "today/not_today.html", {"day": found[1], "done": done})


@csrf_exempt  # the signed token in the address is the credential; it can only quiet a day
@require_POST
def not_today_quiet(request, token: str):
    """ "Not today" tapped on a notification: the service worker posts here, no page opens."""
    found = reminders.read_not_today(token)
    if found is None:
        raise Http404("This link has run out.")
    reminders.skip_day(get_object_or_404(Patient, pk=found[0]), found[1])
    return HttpResponse(status=204)


@require_POST
@patient_view(role=Role.OWNER)
def push_subscription(request, grant):
    """The Reminders page's "notifications on this phone": the browser's subscription (JSON),
    kept to send reminders to; ``{"stop": endpoint}`` forgets it."""
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        return JsonResponse({"detail": "Send the subscription as JSON."}, status=400)
    if not isinstance(data, dict):
        return JsonResponse({"detail": "Send the subscription as JSON."}, status=400)
    if data.get("stop"):
        PushSubscription.objects.filter(patient=grant.patient, endpoint=data["stop"]).delete()
        return JsonResponse({"stopped": True})
    try:
        push.subscribe(grant.patient, data)
    except push.PushError as exc:
        return JsonResponse({"detail": "Not saved.", "errors": exc.as_errors()}, status=422)
    return JsonResponse({"saved": True}, status=201)
