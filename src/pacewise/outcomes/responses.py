"""Saving a questionnaire response, and the safety protocol that a self-harm answer starts.

Used by the web pages and the API alike.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from pacewise.accounts.access import shared_with
from pacewise.accounts.consent import care_team_emails
from pacewise.core import instruments as core
from pacewise.core.localtime import today_in
from pacewise.core.schedule import SCHEDULED, Done, current_occasion

from .models import Assignment, Response, SafetyAlert


def program_start(patient) -> date:
    return timezone.localtime(patient.created_at, _zone(patient)).date()


def _zone(patient):
    from zoneinfo import ZoneInfo

    return ZoneInfo(patient.user.time_zone)


def patient_today(patient) -> date:
    return today_in(patient.user.time_zone, timezone.now())


def done_items(patient) -> list[Done]:
    rows = Response.objects.filter(patient=patient).values_list(
        "instrument_id", "occasion", "local_date"
    )
    return [Done(i, o, d) for i, o, d in rows]


def occasion_for(patient, instrument_id: str, assignment: Assignment | None) -> str:
    """Which occasion a new response counts for."""
    if assignment is not None:
        return "extra"
    if instrument_id not in SCHEDULED:
        return "short" if instrument_id in {"phq2", "gad2"} else "extra"
    occasion = current_occasion(program_start(patient), patient_today(patient))
    already = {(d.instrument_id, d.occasion) for d in done_items(patient)}
    if occasion is None or (instrument_id, occasion) in already:
        return "extra"
    return occasion


def record(patient, instrument, answers: dict, *, assignment: Assignment | None = None):
    """Score and save; raises core.InvalidAnswers / core.CannotScore with a reason."""
    result = core.score(instrument, answers)
    with transaction.atomic():
        response = Response.objects.create(
            patient=patient,
            instrument_id=instrument.id,
            instrument_version=instrument.version,
            occasion=occasion_for(patient, instrument.id, assignment),
            answers=answers,
            total=result.total,
            band=result.band.label if result.band else "",
            interpretation=result.interpretation,
            prorated=result.prorated,
            safety_flag=bool(result.safety_flags),
            local_date=patient_today(patient),
        )
        if assignment is not None:
            assignment.response = response
            assignment.save(update_fields=["response"])
        alerts = [
            SafetyAlert.objects.create(
                patient=patient, response=response, item_id=flag.item_id, value=flag.value
            )
            for flag in result.safety_flags
        ]
    for alert in alerts:
        alert_care_team(alert)
    return response, result, alerts


def alert_care_team(alert: SafetyAlert) -> None:
    """Email every clinician who currently shares the record. The email names no one and no
    answer (email is not a safe place for that); it asks them to open Pacewise today."""
    recipients = care_team_emails(alert.patient)
    if not recipients:
        return
    url = settings.SITE_URL + reverse("caseload")
    send_mail(
        subject="[Pacewise] Please check in with a patient today",
        message=render_to_string("outcomes/email/safety_alert.txt", {"url": url}),
        from_email=None,
        recipient_list=recipients,
    )
    alert.emailed_to = recipients
    alert.save(update_fields=["emailed_to"])


def unseen_alert(patient) -> SafetyAlert | None:
    return SafetyAlert.objects.filter(patient=patient, seen_by_patient_at__isnull=True).first()


def open_alerts_for(user):
    """Alerts not yet followed up, for patients who share with the user's clinics."""
    return (
        SafetyAlert.objects.filter(
            shared_with(user, "patient__"),
            followed_up_at__isnull=True,
        )
        .select_related("patient__user")
        .distinct()
    )
