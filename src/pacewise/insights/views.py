"""The insights page (trends, findings, outlook, boom-bust, self-experiment) and experiments."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from pacewise.accounts.access import Role
from pacewise.accounts.decorators import patient_view
from pacewise.core.insights import experiments as core_experiments
from pacewise.core.insights.boom_bust import usual_amount
from pacewise.core.insights.week_brief import week_brief
from pacewise.diary.days import today_for

from . import data
from .charts import MEASURES, series, trend_svg
from .forms import ExperimentForm, PoolingForm
from .models import Experiment


def _charts(days, start, end, planned):
    usual = usual_amount(series(days, start, end, "minutes"))
    movement = {"usual": usual, "planned": planned}
    return [
        {"measure": m, "svg": trend_svg(days, start, end, m, f"chart-{m.key}",
                                        **(movement if m.key == "minutes" else {}))}
        for m in MEASURES
    ]  # fmt: skip


@patient_view()
def insights(request, grant):
    patient = grant.patient
    end = today_for(patient)
    start = end - timedelta(days=data.TREND_DAYS - 1)
    year = data.summaries(patient, data.FINDINGS_DAYS, end)  # one load for every section
    days = [d for d in year if d.date >= start]
    recent = [d for d in year if d.date > end - timedelta(days=data.BOOM_BUST_DAYS)]
    planned = data.recent_plan(patient)
    patterns = data.patterns(patient, year)
    found = patterns.findings
    experiment = data.active_experiment(patient)
    context = {
        "grant": grant,
        "patient": patient,
        "charts": _charts(days, start, end, planned),
        "has_plan": any(start <= day <= end for day in planned),
        "table": [(d, planned.get(d.date)) for d in reversed(days)],
        "significant": [f for f in found if f.significant],
        "unclear": [f for f in found if f.status != "insufficient" and not f.significant],
        "insufficient": [f for f in found if f.status == "insufficient"],
        "patterns": patterns,
        "shares_with_clinic": patient.shares.active().exists(),
        "outlook": data.flare_outlook(patient, year),
        "week": week_brief(days, end, planned),
        "boom_bust": data.boom_bust_pattern(patient, recent, planned),
        "experiment": experiment,
        "phase": core_experiments.phase_on(experiment.to_core(), end) if experiment else None,
        "past": Experiment.objects.filter(patient=patient).exclude(
            pk=getattr(experiment, "pk", None)
        )[:5],
        "form": ExperimentForm(choices=data.experiment_choices(patient, found)),
        "test_factor": request.GET.get("test", "").strip()[:60],  # from "Test it" on a finding
    }
    return render(request, "insights/page.html", context)


@require_POST
@patient_view(role=Role.OWNER)
def start_experiment(request, grant):
    patient = grant.patient
    form = ExperimentForm(request.POST, choices=None)
    if form.is_valid():
        try:
            exp = data.start_experiment(patient, form.cleaned_data["factor"],
                                        block_days=form.cleaned_data["block_days"])  # fmt: skip
        except data.ExperimentError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, "Your self-experiment starts tomorrow. The schedule is below."
            )
            return redirect("insights-experiment", patient_id=patient.pk, experiment_id=exp.pk)
    else:
        messages.error(request, "Choose what to test.")
    return redirect("insights-page", patient_id=patient.pk)


@require_POST
@patient_view(role=Role.OWNER)
def pooling(request, grant):
    form = PoolingForm(request.POST)
    form.is_valid()  # an unticked box is simply absent: always valid
    opted_in = bool(form.cleaned_data.get("opted_in"))
    data.set_pooling(grant.patient, opted_in)
    messages.success(
        request,
        "Your results will be steadied with anonymous patterns from your clinic."
        if opted_in
        else "Your results now use your own diary only, and your patterns are no longer shared.",
    )
    return redirect("insights-page", patient_id=grant.patient.pk)


@patient_view()
def experiment(request, grant, experiment_id):
    exp = get_object_or_404(Experiment, pk=experiment_id, patient=grant.patient)
    design = exp.to_core()
    today = today_for(grant.patient)
    result = data.experiment_result(exp)
    context = {
        "grant": grant,
        "patient": grant.patient,
        "experiment": exp,
        "design": design,
        "blocks": [
            {"days": _span(b, e), "with": w, "now": b <= today <= e and not exp.stopped_on,
             "begun": b <= min(today, exp.stopped_on or today), "summary": summary}
            for (b, e, w), summary in zip(design.blocks(), result.blocks, strict=True)
        ],  # fmt: skip
        "phase": core_experiments.phase_on(design, today),
        "result": result,
        "counted_per_block": design.block_days - core_experiments.WASHOUT_DAYS,
        "min_days": core_experiments.MIN_DAYS_PER_BLOCK,
    }
    return render(request, "insights/experiment.html", context)


def _span(first, last) -> str:
    """'4–7 Oct', or '30 Oct – 2 Nov' across months: short enough for a phone's table."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%b}"
    return f"{first.day} {first:%b} – {last.day} {last:%b}"


@require_POST
@patient_view(role=Role.OWNER)
def stop_experiment(request, grant, experiment_id):
    exp = get_object_or_404(Experiment, pk=experiment_id, patient=grant.patient)
    if exp.stopped_on is None:
        data.stop_experiment(exp)
        messages.success(request, "Stopped. What was logged so far is still shown.")
    return redirect("insights-experiment", patient_id=grant.patient.pk, experiment_id=exp.pk)
