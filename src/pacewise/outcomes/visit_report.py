"""Gathering a visit report's figures from the diary and questionnaires (rendering is in
pacewise.exchange.report; trigger findings come from pacewise.core.insights.triggers)."""

from __future__ import annotations

from datetime import date, timedelta

from pacewise.core import instruments as core
from pacewise.core.day_summary import DaySummary
from pacewise.core.insights.triggers import detect
from pacewise.core.pacing.flare import declared_runs
from pacewise.diary.catalog import activity_label
from pacewise.diary.convert import session_entries
from pacewise.diary.days import first_day, summaries, today_for, trigger_table
from pacewise.exchange.report import ActivityWeek, DateRange, VisitReportData, questionnaire_result

from . import registry
from .models import Response
from .progress import trends
from .responses import answer_text, program_start

PERIOD_DAYS = 84  # the last 12 weeks, or since the diary's first day when shorter


def period(patient) -> tuple[date, date]:
    """The diary's last 12 weeks: back-filled and imported days count, so the period starts
    at the diary's first day (not the account's), at most PERIOD_DAYS before today."""
    end = today_for(patient)
    first = first_day(patient) or program_start(patient)
    return max(min(first, end), end - timedelta(days=PERIOD_DAYS - 1)), end


def visit_report_data(patient, questions: list[str]) -> VisitReportData:
    start, end = period(patient)
    sessions = session_entries(patient, start, end)
    days = summaries(patient, start, end)
    return VisitReportData(
        person_name=patient.user.name,
        period_start=start,
        period_end=end,
        generated_on=end,
        days=days,
        capacity=weekly_capacity(sessions, start),
        flares=flare_ranges(days),
        questionnaires=questionnaire_results(patient, start),
        safety=safety_answers(patient, start),
        insights=insights(patient, days, start, end),
        questions=questions,
    )


def weekly_capacity(sessions, start: date) -> list[ActivityWeek]:
    totals: dict[tuple[str, date], float] = {}
    for s in sessions:
        week = start + timedelta(days=7 * ((s.local_date - start).days // 7))
        key = (activity_label(s.activity), week)
        totals[key] = totals.get(key, 0.0) + s.amount
    units = {
        activity_label(s.activity): "min" if s.minutes is not None else "reps" for s in sessions
    }
    return [ActivityWeek(a, w, t, units[a]) for (a, w), t in sorted(totals.items())]


def flare_ranges(days: list[DaySummary]) -> list[DateRange]:
    return [DateRange(first, last) for first, last in declared_runs(days)]


def questionnaire_results(patient, start: date):
    out = []
    for trend in trends(patient):
        scored = [(core.score(trend.instrument, r.answers), r.local_date) for r in trend.responses]
        history = [(s, d) for s, d in scored if d >= start] or scored[-1:]
        out.append(
            questionnaire_result(
                trend.instrument, scored[0], scored[-1], history, answers=len(scored)
            )
        )
    return out


def safety_answers(patient, start: date) -> list[str]:
    """Every safety item's answer in the period (zero too: a clinician reads the answer, not
    only the total), with whether the care team was told and followed up."""
    lines = []
    rows = (
        Response.objects.filter(patient=patient, local_date__gte=start)
        .prefetch_related("alerts")
        .order_by("completed_at")
    )
    for row in rows:
        instrument = registry.get(row.instrument_id)
        if instrument is None:
            continue
        for item in instrument.items:
            if not item.safety or row.answers.get(item.id) is None:
                continue
            value = row.answers[item.id]
            line = (
                f"{instrument.name}, {row.local_date:%-d %b %Y}: “{item.short or item.text}” "
                f"answered {answer_text(instrument, item.id, value)}."
            )
            if not row.scored:
                line += " (The form could not be scored; it was kept for this answer.)"
            alerts = [a for a in row.alerts.all() if a.item_id == item.id]
            if alerts:
                told = "The care team was told" if alerts[0].emailed_to else "No care team was told"
                followed = alerts[0].followed_up_at
                line += f" {told}" + (
                    f"; followed up {followed:%-d %b %Y}." if followed else "; not yet followed up."
                )
            lines.append(line)
    return lines


def insights(patient, days: list[DaySummary], start: date, end: date) -> list[str]:
    """Only patterns that pass the detector's false-discovery control are mentioned."""
    table = trigger_table(patient, days, start, end)
    return [f.message for f in detect(table) if f.significant][:4]
