"""The plan in the person's own calendar: a private iCalendar feed of the coming week.

One all-day item a day for the next 7 days (it reads best in common clients: a day's plan is
a set of short bouts, not an appointment at a time). The title says no more than the person
chose: "Movement plan" by default, or the amounts ("Pacewise: 16 minutes of walking"). The
address carries a secret; only its hash is stored, and revoking or renewing it ends the old one.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone
from icalendar import Calendar, Event

from pacewise.diary.days import today_for

from . import state as plan_state
from .models import CalendarFeed

DAYS = 7
PLAIN_TITLE = "Movement plan"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def active_feed(patient) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(patient=patient, revoked_at__isnull=True).first()


def new_feed(patient, *, detail: bool) -> str:
    """Revoke any feed and make a new one; returns the secret (shown once)."""
    revoke(patient)
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.create(patient=patient, token_hash=_hash(token), detail=detail)
    return token


def revoke(patient) -> int:
    return CalendarFeed.objects.filter(patient=patient, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def feed_for(token: str) -> CalendarFeed | None:
    return (
        CalendarFeed.objects.select_related("patient__user")
        .filter(token_hash=_hash(token), revoked_at__isnull=True)
        .first()
    )


def ics(feed: CalendarFeed, today_url: str) -> bytes:
    patient = feed.patient
    today = today_for(patient)
    state = plan_state.load(patient, today)
    amounts = state.daily_amounts(daily_only=True)
    title = PLAIN_TITLE
    if feed.detail and amounts:
        title = "Pacewise: " + ", ".join(amounts)
    cal = Calendar()
    cal.add("prodid", "-//Pacewise//Movement plan//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Pacewise")
    for n in range(DAYS):
        day = today + timedelta(days=n)
        event = Event()
        event.add("uid", f"{_hash(str(patient.pk))[:24]}-{day.isoformat()}@pacewise")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", title)
        event.add("transp", "TRANSPARENT")  # not "busy": a plan, not an appointment
        event.add(
            "description",
            "Today's plan, adjusted to how you are, is on your Today page: " + today_url,
        )
        cal.add_component(event)
    return cal.to_ical()
