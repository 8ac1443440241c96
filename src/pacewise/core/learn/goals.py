"""Goal setting in the spirit of motivational interviewing (Miller & Rollnick, 3rd ed., 2013).

Pure and framework-free. The person names what matters, rates importance and confidence on
0-10 rulers, answers open follow-up questions in their own words, and builds a goal that is
specific (what), small (how much), regular (how often) and time-bound (by when). When
confidence is below 7, a smaller version is offered before saving, because people tend to
reach goals they feel confident about; the choice stays with the person.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, timedelta

#: Below this confidence (0-10) a smaller goal is offered (MI practice: aim for 7 or more).
CONFIDENT_ENOUGH = 7
RULER_MIN, RULER_MAX = 0, 10
#: A goal looks no further ahead than this, so that it is reviewed while it is still fresh.
MAX_WEEKS = 12
DEFAULT_WEEKS = 2
UNITS = ("minutes", "times", "steps", "pages", "repetitions")

WEEKLY_REFLECTION_QUESTIONS = (
    ("went_well", "What went well this week, even a little?"),
    ("was_hard", "What got in the way, or felt hard?"),
    ("next_step", "What would you like to keep, change or try next week?"),
)


@dataclass(frozen=True)
class GoalDraft:
    what: str  # e.g. "walk around the block"
    amount: int  # e.g. 10
    unit: str  # one of UNITS
    times_per_week: int  # 1-7
    by_date: date
    activity: str = ""  # a diary activity this goal counts, if any


@dataclass(frozen=True)
class GoalProblem:
    field: str
    message: str


def needs_shrinking(confidence: int | None) -> bool:
    """True when confidence is below 7: offer smaller versions before saving."""
    return confidence is not None and confidence < CONFIDENT_ENOUGH


def check_goal(goal: GoalDraft, today: date) -> tuple[GoalProblem, ...]:
    """What keeps a draft from being specific, small and time-bound (empty when it is fine)."""
    problems = []
    if not goal.what.strip():
        problems.append(GoalProblem("what", "Say what you would like to do."))
    if goal.amount < 1:
        problems.append(GoalProblem("amount", "Choose an amount of 1 or more."))
    if goal.unit not in UNITS:
        problems.append(GoalProblem("unit", "Choose minutes, times, steps, pages or repetitions."))
    if not 1 <= goal.times_per_week <= 7:
        problems.append(GoalProblem("times_per_week", "Choose from 1 to 7 times a week."))
    if goal.by_date <= today:
        problems.append(GoalProblem("by_date", "Choose a date after today."))
    elif goal.by_date > today + timedelta(weeks=MAX_WEEKS):
        problems.append(
            GoalProblem(
                "by_date",
                f"Choose a date within {MAX_WEEKS} weeks. You can set a new goal after that.",
            )
        )
    return tuple(problems)


def smaller_versions(goal: GoalDraft) -> tuple[GoalDraft, ...]:
    """Smaller versions of ``goal``, smallest change first; none equal to the goal itself.

    Half the amount; fewer days a week (about half); and both together. The date stays: a
    smaller step done by the same date builds more confidence than a big one put off.
    """
    half_amount = max(1, math.floor(goal.amount / 2))
    fewer_days = max(1, math.floor(goal.times_per_week / 2))
    candidates = (
        replace(goal, amount=half_amount),
        replace(goal, times_per_week=fewer_days),
        replace(goal, amount=half_amount, times_per_week=fewer_days),
    )
    out: list[GoalDraft] = []
    for candidate in candidates:
        if candidate != goal and candidate not in out:
            out.append(candidate)
    return tuple(out)


def how_often(times_per_week: int) -> str:
    if times_per_week >= 7:
        return "every day"
    if times_per_week == 1:
        return "once a week"
    if times_per_week == 2:
        return "twice a week"
    return f"{times_per_week} times a week"


def goal_sentence(goal: GoalDraft) -> str:
    """The goal as one plain sentence, e.g. "Walk around the block for 10 minutes, 3 times a
    week, until Friday 14 June.\""""
    what = goal.what.strip().rstrip(".")
    what = what[:1].upper() + what[1:]
    unit = goal.unit
    if goal.amount == 1 and unit.endswith("s"):
        unit = unit[:-1]
    amount = f"for {goal.amount} {unit}" if goal.unit == "minutes" else f"{goal.amount} {unit}"
    when = f"{goal.by_date:%A} {goal.by_date.day} {goal.by_date:%B}"
    return f"{what}, {amount}, {how_often(goal.times_per_week)}, until {when}."


def ruler_follow_ups(kind: str, score: int) -> tuple[str, ...]:
    """Open questions after a 0-10 ruler, in the person's own numbers.

    "Why a 5 and not a 2?" invites the person's own reasons (change talk); "what would move it
    up one?" invites their own ideas. ``kind`` is "importance" or "confidence".
    """
    if not RULER_MIN <= score <= RULER_MAX:
        raise ValueError(f"a ruler score is from {RULER_MIN} to {RULER_MAX}, got {score}")
    noun = "important" if kind == "importance" else "confident"
    questions = []
    if score > RULER_MIN:
        lower = max(RULER_MIN, score - 3)
        questions.append(f"What makes it {_a(score)} and not {_a(lower)}?")
    else:
        questions.append(f"What would need to happen for you to feel even a little {noun}?")
    if score < RULER_MAX:
        questions.append(f"What would it take to move it up one, to {_a(score + 1)}?")
    else:
        questions.append("What helps you feel this way?")
    return tuple(questions)


def _a(number: int) -> str:
    """ "a 5", "an 8", "an 11" read aloud."""
    return f"an {number}" if number in (8, 11, 18) else f"a {number}"


def default_by_date(today: date) -> date:
    return today + timedelta(weeks=DEFAULT_WEEKS)


def reflection_due(started: date, last_reflection: date | None, today: date) -> bool:
    """A short reflection is offered once a week after the goal was set (never nagged)."""
    since = last_reflection or started
    return (today - since).days >= 7
