"""/api/patients/{id}/insights...: findings, the flare outlook and self-experiments.

Sharing clinicians may read findings, the outlook and experiments; only the person starts or
stops an experiment. The rules live in pacewise.core; loading is in pacewise.insights.data.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from pydantic import Field

from pacewise.accounts.access import api_grant
from pacewise.core.insights import pooling
from pacewise.core.insights.experiments import phase_on
from pacewise.diary.days import today_for
from pacewise.insights import data
from pacewise.insights.models import Experiment

from .errors import ApiError
from .schemas import Body

router = Router(tags=["insights"])


class FindingOut(Schema):
    factor: str
    status: str
    lag: int | None = Field(
        description="0 the same day, 1 the next day; null: 'the day or the day after' for a "
        "named pattern whose day cannot be told yet, or not tested"
    )
    direction: str | None
    effect: float | None
    ci_low: float | None
    ci_high: float | None
    p: float | None
    q: float | None
    n: int
    significant: bool
    days_needed: int | None
    kind: str
    step: float
    message: str  # ends with the pooled estimate's sentence when pooling was used
    uneven_blanks: bool = Field(
        False, description="held back: left blank mostly on harder days, and the pattern goes "
        "away when those blanks are read as 0"
    )  # fmt: skip
    pooled_effect: float | None = None  # steadied with other consenting people at the clinic
    pooled_ci_low: float | None = None
    pooled_ci_high: float | None = None
    pooled_people: int = 0  # how many other people; 0 = the person's own diary only


class ReasonOut(Schema):
    feature: str
    words: str
    helps: str


class OutlookOut(Schema):
    status: str
    chance: float | None = Field(
        description="The chance of a flare in the next 48 hours; null until `earned`."
    )
    usual_chance: float | None = Field(description="The same on a usual day; null until earned.")
    level: str
    reasons: list[ReasonOut]
    personal: bool
    message: str
    earned: bool = Field(
        description="The number has beaten the person's usual rate on their own past days "
        "(each day predicted from the days before it); until then the outlook is in words."
    )
    skill: float | None = Field(description="That Brier skill; null until enough days are scored.")
    scored_days: int


class ExperimentIn(Body):
    factor: str = Field(min_length=1, max_length=60)
    block_days: int = Field(4, ge=2, le=14)
    pairs: int = Field(6, ge=2, le=10)


class BlockOut(Schema):
    first: date
    last: date
    with_factor: bool
    counted_days: int = Field(description="days with pain logged, the wash-out day excluded")
    pain: float | None = Field(description="average pain on those days; null if too few")
    followed: float | None = Field(
        description="share of logged days that matched the plan (a tag); null if unknown"
    )


class ResultOut(Schema):
    status: str
    pairs_used: int
    effect: float | None
    ci_low: float | None
    ci_high: float | None
    p: float | None
    smallest_possible_p: float | None
    adherence: float | None
    message: str
    limits: str


class ExperimentOut(Schema):
    id: uuid.UUID
    factor: str
    start: date
    end: date
    seed: int
    stopped_on: date | None
    phase: str
    phase_message: str
    blocks: list[BlockOut]
    result: ResultOut


class WeekOut(Schema):
    start: date
    end: date
    logged_days: int
    pain: float | None = Field(description="mean pain on the days it was logged")
    pain_before: float | None = Field(description="the same for the 7 days before")
    comparable: bool = Field(description="both weeks have 3+ days with pain, so they compare")
    flare_days: int
    minutes: float
    planned: float | None = Field(description="the plan's minutes over the 7 days, if a plan")
    sleep: float | None = Field(description="mean hours on the nights logged")
    sentences: list[str]


def _experiment_out(exp: Experiment) -> dict:
    design = exp.to_core()
    phase = phase_on(design, today_for(exp.patient))
    result = data.experiment_result(exp)
    blocks = zip(design.blocks(), result.blocks, strict=True)
    return {
        "id": exp.pk, "factor": exp.factor, "start": design.start, "end": design.end,
        "seed": exp.seed, "stopped_on": exp.stopped_on, "phase": phase.status,
        "phase_message": phase.message,
        "blocks": [{"first": b, "last": e, "with_factor": w, **s.__dict__}
                   for (b, e, w), s in blocks],
        "result": result.__dict__,
    }  # fmt: skip


@router.get("/patients/{patient_id}/insights/findings", response=list[FindingOut])
def list_findings(request, patient_id: uuid.UUID):
    """Trigger and helper findings over the last year, significant first, then unclear ones,
    then "not enough data yet" entries. With the person's consent, tested findings also carry
    an estimate steadied with other consenting people at their clinic (`pooled_*`)."""
    grant = api_grant(request, patient_id, "api-insights-findings")
    patterns = data.patterns(grant.patient)
    return [_finding_out(f, patterns.pooled) for f in patterns.findings]


def _finding_out(f, pooled) -> dict:
    p = pooled.get(pooling.key(f.factor, f.lag)) if f.lag is not None else None
    if p is None:
        return f.__dict__
    return {**f.__dict__, "pooled_effect": p.effect, "pooled_ci_low": p.ci_low,
            "pooled_ci_high": p.ci_high, "pooled_people": p.people}  # fmt: skip


@router.get("/patients/{patient_id}/insights/outlook", response=OutlookOut)
def get_outlook(request, patient_id: uuid.UUID):
    """The chance of a flare in the next 48 hours, with the main reasons and what helps."""
    grant = api_grant(request, patient_id, "api-insights-outlook")
    o = data.flare_outlook(grant.patient)
    numbers = {"chance": o.shown_chance, "usual_chance": o.usual_chance if o.earned else None}
    return {**o.__dict__, **numbers, "reasons": [r.__dict__ for r in o.reasons]}


@router.get("/patients/{patient_id}/insights/week", response=WeekOut)
def get_week(request, patient_id: uuid.UUID):
    """The last 7 days (to today) beside the 7 before, with the sentences the page shows."""
    grant = api_grant(request, patient_id, "api-insights-week")
    return data.week_in_brief(grant.patient).__dict__


@router.get("/patients/{patient_id}/insights/experiments", response=list[ExperimentOut])
def list_experiments(request, patient_id: uuid.UUID):
    """Self-experiments, newest first, each with its schedule, phase and result so far."""
    grant = api_grant(request, patient_id, "api-insights-experiments")
    return [_experiment_out(e) for e in Experiment.objects.filter(patient=grant.patient)]


@router.post(
    "/patients/{patient_id}/insights/experiments", response={201: ExperimentOut, 409: dict}
)
def create_experiment(request, patient_id: uuid.UUID, payload: ExperimentIn):
    """Start a self-experiment tomorrow (one at a time; 409 while another runs)."""
    grant = api_grant(request, patient_id, "api-insights-experiments", write=True)
    try:
        exp = data.start_experiment(grant.patient, payload.factor, payload.pairs,
                                    payload.block_days)  # fmt: skip
    except data.ExperimentError as exc:
        raise ApiError(409, str(exc)) from exc
    return Status(201, _experiment_out(exp))


@router.get("/patients/{patient_id}/insights/experiments/{experiment_id}",
            response=ExperimentOut)  # fmt: skip
def get_experiment(request, patient_id: uuid.UUID, experiment_id: uuid.UUID):
    """One self-experiment: its schedule, today's phase and the result so far."""
    grant = api_grant(request, patient_id, "api-insights-experiments")
    return _experiment_out(get_object_or_404(Experiment, pk=experiment_id, patient=grant.patient))


@router.post("/patients/{patient_id}/insights/experiments/{experiment_id}/stop",
             response=ExperimentOut)  # fmt: skip
def stop_experiment(request, patient_id: uuid.UUID, experiment_id: uuid.UUID):
    """Stop a self-experiment early; what it found so far is kept."""
    grant = api_grant(request, patient_id, "api-insights-experiments", write=True)
    exp = get_object_or_404(Experiment, pk=experiment_id, patient=grant.patient)
    if exp.stopped_on is None:
        data.stop_experiment(exp)
    return _experiment_out(exp)
