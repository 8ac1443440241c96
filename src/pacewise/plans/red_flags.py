"""Recording red-flag screens, pausing the program, telling the care team, and clearing.

Used by the web pages and the API alike. The rules (which answers stop the program, how
urgent it is) are in ``pacewise.core.screening``; this module stores and sends.
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
from pacewise.core import screening as core

from .models import RedFlagAlert, Screening

EMERGENCY_NUMBERS = {"US": "911", "GB": "999", "UK": "999"}


def emergency_number() -> str | None:
    """The emergency number for the deployment's country (PACEWISE_CRISIS_COUNTRY)."""
    return EMERGENCY_NUMBERS.get(settings.PACEWISE_CRISIS_COUNTRY.upper())


def record(patient, answers: dict[str, bool], occasion: str):
    """Assess and store one screen; a "yes" opens a `RedFlagAlert` and emails the care team.

    Returns (screening, result, alert or None). Raises core.InvalidAnswers.
    """
    result = core.assess(answers)
    with transaction.atomic():
        screening = Screening.objects.create(
            patient=patient,
            occasion=occasion,
            answers=answers,
            positive=list(result.positive_ids),
            level=result.level or "",
        )
        alert = None
        if result.stops_program:
            alert = RedFlagAlert.objects.create(
                patient=patient,
                screening=screening,
                level=result.level,
                question_ids=list(result.positive_ids),
            )
    if alert is not None:
        alert_care_team(alert)
    return screening, result, alert


def alert_care_team(alert: RedFlagAlert) -> None:
    """Email every clinician who currently shares the record, naming no one and no symptom."""
    recipients = care_team_emails(alert.patient)
    if not recipients:
        return
    send_mail(
        subject="[Pacewise] A patient's exercise program is paused for a medical check",
        message=render_to_string(
            "plans/email/red_flag_alert.txt", {"url": settings.SITE_URL + reverse("caseload")}
        ),
        from_email=None,
        recipient_list=recipients,
    )
    alert.emailed_to = recipients
    alert.save(update_fields=["emailed_to"])


def open_alert(patient) -> RedFlagAlert | None:
    """The newest alert not yet cleared: while there is one, the program is paused."""
    return RedFlagAlert.objects.filter(patient=patient, cleared_at__isnull=True).first()


def is_paused(patient) -> bool:
    return open_alert(patient) is not None


@transaction.atomic
def clear(patient, actor, *, seen_on: date, by_clinician: bool) -> int:
    """Resume the program: the person confirms a clinician cleared them, or a linked
    clinician clears them. Clears every open alert; returns how many."""
    open_alerts = RedFlagAlert.objects.select_for_update().filter(
        patient=patient, cleared_at__isnull=True
    )
    return open_alerts.update(
        cleared_at=timezone.now(),
        cleared_by=actor,
        cleared_by_label=actor.name,
        cleared_by_clinician=by_clinician,
        seen_on=seen_on,
    )


def describe(alert: RedFlagAlert) -> list[str]:
    """The questions answered "yes", in plain words."""
    return [core.BY_ID[q].text for q in alert.question_ids if q in core.BY_ID]


def open_red_flags_for(user):
    """Uncleared alerts for patients who currently share with the user's clinics."""
    return (
        RedFlagAlert.objects.filter(
            shared_with(user, "patient__"),
            cleared_at__isnull=True,
        )
        .select_related("patient__user")
        .distinct()
    )
