"""Loading a person's diary for the insights core, and storing self-experiments.

Views and the API both call these; the rules live in pacewise.core (triggers, forecast,
boom_bust, experiments).
"""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from django.utils import timezone

from pacewise.core import experiments as core_experiments
from pacewise.core.boom_bust import BoomBust, LoadDay, boom_bust
from pacewise.core.day_summary import DaySummary, summarize_days
from pacewise.core.forecast import Outlook, OutlookDay, outlook
from pacewise.core.localtime import today_in
from pacewise.core.triggers import Finding, detect
from pacewise.diary.convert import checkin_entries, session_entries
from pacewise.diary.models import Tag
from pacewise.outcomes.visit_report import diary_table

from .models import Experiment

FINDINGS_DAYS = 365  # a year of diary behind the findings
OUTLOOK_DAYS = 365  # the outlook reads four weeks; a year lets it learn the person's flares
TREND_DAYS = 56


class ExperimentError(ValueError):
    """The experiment cannot start (the message says why, in plain words)."""


def patient_today(patient) -> date:
    return today_in(patient.user.time_zone, timezone.now())


def summaries(patient, days: int, end: date | None = None) -> list[DaySummary]:
    end = end or patient_today(patient)
    start = end - timedelta(days=days - 1)
    return summarize_days(
        checkin_entries(patient, start, end), session_entries(patient, start, end)
    )


def findings(patient) -> list[Finding]:
    end = patient_today(patient)
    start = end - timedelta(days=FINDINGS_DAYS - 1)
    days = summaries(patient, FINDINGS_DAYS, end)
    return detect(diary_table(patient, days, start, end))


def outlook_days(days: list[DaySummary]) -> list[OutlookDay]:
    return [
        OutlookDay(d.date, d.avg_pain, d.sleep_hours, d.stress, d.minutes, d.flare) for d in days
    ]


def flare_outlook(patient) -> Outlook:
    days = summaries(patient, OUTLOOK_DAYS)
    return outlook(outlook_days(days), patient_today(patient))


def boom_bust_pattern(patient, days: list[DaySummary] | None = None) -> BoomBust:
    # No plan amounts are stored yet, so the person's usual amount is the reference (the core
    # says so in its sentence); a plan's daily amount goes into `planned` once plans exist.
    days = days if days is not None else summaries(patient, 120)
    return boom_bust([LoadDay(d.date, d.minutes or None, d.avg_pain) for d in days])


def experiment_choices(patient, found: list[Finding]) -> list[str]:
    """Tags the person uses and factors the detector looked at, for the "start" form."""
    tags = list(Tag.objects.filter(patient=patient).values_list("name", flat=True))
    names = [f.factor for f in found if f.status == "tested" and f.kind == "binary"]
    return sorted(set(tags) | set(names), key=str.lower)


def active_experiment(patient) -> Experiment | None:
    today = patient_today(patient)
    for exp in Experiment.objects.filter(patient=patient, stopped_on__isnull=True):
        if exp.to_core().end >= today:
            return exp
    return None


def start_experiment(patient, factor: str, pairs: int = core_experiments.PAIRS,
                     block_days: int = core_experiments.BLOCK_DAYS) -> Experiment:  # fmt: skip
    factor = factor.strip()
    if not factor:
        raise ExperimentError("Choose what to test.")
    if active_experiment(patient) is not None:
        raise ExperimentError("One experiment at a time: finish or stop the current one first.")
    start = patient_today(patient) + timedelta(days=1)
    seed = secrets.randbelow(2**31)
    design = core_experiments.design(factor, start, seed, pairs=pairs, block_days=block_days)
    return Experiment.objects.create(
        patient=patient, factor=factor[:60], start=start, block_days=block_days, seed=seed,
        with_first=list(design.with_first),
    )  # fmt: skip


def stop_experiment(experiment: Experiment) -> None:
    experiment.stopped_on = patient_today(experiment.patient)
    experiment.save(update_fields=["stopped_on"])


def experiment_result(experiment: Experiment) -> core_experiments.Result:
    design = experiment.to_core()
    end = min(design.end, patient_today(experiment.patient))
    days = summarize_days(
        checkin_entries(experiment.patient, design.start, end),
        session_entries(experiment.patient, design.start, end),
    )
    table = diary_table(experiment.patient, days, design.start, end)
    pain = dict(zip(table.dates, table.pain, strict=True))
    marks = table.factors.get(design.factor)
    followed = None
    if marks is not None:
        followed = {
            d: (None if v is None else v >= 0.5) for d, v in zip(table.dates, marks, strict=True)
        }
    return core_experiments.analyse(design, pain, followed)
