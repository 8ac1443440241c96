"""{% patient_summary grant %}: who this is, at a glance, on every page a clinician opens for
a person (inside the viewing banner): contact details the person chose to share, conditions
and limitations, red-flag status, the plan's phase and this week's plan, the last entry,
questionnaire trends, the program's start and today's caseload reasons."""

from django import template

from pacewise.accounts.models import Share
from pacewise.care.models import Lead
from pacewise.care.triage import triage
from pacewise.outcomes.progress import trends
from pacewise.plans import red_flags
from pacewise.plans.onboarding import CONDITION_CHOICES, LIMITATION_CHOICES
from pacewise.plans.programs import program_for
from pacewise.today import state as plan_state

register = template.Library()
PHASES = {
    "baseline": "getting to know their usual level",
    "building": "building up",
    "holding": "holding steady",
    "flare": "in a flare",
    "returning": "building back after a flare or a break",
}


@register.inclusion_tag("care/_summary.html")
def patient_summary(grant):
    if grant.is_owner:
        return {}
    patient = grant.patient
    onboarding = getattr(patient, "onboarding", None)
    conditions = dict(CONDITION_CHOICES)
    limits = dict(LIMITATION_CHOICES)
    today = plan_state.load(patient)
    [row] = triage(grant.user, [patient])
    program = program_for(patient)
    share = Share.objects.active().filter(patient=patient, clinic=grant.clinic).first()
    lead = Lead.objects.filter(patient=patient, clinic=grant.clinic).select_related("clinician")
    lead = lead.first()
    return {
        "patient": patient,
        "lead": lead,
        "lead_is_me": lead is not None and lead.clinician_id == grant.user.pk,
        "share": share,
        "contact": _contact(patient),
        "conditions": [conditions.get(c, c) for c in (onboarding.conditions if onboarding else [])],
        "limitations": [limits.get(x, x) for x in (onboarding.limitations if onboarding else [])],
        "red_flag": red_flags.open_alert(patient),
        "phase": PHASES.get(today.plan.phase, today.plan.phase) if today.set_up else "",
        "week_plan": today.daily_amounts() if today.set_up else [],
        "last_entry": row.last_entry,
        "reasons": row.reasons,
        "trends": [
            (t.instrument.name, t.baseline.total, t.latest.total, t.change)
            for t in trends(patient) if len(t.responses) > 1
        ],  # fmt: skip
        "program_since": program.built_at if program else None,
    }


def _contact(patient):
    if not patient.share_contact:
        return None
    return {"phone": patient.contact_phone, "email": patient.contact_email or patient.user.email}
