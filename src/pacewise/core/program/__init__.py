"""The weekly exercise program: which exercises, how often, how much, and why.

Pure: no Django, no files, no clock. ``build_program`` takes a ``ProgramProfile`` and the
exercise library (any objects shaped like ``ExerciseLike``, e.g. ``pacewise.plans.library``
records) and returns a ``WeeklyProgram``; the same input always gives the same program.

Rules (sources in docs/evidence/exercise.md, CLINICAL.md §4):

* Each condition names the categories it needs and those it only offers (``GUIDANCE``):
  low back pain - strength and mobility, anything else the person will do (NICE NG59);
  knee/hip OA - strength and low-impact aerobic first (NICE NG226, ACR 2019, OARSI 2019);
  fibromyalgia and widespread pain - aerobic, strength and flexibility, started very low
  (EULAR 2017, NICE NG193); lupus/autoimmune - gentle full-body, short bouts (EULAR 2024);
  hand/wrist arthritis - hand exercises, no wrist loading elsewhere (EULAR hand OA 2018);
  neck/shoulder - strength and mobility of the neck and shoulder girdle (IFOMPT 2023);
  endometriosis/pelvic pain - gentle movement offered as a choice only (ESHRE 2022).
* A stated limitation is never broken (``conflicts``): no wrist or hand loading with
  painful wrists/hands (implied by hand/wrist arthritis), no floor work with ``no_floor``,
  only low balance demand with ``balance_problems``, no kneeling with
  ``knee_pain_kneeling``, nothing done standing with ``cannot_stand_long``, only the
  person's equipment, only flare-safe exercises in a flare, never an avoided exercise.
* Dose starts from the library dose; fatigue-dominant people (and fibromyalgia, lupus)
  start at ``GENTLE_START`` of it, a flare halves it again (``FLARE_DELOAD``), and for
  lupus or fatigue, aerobic minutes are split into bouts of at most ``SHORT_BOUT_MINUTES``.
  These factors are Pacewise defaults, not trial constants.
"""

from .activities import to_pacing_profile, to_plan_activities
from .dosing import (
    FLARE_DELOAD,
    GENTLE_START,
    MIN_MINUTES,
    MIN_REPS,
    SESSIONS_PER_WEEK,
    SHORT_BOUT_MINUTES,
)
from .limitations import DoseLike, ExerciseLike, conflicts, modifications_of
from .prescription import NoEasierOption, Prescription, WeeklyProgram
from .profile import (
    BALANCE_DEMANDS,
    BODY_REGIONS,
    CATEGORIES,
    CONDITION_LABELS,
    CONDITIONS,
    EQUIPMENT,
    GUIDANCE,
    HOUSEHOLD_EQUIPMENT,
    LIMITATIONS,
    MODIFICATIONS,
    POSITIONS,
    Guidance,
    ProgramProfile,
)
from .selection import MAX_PICKS, PICKS, build_program, category_plan, swap_to_easier

__all__ = [
    "BALANCE_DEMANDS",
    "BODY_REGIONS",
    "CATEGORIES",
    "CONDITIONS",
    "CONDITION_LABELS",
    "DoseLike",
    "EQUIPMENT",
    "ExerciseLike",
    "FLARE_DELOAD",
    "GENTLE_START",
    "GUIDANCE",
    "Guidance",
    "HOUSEHOLD_EQUIPMENT",
    "LIMITATIONS",
    "MAX_PICKS",
    "MIN_MINUTES",
    "MIN_REPS",
    "MODIFICATIONS",
    "NoEasierOption",
    "PICKS",
    "POSITIONS",
    "Prescription",
    "ProgramProfile",
    "SESSIONS_PER_WEEK",
    "SHORT_BOUT_MINUTES",
    "WeeklyProgram",
    "build_program",
    "category_plan",
    "conflicts",
    "modifications_of",
    "swap_to_easier",
    "to_pacing_profile",
    "to_plan_activities",
]
