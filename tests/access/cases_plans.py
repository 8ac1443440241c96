"""Access cases for the exercise program.

Sharing clinicians may read the program, clear a red-flag pause and undo a swap; only they
add, remove, swap or dose exercises (the person gets 403 there); onboarding, screening and
the session player are the person's own.
"""

from __future__ import annotations

from django.utils import timezone
from matrix import API_OWNER_ONLY, API_READ, OWNER_ONLY, READ, Case

CLINICIAN_ACTS = {**READ, "patient": 403}


def _program(cast):
    from pacewise.plans.models import Program
    from program_helpers import build_program

    existing = Program.objects.filter(patient=cast.record).first()
    return existing if existing is not None else build_program(cast, usual=())


def _item(cast):
    from pacewise.plans import programs

    return programs.active_items(_program(cast)).first()


def _swapped_item(cast):
    from pacewise.plans import programs

    item = _item(cast)
    actor = programs.Actor(cast.patient, cast.patient.name, by_clinician=False)
    return programs.swap_easier(item, actor)


def _session(cast):
    from pacewise.plans import sessions

    return sessions.start(cast.record, _program(cast))


def _free_exercise(cast):
    from pacewise.plans import programs

    program = _program(cast)
    taken = set(programs.active_items(program).values_list("exercise_id", flat=True))
    return next(
        e.id for e in programs.library() if e.category == "relaxation" and e.id not in taken
    )


ITEM = {"item_id": lambda cast: _item(cast).pk}
SESSION = {"session_id": lambda cast: _session(cast).pk}
TODAY = lambda cast: {"cleared": "on", "seen_on": timezone.localdate().isoformat()}  # noqa: E731

WEB = {
    "plans-program": Case("GET", READ),
    "plans-onboarding": Case("GET", OWNER_ONLY, 302),
    "plans-onboarding-step": Case("GET", OWNER_ONLY, params={"step": lambda cast: "conditions"}),
    "plans-symptoms": Case("GET", OWNER_ONLY),
    "plans-resume": Case("POST", READ, 302, TODAY),
    "plans-rebuild": Case("POST", OWNER_ONLY, 302),
    "plans-undo": Case("POST", READ, 302, params={"item_id": lambda cast: _swapped_item(cast).pk}),
    "plans-add": Case(
        "POST",
        CLINICIAN_ACTS,
        302,
        lambda cast: {
            "exercise_id": _free_exercise(cast),
            "sessions_per_week": "3",
            "minutes": "5",
        },
    ),
    "plans-remove": Case("POST", CLINICIAN_ACTS, 302, params=ITEM),
    "plans-swap": Case(
        "POST",
        CLINICIAN_ACTS,
        302,
        lambda cast: {"exercise_id": _free_exercise(cast)},
        params=ITEM,
    ),
    "plans-dose": Case(
        "POST",
        CLINICIAN_ACTS,
        302,
        lambda cast: {"sessions_per_week": "2", "sets": "1", "reps": "5"},
        params=ITEM,
    ),
    "plans-session-start": Case("POST", OWNER_ONLY, 302),
    "plans-session": Case("GET", OWNER_ONLY, params=SESSION),
    "plans-session-next": Case("POST", OWNER_ONLY, 302, params=SESSION),
    "plans-session-easier": Case("POST", OWNER_ONLY, 302, params=SESSION),
    "plans-session-finish": Case("GET", OWNER_ONLY, params=SESSION),
}

NOT_PATIENT_DATA: set[str] = set()


def _session_payload(cast):
    item = _item(cast)
    done = {"exercise_id": item.exercise_id}
    if item.minutes is not None:
        done["minutes"] = item.minutes
    else:
        done |= {"sets": item.sets, "reps": item.reps}
    return {"exercises": [done], "pain_peak": 3, "effort": 4}


def _paused_then_cleared(cast):
    """Open an (urgent) pause, then send a valid clearance for it."""
    from pacewise.plans import red_flags

    red_flags.record(cast.record, {"fever": True}, "symptoms")
    return {"seen_on": timezone.localdate().isoformat()}


API = {
    ("get", "/api/patients/{patient_id}/program"): Case("GET", API_READ),
    ("post", "/api/patients/{patient_id}/program/clearance"): Case(
        "POST", API_READ, 200, _paused_then_cleared
    ),
    ("post", "/api/patients/{patient_id}/program/symptoms"): Case(
        "POST", API_OWNER_ONLY, 201, lambda cast: {"answers": {"fever": False}}
    ),
    ("post", "/api/patients/{patient_id}/program/sessions"): Case(
        "POST", API_OWNER_ONLY, 201, _session_payload
    ),
}


def _template(cast) -> dict:
    from pacewise.plans.models import ProgramTemplate

    template = ProgramTemplate.objects.create(
        clinic=cast.clinic, name="Knee start", created_by="Sharer",
        items=[{"exercise_id": "walk-indoors", "sessions_per_week": 5, "minutes": 10}],
    )  # fmt: skip
    return {"template": template.pk}


WEB["plans-template-save"] = Case("POST", {**READ, "patient": 403}, 302, lambda c: {"name": "K"})
WEB["plans-template-apply"] = Case("POST", {**READ, "patient": 403}, 302, _template)
API[("post", "/api/patients/{patient_id}/program/templates")] = Case(
    "POST", {**API_READ, "patient": 403}, 422, lambda c: {"name": "Knee start"}
)
API[("post", "/api/patients/{patient_id}/program/templates/apply")] = Case(
    "POST", {**API_READ, "patient": 403}, 422, _template
)
