"""The plan in the person's calendar: the page that makes, shows once and stops the private
address, and the feed itself (reached by its secret, not a session)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from pacewise.accounts.access import Role
from pacewise.accounts.decorators import patient_view

from . import calendar


@patient_view(role=Role.OWNER)
def calendar_page(request, grant):
    patient = grant.patient
    context = {"patient": patient, "feed": calendar.active_feed(patient), "address": None}
    if request.method == "POST":
        if request.POST.get("action") == "stop":
            calendar.revoke(patient)
            messages.success(request, "The calendar address is stopped. Your calendar app will "
                                      "stop showing the plan when it next checks.")  # fmt: skip
            return redirect("today-calendar", patient_id=patient.pk)
        token = calendar.new_feed(patient, detail=request.POST.get("detail") == "on")
        path = reverse("calendar-feed", kwargs={"token": token})
        address = request.build_absolute_uri(path)
        context |= {"feed": calendar.active_feed(patient), "address": address}
    return render(request, "today/calendar.html", context)


@require_GET
def calendar_feed(request, token: str):
    feed = calendar.feed_for(token)
    if feed is None:
        raise Http404("No such calendar.")
    today_url = request.build_absolute_uri(reverse("today", args=[feed.patient.pk]))
    body = calendar.ics(feed, today_url)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="pacewise.ics"'
    return response
