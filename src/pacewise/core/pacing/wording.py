"""Plain-language pieces shared by the engine's explanations.

Warm, plain (grade 6-8), never shaming: no "failed", no "missed", no streak talk.
"""

from __future__ import annotations

import math

from pacewise.core.facts import PlanActivity


def whole(amount: float) -> int:
    """Round half up, so figures in explanations are the ones people would compute."""
    return int(math.floor(amount + 0.5))


def percent(fraction: float) -> str:
    return f"{whole(fraction * 100)}%"


def points(value: float) -> str:
    """A pain figure: '3' or '3.5'."""
    rounded = round(value * 2) / 2
    return f"{rounded:g}"


def unit_word(activity: PlanActivity, amount: float) -> str:
    if activity.unit == "reps":
        return "rep" if whole(amount) == 1 else "reps"
    return "minute" if whole(amount) == 1 else "minutes"


def amount_text(activity: PlanActivity, amount: float) -> str:
    """'11 minutes of walking', '20 reps of sit-to-stand'."""
    label = activity.label[:1].lower() + activity.label[1:]
    return f"{whole(amount)} {unit_word(activity, amount)} of {label}"


def bouts_text(activity: PlanActivity, bouts: int, bout_size: float) -> str:
    """'in one go', 'in 2 bouts of 6 minutes', 'in 2 sets of 10'."""
    if bouts <= 1:
        return "in one go"
    about = "" if abs(bout_size - whole(bout_size)) < 0.01 else "about "  # 31 reps in 4 sets
    if activity.unit == "reps":
        return f"in {bouts} sets of {about}{whole(bout_size)}"
    return f"in {bouts} bouts of {about}{whole(bout_size)} {unit_word(activity, bout_size)}"


def join(parts: list[str]) -> str:
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def daily_amount(quota: float) -> int:
    """The whole amount a plan asks for on a usual day: targets never go above the plan, so a
    plan of 21.6 minutes a day asks for 21 (pacing._target, review.asked_for), and says 21."""
    return int(math.floor(quota + 1e-6))


def change_text(activity: PlanActivity, before: float, after: float) -> str:
    """'walking from 10 to 11 minutes a day', or 'walking stays at 10 minutes a day'
    (plan amounts, as a usual day asks for them: `daily_amount`)."""
    label = activity.label[:1].lower() + activity.label[1:]
    old, new = daily_amount(before), daily_amount(after)
    if old == new:
        return f"{label} stays at about {new} {unit_word(activity, new)} a day"
    return f"{label} from {old} to {new} {unit_word(activity, new)} a day"


def pain_during_advice(rest_in_flares: bool) -> tuple[str, ...]:
    """The pain-monitoring model in plain words, shown wherever exercise is prescribed
    (Thomeé 1997; Silbernagel et al. 2007; thresholds.PAIN_DURING_LIMIT). For people whose
    symptoms come a day or two after effort (fatigue-dominant, lupus; NICE NG206) the later
    signal is named too."""
    from pacewise.core.thresholds import PAIN_DURING_LIMIT

    limit = whole(PAIN_DURING_LIMIT)
    parts = [
        f"Some pain while you move is okay, up to about {limit} out of 10.",
        "It should settle by the next morning, and not build up from week to week.",
        "If it goes above that, slow down or stop, and do a little less next time.",
    ]
    if rest_in_flares:
        parts.append(
            "If you feel worse a day or two later, that is a sign to do less next time, even "
            "if it felt fine at the time."
        )
    return tuple(parts)


def flare_movement_advice(rest_in_flares: bool) -> str:
    """What to say about rest in a flare, per group: gentle movement for most (NICE NG59: no
    bed rest); rest as part of it for fatigue-dominant people and lupus (NICE NG206)."""
    if rest_in_flares:
        return (
            "In a flare, rest is part of looking after yourself. Keep only the gentle movement "
            "that feels okay, and let how you feel lead."
        )
    return "In a flare, keep some gentle movement. Rest alone does not help."


def long_flare_text(days: int, rest_in_flares: bool) -> str:
    """The kind prompt for a flare that has lasted beyond thresholds.LONG_FLARE_DAYS."""
    weeks = days // 7
    span = f"about {weeks} weeks" if weeks >= 2 else f"{days} days"
    pace = (
        "Keep resting as you need."
        if rest_in_flares
        else "Keep the gentle movement that feels okay."
    )
    return (
        f"This flare has lasted {span}. That is longer than most, and it is worth talking "
        "over with your clinician: please get in touch with them. It is also a good time to "
        f"check the list of symptoms that need a doctor. {pace}"
    )


def week_days_text(days_per_week: int, done_days: int, why_not: str) -> str:
    """Where an exercise done on some days a week stands (core.pacing.week_days), in a sentence."""
    if why_not == "rest":
        return (
            "A rest day for this one: you did it yesterday, and a day between sessions lets "
            "your muscles recover."
        )
    if why_not == "week_done":
        return (
            f"Done on {done_days} of {days_per_week} days this week: that is this week's plan. "
            "It starts again on Monday."
        )
    if done_days == 0:
        return f"On {days_per_week} days a week; none yet this week."
    return f"On {days_per_week} days a week; {done_days} so far this week."
