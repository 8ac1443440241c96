"""Gentle reminders that questionnaires are open: a card in the app, and one email an occasion."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from pacewise.accounts.models import Patient
from pacewise.core.instruments.schedule import next_reminder, schedule
from pacewise.diary.days import today_for

from . import registry
from .models import Reminder
from .responses import done_items, program_start


def questionnaire_reminder(patient):
    """The one open questionnaire worth mentioning today, with its name, or None."""
    today = today_for(patient)
    due = next_reminder(schedule(program_start(patient), today, done_items(patient)), today)
    if due is None:
        return None
    instrument = registry.get(due.instrument_id)
    return {"due": due, "name": instrument.name if instrument else due.instrument_id}


def send_reminders() -> int:
    """Email each person once per occasion when its questionnaires open. Returns emails sent."""
    sent = 0
    for patient in Patient.objects.select_related("user").filter(user__is_active=True):
        reminder = questionnaire_reminder(patient)
        if reminder is None:
            continue
        try:
            with transaction.atomic():
                Reminder.objects.create(patient=patient, occasion=reminder["due"].occasion)
        except IntegrityError:
            continue  # already reminded for this occasion
        url = settings.SITE_URL + reverse("outcomes-list", args=[patient.pk])
        send_mail(
            subject="[Pacewise] A few questions, when you are ready",
            message=render_to_string(
                "outcomes/email/reminder.txt",
                {"reminder": reminder, "url": url, "user": patient.user},
            ),
            from_email=None,
            recipient_list=[patient.user.email],
        )
        sent += 1
    return sent
