"""Saving a questionnaire response, and the safety protocol that a self-harm answer starts.

Used by the web pages and the API alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from pacewise.accounts.access import shared_with
from pacewise.accounts.consent import care_team_emails
from pacewise.core import instruments as core
from pacewise.core.instruments.schedule import SCHEDULED, Done, current_occasion, schedule
from pacewise.core.localtime import local_date_at
from pacewise.diary.days import in_flare_today, today_for

from . import registry
from .models import Assignment, Response, SafetyAlert


def program_start(patient) -> date:
    """The person's local day when their record began (questionnaire occasions count from it)."""
    return local_date_at(patient.created_at, patient.user.time_zone)




def done_items(patient) -> list[Done]:
    rows = Response.objects.filter(patient=patient).scored().values_list(
        "instrument_id", "occasion", "local_date"
    )
    return [Done(i, o, d) for i, o, d in rows]


def due_items(patient):
    """Every scheduled questionnaire with its status today (the short forms on a flare day):
    the web page and the API both list these."""
    return schedule(
        program_start(patient),
        today_for(patient),
        done_items(patient),
        in_flare=in_flare_today(patient),
    )


def occasion_for(patient, instrument_id: str, assignment: Assignment | None) -> str:
    """Which occasion a new response counts for."""
    if assignment is not None:
        return "extra"
    if instrument_id not in SCHEDULED:
        return "short" if instrument_id in {"phq2", "gad2"} else "extra"
    occasion = current_occasion(program_start(patient), today_for(patient))
    already = {(d.instrument_id, d.occasion) for d in done_items(patient)}
    if occasion is None or (instrument_id, occasion) in already:
        return "extra"
    return occasion


@dataclass(frozen=True)
class Submission:
    """What happened to one submitted form. ``response`` is None only when the form was
    refused and held no safety answer; ``error`` says why it could not be scored."""

    response: Response | None
    result: core.Score | None
    alerts: list[SafetyAlert]
    error: str | None = None


def record(patient, instrument, answers, *, assignment: Assignment | None = None) -> Submission:
    """Check the raw answers for safety items first, then score and save.

    A safety answer above zero is never lost: when the form cannot be scored (too many
    blanks, or a broken value elsewhere) it is still stored, with every answer that fits the
    form, as a response without a score; the alert is raised and the care team emailed.
    """
    flags = core.safety_flags(instrument, answers)
    try:
        result = core.score(instrument, answers)
    except core.InstrumentError as exc:
        if not flags:
            return Submission(None, None, [], str(exc))
        result, error = None, str(exc)
    else:
        error = None
    with transaction.atomic():
        response = Response.objects.create(
            patient=patient,
            instrument_id=instrument.id,
            instrument_version=instrument.version,
            occasion=occasion_for(patient, instrument.id, assignment) if result else "extra",
            answers=answers if result else fitting_answers(instrument, answers),
            total=result.total if result else None,
            band=result.band.label if result and result.band else "",
            interpretation=result.interpretation if result else "",
            prorated=bool(result and result.prorated),
            safety_flag=bool(flags),
            not_scored_reason=error or "",
            local_date=today_for(patient),
        )
        if assignment is not None and result is not None:
            assignment.response = response
            assignment.save(update_fields=["response"])
        alerts = [
            SafetyAlert.objects.create(
                patient=patient, response=response, item_id=flag.item_id, value=flag.value
            )
            for flag in flags
        ]
    for alert in alerts:
        alert_care_team(alert)
    return Submission(response, result, alerts, error)


def fitting_answers(instrument, answers) -> dict:
    """The answers that fit the form (known item, offered value); the rest are dropped. A
    safety item's value above zero is always kept, brought into the item's range (the
    SafetyAlert keeps the value as sent), so the stored form stays a valid one to export."""
    kept = {}
    if not isinstance(answers, dict):
        return kept
    for item in instrument.items:
        value = answers.get(item.id)
        if isinstance(value, bool):
            continue
        if isinstance(value, int) and value in item.values:
            kept[item.id] = value
        elif item.safety:
            flag = core.safety_flags(instrument, {item.id: value})
            if flag:
                offered = [v for v in item.values if v > 0]
                kept[item.id] = min(max(flag[0].value, min(offered)), max(offered))
    return kept


def raw_answers(instrument, data) -> dict:
    """The answers as posted (strings, or None for a blank), for the safety check of a form
    that did not validate."""
    answers = {}
    for item in instrument.items:
        value = (data.get(item.id) or "").strip()
        answers[item.id] = int(value) if value.isdigit() else (value or None)
    return answers


def answer_text(instrument, item_id: str, value: int) -> str:
    """'Several days (1)': the option's words and its value, for the care team's record."""
    try:
        item = instrument.item(item_id)
    except KeyError:
        return str(value)
    option = next((o for o in item.options if o.value == value), None)
    return f"{option.text} ({value})" if option else str(value)


def care_team_alerted(alerts) -> bool:
    return any(a.emailed_to for a in alerts)


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


def open_alerts_for(user) -> list[SafetyAlert]:
    """Alerts not yet followed up, for patients who share with the user's clinics, each with
    the answer in words (``answer_text``)."""
    alerts = list(
        SafetyAlert.objects.filter(
            shared_with(user, "patient__"),
            followed_up_at__isnull=True,
        )
        .select_related("patient__user", "response")
        .distinct()
    )
    for alert in alerts:
        instrument = registry.get(alert.response.instrument_id)
        alert.instrument_name = instrument.name if instrument else alert.response.instrument_id
        alert.answer_text = (
            answer_text(instrument, alert.item_id, alert.value) if instrument else alert.value
        )
    return alerts
