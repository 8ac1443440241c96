"""The person's home page: the last seven days and a gentle questionnaire card. It lives with
Today (it reads the diary and the questionnaires, which accounts, below them, must not)."""

from __future__ import annotations

from datetime import timedelta

from django.shortcuts import redirect, render

from pacewise.accounts.decorators import patient_view
from pacewise.diary.days import summaries, today_for
from pacewise.outcomes.reminders import questionnaire_reminder
from pacewise.outcomes.responses import unseen_alert


@patient_view()
def patient_home(request, grant):
    if grant.is_owner and (alert := unseen_alert(grant.patient)):
        return redirect("outcomes-safety", patient_id=grant.patient.pk, alert_id=alert.pk)
    today = today_for(grant.patient)
    days = summaries(grant.patient, today - timedelta(days=6), today)
    context = {
        "grant": grant,
        "patient": grant.patient,
        "days": list(reversed(days)),
        "reminder": questionnaire_reminder(grant.patient),
    }
    return render(request, "today/patient_home.html", context)
