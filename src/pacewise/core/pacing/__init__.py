"""The pacing engine: today's plan (``day_plan.plan_day``), the baseline it starts from, the
weekly review that moves it, flares, re-entry after a break, daily readiness, load guards,
and the person's learned tolerance. Every number it uses lives in ``core.thresholds``, each
with its source.
"""
