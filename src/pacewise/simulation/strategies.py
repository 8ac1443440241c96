"""Ways of deciding today's amounts, for the simulator: the engine and three anchors.

The anchors are what people commonly do without a pacing plan (DESIGN §5): boom-bust (a lot
on good days, little on bad ones), a fixed +10% a week whatever the symptoms, and resting
whenever it hurts more than usual. Like the engine, each sees only the profile, the diary and
today's check-in, never the simulator's hidden state.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from statistics import median

from pacewise.core.diary import Diary
from pacewise.core.facts import CheckIn, DayRecord, Profile
from pacewise.core.pacing.day_plan import plan_day

BASELINE_DAYS = 14


def engine(profile: Profile, history: Sequence[DayRecord], today: date,
           checkin: CheckIn) -> dict[str, float]:
    plan = plan_day(profile, history, today, checkin)
    return {x.activity: x.target for x in plan.targets}


def boom_bust(profile: Profile, history: Sequence[DayRecord], today: date,
              checkin: CheckIn) -> dict[str, float]:
    """Push on good days, crash-rest on bad ones."""
    habit, usual = _habit(profile, history), _usual_pain(history, today)
    pain = checkin.pain
    if checkin.flare or (pain is not None and pain >= usual + 2):
        scale = 0.2
    elif pain is not None and pain <= usual:
        scale = 1.6
    else:
        scale = 1.0
    return {k: v * scale for k, v in habit.items()}


def fixed_progression(profile: Profile, history: Sequence[DayRecord], today: date,
                      checkin: CheckIn) -> dict[str, float]:
    """Start at 80% of the baseline and add 10% every week, whatever happens."""
    habit = _habit(profile, history)
    first = history[0].date if history else today
    weeks = max(0, ((today - first).days - BASELINE_DAYS) // 7)
    return {k: v * 0.8 * 1.1**weeks for k, v in habit.items()}


def rest_when_it_hurts(profile: Profile, history: Sequence[DayRecord], today: date,
                       checkin: CheckIn) -> dict[str, float]:
    """The usual amount, or nothing on any day that hurts more than usual."""
    habit, usual = _habit(profile, history), _usual_pain(history, today)
    pain = checkin.pain
    hurts = checkin.flare or (pain is not None and pain > usual)
    return {k: 0.0 if hurts else v for k, v in habit.items()}


def _habit(profile: Profile, history: Sequence[DayRecord]) -> dict[str, float]:
    """The person's usual before any plan: the amount they reported at onboarding, else the
    median daily amount over their first logged days."""
    early = history[:BASELINE_DAYS]
    out = {}
    for a in profile.activities:
        done = [r.amount(a.key) for r in early if r.did(a.key)]
        if a.starting_amount:
            out[a.key] = a.starting_amount
        else:
            out[a.key] = float(median(done)) if done else 3 * a.min_bout
    return out


def _usual_pain(history: Sequence[DayRecord], today: date) -> float:
    usual = Diary(history[-28:], today).usual(today, frozenset()).pain
    return 4.0 if usual is None else usual


ANCHORS = {
    "boom-bust": boom_bust,
    "fixed +10%/week": fixed_progression,
    "rest when it hurts": rest_when_it_hurts,
}
