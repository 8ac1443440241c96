"""Loading a person's diary for the insights core, and storing self-experiments.

Views and the API both call these; the rules live in pacewise.core (triggers, forecast,
boom_bust, experiments).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from pacewise.accounts.models import Share
from pacewise.core.day_summary import DaySummary
from pacewise.core.insights import experiments as core_experiments
from pacewise.core.insights import pooling
from pacewise.core.insights import trigger_text as triggers_text
from pacewise.core.insights.boom_bust import BoomBust, LoadDay, boom_bust
from pacewise.core.insights.forecast import Outlook, OutlookDay, outlook
from pacewise.core.insights.triggers import (
    DailyTable,
    Finding,
    days_before_testing,
    days_without_yesterday,
    detect,
)
from pacewise.core.insights.week_brief import WEEK, WeekBrief, week_brief
from pacewise.core.pacing.plan_history import planned_minutes
from pacewise.diary.days import summaries as days_between
from pacewise.diary.days import today_for, trigger_table
from pacewise.diary.models import Tag
from pacewise.today import state as today_state

from .models import Experiment, PoolingConsent

FINDINGS_DAYS = 365  # a year of diary behind the findings
OUTLOOK_DAYS = FINDINGS_DAYS  # the outlook reads four weeks; a year lets it learn the flares
TREND_DAYS = 56
BOOM_BUST_DAYS = 120


class ExperimentError(ValueError):
    """The experiment cannot start (the message says why, in plain words)."""




def summaries(patient, days: int, end: date | None = None) -> list[DaySummary]:
    end = end or today_for(patient)
    start = end - timedelta(days=days - 1)
    return days_between(patient, start, end)


@dataclass(frozen=True)
class Patterns:
    """The findings as shown, and whether (and from how many people) pooling steadied them."""

    findings: list[Finding]
    opted_in: bool = False
    pooled: dict[pooling.Key, pooling.Pooled] = field(default_factory=dict)
    wait_days: int = 0  # more usable days before anything is tested (six-week rule)
    unpaired_days: int = 0  # days with pain but none the day before: not usable (triggers.py)

    @property
    def people(self) -> int:
        return pooling.people(self.pooled)

    @property
    def words(self) -> str:
        return triggers_text.pooled_people(self.people) if self.pooled else ""


def _own_diary(
    patient, end: date | None = None, year: list[DaySummary] | None = None
) -> DailyTable:
    """The year of diary up to `end` as a daily table (`year`: those summaries, if loaded)."""
    end = end or today_for(patient)
    start = end - timedelta(days=FINDINGS_DAYS - 1)
    days = year if year is not None else summaries(patient, FINDINGS_DAYS, end)
    return trigger_table(patient, days, start, end)


def own_findings(patient, end: date | None = None) -> list[Finding]:
    """Findings from the year of diary up to `end` (the person's today by default)."""
    return detect(_own_diary(patient, end))


def patterns(patient, year: list[DaySummary] | None = None) -> Patterns:
    """Own findings; with the person's consent, steadied by other consenting people's
    estimates at the clinics they currently share with (never their diaries). `year`: the
    summaries of the year up to today, when the caller has loaded them already."""
    diary = _own_diary(patient, year=year)
    own, wait = detect(diary), days_before_testing(diary)
    unpaired = days_without_yesterday(diary) if wait else 0
    consent = pooling_consent(patient)
    if not consent.opted_in:
        return Patterns(own, wait_days=wait, unpaired_days=unpaired)
    _contribute(consent, own)
    others = [_estimates(c.estimates) for c in clinic_peers(patient)]
    pooled = pooling.pool(own, others)
    return Patterns(pooling.steady(own, pooled), True, pooled, wait, unpaired)


def findings(patient) -> list[Finding]:
    return patterns(patient).findings


def pooling_consent(patient) -> PoolingConsent:
    return PoolingConsent.objects.filter(patient=patient).first() or PoolingConsent(patient=patient)


def clinic_peers(patient):
    """Consents of the other opted-in people who currently share with a clinic this person
    currently shares with."""
    clinics = Share.objects.active().filter(patient=patient).values("clinic")
    sharing = Share.objects.active().filter(clinic__in=clinics).values("patient")
    return PoolingConsent.objects.filter(opted_in=True, patient__in=sharing).exclude(
        patient=patient
    )


def set_pooling(patient, opted_in: bool) -> PoolingConsent:
    """Opt in (and contribute one's own estimates now) or out (and withdraw them)."""
    consent = pooling_consent(patient)
    consent.opted_in = opted_in
    consent.estimates = []
    consent.updated_at = timezone.now()
    consent.save()
    if opted_in:
        _contribute(consent, own_findings(patient))
    return consent


def _contribute(consent: PoolingConsent, own: list[Finding]) -> None:
    rows = [[f, lag, e, se] for (f, lag), (e, se) in sorted(pooling.estimates(own).items())]
    if rows != consent.estimates:
        consent.estimates = rows
        consent.updated_at = timezone.now()
        consent.save(update_fields=["estimates", "updated_at"])


def _estimates(rows: list) -> dict[pooling.Key, tuple[float, float]]:
    return {(str(f), int(lag)): (float(e), float(se)) for f, lag, e, se in rows}


def outlook_days(days: list[DaySummary]) -> list[OutlookDay]:
    return [
        OutlookDay(d.date, d.avg_pain, d.sleep_hours, d.stress, d.minutes, d.flare) for d in days
    ]


def flare_outlook(patient, year: list[DaySummary] | None = None) -> Outlook:
    days = year if year is not None else summaries(patient, OUTLOOK_DAYS)
    return outlook(outlook_days(days), today_for(patient))


def planned(patient, start: date, end: date) -> dict[date, float]:
    """The plan's daily movement minutes on each day, replayed from the diary (empty: no plan)."""
    profile = today_state.profile_for(patient)
    if not profile.activities:
        return {}
    return planned_minutes(profile, today_state.history_for(patient, end), start, end)


def recent_plan(patient) -> dict[date, float]:
    """The plan's daily minutes over the boom-bust window (which holds the trend window)."""
    end = today_for(patient)
    return planned(patient, end - timedelta(days=BOOM_BUST_DAYS - 1), end)


def week_in_brief(patient) -> WeekBrief:
    """The last 7 days beside the 7 before (the plan's minutes when there is a plan)."""
    end = today_for(patient)
    days = summaries(patient, 2 * WEEK, end)
    return week_brief(days, end, planned(patient, end - timedelta(days=WEEK - 1), end))


def boom_bust_pattern(
    patient, days: list[DaySummary] | None = None, plan: dict[date, float] | None = None
) -> BoomBust:
    """Compared with the plan on days that had one, else with the person's usual amount."""
    days = days if days is not None else summaries(patient, BOOM_BUST_DAYS)
    plan = plan if plan is not None else recent_plan(patient)
    return boom_bust(
        [LoadDay(d.date, d.minutes or None, d.avg_pain, plan.get(d.date)) for d in days]
    )


def experiment_choices(patient, found: list[Finding]) -> list[str]:
    """Tags the person uses and factors the detector looked at, for the "start" form."""
    tags = list(Tag.objects.filter(patient=patient).values_list("name", flat=True))
    names = [f.factor for f in found if f.status == "tested" and f.kind == "binary"]
    return sorted(set(tags) | set(names), key=str.lower)


def active_experiment(patient) -> Experiment | None:
    today = today_for(patient)
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
    start = today_for(patient) + timedelta(days=1)
    seed = secrets.randbelow(2**31)
    design = core_experiments.design(factor, start, seed, pairs=pairs, block_days=block_days)
    return Experiment.from_design(patient, design)


def stop_experiment(experiment: Experiment) -> None:
    experiment.stopped_on = today_for(experiment.patient)
    experiment.save(update_fields=["stopped_on"])


def experiment_result(experiment: Experiment) -> core_experiments.Result:
    design = experiment.to_core()
    end = min(design.end, today_for(experiment.patient))
    days = days_between(experiment.patient, design.start, end)
    table = trigger_table(experiment.patient, days, design.start, end)
    pain = dict(zip(table.dates, table.pain, strict=True))
    marks = table.factors.get(design.factor)
    followed = None
    if marks is not None:
        followed = {
            d: (None if v is None else v >= 0.5) for d, v in zip(table.dates, marks, strict=True)
        }
    return core_experiments.analyse(design, pain, followed)
