"""Recording red-flag screens, pausing the program, telling the care team, and clearing.

Used by the web pages and the API alike. The rules (which answers stop the program, how
urgent it is) are in ``pacewise.core.safety.screening``; this module stores and sends.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from pacewise.accounts.access import shared_with
from pacewise.accounts.consent import care_team_emails
from pacewise.accounts.models import AuditEvent
from pacewise.core.localtime import today_in
from pacewise.core.safety import screening as core
from pacewise.core.safety.pause import PauseRules, clearance_problems, rules_for
from pacewise.diary.days import today_for

from .models import RedFlagAlert, Screening
from .programs import Actor


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
    """The most urgent alert not yet cleared (newest first within a level): while there is
    one, the program is paused at its level."""
    alerts = list(RedFlagAlert.objects.filter(patient=patient, cleared_at__isnull=True))
    if not alerts:
        return None
    rank = {level: i for i, level in enumerate(core.LEVELS)}
    return min(alerts, key=lambda a: rank.get(a.level, len(rank)))


def pause_rules(patient) -> PauseRules:
    """What the open pause (if any) allows: every surface asks this, via core.safety.pause."""
    alert = open_alert(patient)
    return rules_for(alert.level if alert else None)


class ClearanceRefused(ValueError):
    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(problems.values()))
        self.problems = problems


def alerted_on(alert: RedFlagAlert, time_zone: str) -> date:
    """The day, in the person's zone, that the symptoms were reported."""
    return today_in(time_zone, alert.created_at)


@transaction.atomic
def clear(patient, actor: Actor, *, seen_on: date, assessed_by: str = "", clinic=None) -> int:
    """Resume the program: the person records the check (at the emergency level, who did it),
    or a linked clinician clears them. The rules are core.safety.pause.clearance_problems, checked
    against every open alert; raises ClearanceRefused. The person's own clearance is written
    to the audit log too (a clinician's already is); returns how many alerts were cleared."""
    open_alerts = list(
        RedFlagAlert.objects.select_for_update().filter(patient=patient, cleared_at__isnull=True)
    )
    problems: dict[str, str] = {}
    for alert in open_alerts:
        problems |= clearance_problems(
            alert.level,
            alerted_on=alerted_on(alert, patient.user.time_zone),
            seen_on=seen_on,
            today=today_for(patient),
            by_clinician=actor.by_clinician,
            assessed_by=assessed_by,
        )
    if problems:
        raise ClearanceRefused(problems)
    for alert in open_alerts:
        alert.cleared_at = timezone.now()
        alert.cleared_by = actor.user
        alert.cleared_by_label = actor.label
        alert.cleared_by_clinician = actor.by_clinician
        alert.seen_on = seen_on
        alert.assessed_by = assessed_by.strip()[:200]
        alert.save(
            update_fields=[
                "cleared_at",
                "cleared_by",
                "cleared_by_label",
                "cleared_by_clinician",
                "seen_on",
                "assessed_by",
            ]
        )
    if open_alerts and not actor.by_clinician:  # a clinician's write is audited by access.py
        AuditEvent.objects.create(
            patient=patient,
            actor=actor.user,
            actor_label=actor.label,
            clinic=clinic,
            action=AuditEvent.Action.CHANGE,
            what="red-flag-cleared",
            path="",
        )
    return len(open_alerts)


def history(patient, limit: int = 20) -> list[RedFlagAlert]:
    """Every alert, newest first, with who cleared it, for the care team's record."""
    alerts = list(RedFlagAlert.objects.filter(patient=patient)[:limit])
    for alert in alerts:
        alert.reported = describe(alert)
    return alerts


def describe(alert: RedFlagAlert) -> list[str]:
    """The questions answered "yes", in plain words."""
    return [core.BY_ID[q].text for q in alert.question_ids if q in core.BY_ID]


SELF_CLEARED_DAYS = 14


def self_cleared_for(user):
    """Pauses the person cleared themselves in the last two weeks, for the care team."""
    since = timezone.now() - timedelta(days=SELF_CLEARED_DAYS)
    return (
        RedFlagAlert.objects.filter(
            shared_with(user, "patient__"), cleared_at__gte=since, cleared_by_clinician=False
        )
        .select_related("patient__user")
        .distinct()
    )


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
