"""Today's paced plan: the stable public API of the pacing engine.

``plan_day(profile, history, today, checkin=None) -> DayPlan`` and
``weekly_review(profile, history, week_end) -> WeeklyReview``.

Both are pure: the plan's state is replayed from the diary (weekly steps only), nothing is
stored, no clock is read. Every number comes from ``thresholds``; every sentence carries the
numbers behind it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Literal

from pacewise.core import thresholds as t
from pacewise.core.diary import Diary, Usual
from pacewise.core.facts import CheckIn, DayRecord, Decision, PlanActivity, Profile
from pacewise.core.learn.goals import needs_shrinking
from pacewise.core.pacing import wording as w
from pacewise.core.pacing.baseline import find_baseline
from pacewise.core.pacing.flare import FlareCalendar, FlareStatus, Today, find_flares, flare_status
from pacewise.core.pacing.progression import (
    PlanState,
    ReplayCache,
    replay,
    review_week,
    week_context,
    with_overrides,
)
from pacewise.core.pacing.readiness import Readiness, readiness
from pacewise.core.pacing.reentry import Reentry, find_reentry
from pacewise.core.pacing.review import QuotaChange, WeeklyReview
from pacewise.core.pacing.week_days import WeekDay, week_day, week_start, weekly_amount
from pacewise.core.pacing.workload import boom_bust_message, envelope_cap, spike_cap

Date = date  # for fields declared after DayPlan's own `date` field
Phase = Literal["baseline", "building", "holding", "flare", "returning"]
CLINICIAN = "Set by your clinician"

__all__ = [
    "ActivityTarget",
    "DayPlan",
    "EasierOption",
    "QuotaChange",
    "ReviewOffer",
    "WeeklyReview",
    "decide",
    "flare_days",
    "plan_day",
    "review_offer",
    "weekly_review",
]


@dataclass(frozen=True)
class ActivityTarget:
    """Today's amount for one activity, split into bouts, beside the quota it comes from."""

    activity: str
    label: str
    unit: str
    target: float
    quota: float
    bouts: int
    bout_size: float
    overridden: bool = False
    days_per_week: int = 7  # an exercise done on some days a week (core.pacing.week_days)
    done_days: int = 0  # this calendar week, today included once done
    asked_today: bool = True  # False: not a day for it (a rest day, or the week's days done)
    why_not: str = ""  # "rest" or "week_done" when not asked today

    @property
    def weekly(self) -> float:
        return weekly_amount(self.quota, self.days_per_week)

    @property
    def week_text(self) -> str:
        """Where an exercise on some days a week stands, in a sentence ("" for daily ones)."""
        if self.days_per_week >= 7:
            return ""
        return w.week_days_text(self.days_per_week, self.done_days, self.why_not)


@dataclass(frozen=True)
class EasierOption:
    targets: tuple[ActivityTarget, ...]
    text: str


@dataclass(frozen=True)
class DayPlan:
    date: date
    phase: Phase
    targets: tuple[ActivityTarget, ...]
    weekly_quota: Mapping[str, float]  # the week's total per activity (ActivityTarget.weekly)
    reasons: tuple[str, ...]
    easier_option: EasierOption
    messages: tuple[str, ...] = ()
    overridden: tuple[str, ...] = ()  # activity keys (and "progression_rate") set by a clinician
    week_start: Date | None = None  # first day of the current plan week (None in baseline)
    last_review: WeeklyReview | None = None
    factors: Mapping[str, float] = field(default_factory=dict)
    flare_days: int = 0  # in a flare: how many days it has lasted, today included

    @property
    def long_flare(self) -> bool:
        """A flare lasting beyond t.LONG_FLARE_DAYS: a reason to contact a clinician and to
        re-check red flags (CLINICAL.md §2)."""
        return self.flare_days >= t.LONG_FLARE_DAYS

    def target(self, activity: str) -> ActivityTarget:
        return next(x for x in self.targets if x.activity == activity)


@dataclass(frozen=True)
class _Day:
    """Everything plan_day works out before shaping the targets."""

    profile: Profile
    diary: Diary
    calendar: FlareCalendar
    state: PlanState
    usual: Usual
    flare: FlareStatus
    reentry: Reentry | None
    ready: Readiness
    phase: Phase
    factor: float


def plan_day(
    profile: Profile,
    history: Sequence[DayRecord],
    today: date,
    checkin: CheckIn | None = None,
    *,
    cache: ReplayCache | None = None,
) -> DayPlan:
    """Today's plan for every activity in the profile, with its reasons. `cache` lets many
    plans from one profile and history share their weekly reviews (past plans, replayed)."""
    day = _work_out(profile, history, today, checkin, cache)
    targets = tuple(_target(day, a) for a in profile.activities)
    reasons = [
        *_phase_reasons(day, targets),
        *_cap_reasons(day, targets),
        *_override_reasons(profile),
    ]
    in_flare = _flare_length(day.diary, day.calendar, today) if day.phase == "flare" else 0
    messages = _messages(day, today)
    if in_flare >= t.LONG_FLARE_DAYS:
        messages = (w.long_flare_text(in_flare, profile.rest_in_flares), *messages)
    return DayPlan(
        date=today,
        phase=day.phase,
        targets=targets,
        weekly_quota={x.activity: x.weekly for x in targets},
        reasons=tuple(reasons),
        easier_option=_easier(day, targets),
        messages=messages,
        overridden=_overridden(profile),
        week_start=None
        if day.phase == "baseline" and not day.state.last_review
        else day.state.week_start,
        last_review=day.state.last_review,
        factors={"phase": day.factor, "readiness": day.ready.factor},
        flare_days=in_flare,
    )


def _work_out(
    profile: Profile,
    history: Sequence[DayRecord],
    today: date,
    checkin: CheckIn | None,
    cache: ReplayCache | None = None,
) -> _Day:
    diary = Diary(history, today)
    checkin = checkin or _checkin_from_history(history, today)
    calendar = cache.flares(diary) if cache is not None else find_flares(diary)
    state = replay(profile, diary, calendar, today, cache)
    usual = diary.usual(today, calendar.flare_days)
    flare = _flare_today(diary, calendar, checkin, today, usual, profile.fatigue_dominant)
    reentry = find_reentry(diary, today, profile.fatigue_dominant)
    ready = readiness(checkin, usual)
    phase, factor = _phase(state, flare, reentry, today)
    if phase == "flare":
        state = _quotas_before_flare(profile, history, calendar, state, today)
    return _Day(profile, diary, calendar, state, usual, flare, reentry, ready, phase, factor)


def _flare_today(
    diary: Diary,
    calendar: FlareCalendar,
    checkin: CheckIn | None,
    today: date,
    usual: Usual,
    fatigue: bool,
) -> FlareStatus:
    pain = checkin.pain if checkin else None
    info = Today(today, pain, bool(checkin and checkin.flare), _has_data(checkin), usual)
    return flare_status(diary, calendar, info, fatigue)


def _flare_length(diary: Diary, calendar: FlareCalendar, today: date) -> int:
    return (today - _flare_start(diary, calendar, today)).days + 1


def flare_days(history: Sequence[DayRecord], today: date, *, fatigue_dominant: bool) -> int:
    """How many days the flare on ``today`` has lasted, today included (0: not in a flare):
    the same figure plan_day reports as ``DayPlan.flare_days``, without replaying the plan,
    so a caseload can ask it of every person. ``history`` needs the last ~90 days."""
    diary = Diary(history, today)
    calendar = find_flares(diary)
    usual = diary.usual(today, calendar.flare_days)
    checkin = _checkin_from_history(history, today)
    status = _flare_today(diary, calendar, checkin, today, usual, fatigue_dominant)
    return _flare_length(diary, calendar, today) if status.phase == "flare" else 0


def _quotas_before_flare(
    profile: Profile,
    history: Sequence[DayRecord],
    calendar: FlareCalendar,
    state: PlanState,
    today: date,
) -> PlanState:
    """In a flare that began before the baseline was finished, the plan is the one from the
    days before the flare: flare days never set (or raise) a plan. Once weekly reviews run,
    a flare week never raises the quota, so the lower of the two stands."""
    start = _flare_start(Diary(history, today), calendar, today)
    if start >= state.baseline.end:
        return state
    before = with_overrides(profile, find_baseline(profile, Diary(history, start)).quotas)
    if state.baseline.complete_on(today):
        before = {k: min(v, before.get(k, v)) for k, v in state.quotas.items()}
    return replace(state, quotas=before)


def _flare_start(diary: Diary, calendar: FlareCalendar, today: date) -> date:
    """First day of the flare that is on today: the earliest flare day since the last calm
    day with data (today itself when the flare began today). More than ``LONG_GAP_DAYS``
    without entries ends a flare, as in ``flare_status``."""
    first, gap = today, 0
    day = today - timedelta(days=1)
    while diary.first is not None and day >= diary.first and gap <= t.LONG_GAP_DAYS:
        if day in calendar.flare_days:
            first, gap = day, 0
        elif diary.get(day) is not None:
            break
        else:
            gap += 1
        day -= timedelta(days=1)
    return first


def _checkin_from_history(history: Sequence[DayRecord], today: date) -> CheckIn | None:
    """A diary entry already made for today stands in for the check-in."""
    for record in reversed(history):
        if record.date == today:
            return CheckIn(
                morning_pain=record.morning_pain,
                sleep_hours=record.sleep_hours,
                fatigue=record.fatigue,
                pain_now=record.avg_pain,
                flare=record.flare,
            )
    return None


def _has_data(checkin: CheckIn | None) -> bool:
    if checkin is None:
        return False
    values = (checkin.morning_pain, checkin.pain_now, checkin.fatigue, checkin.sleep_hours)
    return checkin.flare or any(v is not None for v in values)


def _phase(
    state: PlanState, flare: FlareStatus, reentry: Reentry | None, today: date
) -> tuple[Phase, float]:
    if flare.phase == "flare":
        return "flare", flare.factor
    if flare.phase == "returning" or reentry is not None:
        factors = [
            flare.factor if flare.phase == "returning" else 1.0,
            reentry.factor if reentry else 1.0,
        ]
        return "returning", min(factors)
    if not state.baseline.complete_on(today):
        return "baseline", 1.0
    review = state.last_review
    if review is not None and review.change != "raise":
        return "holding", 1.0
    return "building", 1.0


def _target(day: _Day, activity: PlanActivity) -> ActivityTarget:
    quota = round(day.state.quotas[activity.key], 2)
    amount = quota * day.factor
    if day.phase != "flare":
        amount *= day.ready.factor
    for cap in _caps(day, activity, quota).values():
        amount = min(amount, cap)
    amount = max(min(activity.min_bout, quota), amount)
    target = float(min(w.whole(amount), w.daily_amount(quota)))
    bouts, size = split_into_bouts(activity, target, day.profile.fatigue_dominant)
    overridden = activity.key in day.profile.overrides.quota or (
        activity.key in day.profile.overrides.cap
        and quota >= day.profile.overrides.cap[activity.key]
    )
    week = _week_day(day, activity)
    return ActivityTarget(
        activity.key,
        activity.label,
        activity.unit,
        target,
        quota,
        bouts,
        size,
        overridden,
        days_per_week=week.days_per_week,
        done_days=week.done_days,
        asked_today=week.asked_today,
        why_not=week.why_not,
    )


def _week_day(day: _Day, activity: PlanActivity) -> WeekDay:
    today = day.diary.today
    records = day.diary.logged(week_start(today), today)
    done_on = [r.date for r in records if r.amount(activity.key) > 0]
    return week_day(activity.days_per_week, done_on, today)


def _caps(day: _Day, activity: PlanActivity, quota: float) -> dict[str, float]:
    caps: dict[str, float] = {}
    if day.phase == "baseline":
        return caps
    spike = spike_cap(day.diary, activity.key, day.diary.today)
    if spike is not None and spike.amount < quota * day.factor * day.ready.factor:
        caps["spike_average" if spike.at_average else "spike"] = spike.amount
    if day.profile.fatigue_dominant:
        envelope = envelope_cap(day.diary, activity.key, day.diary.today, quota)
        if envelope is not None:
            caps["envelope"] = envelope
    return caps


def split_into_bouts(activity: PlanActivity, target: float, fatigue: bool) -> tuple[int, float]:
    """Micro-sessions: bouts no longer than the maximum, none shorter than the smallest bout."""
    if target <= 0:
        return 1, 0.0
    if activity.unit == "reps":
        longest = t.MAX_SET_REPS
    else:
        longest = t.MAX_BOUT_MINUTES_FATIGUE if fatigue else t.MAX_BOUT_MINUTES
    bouts = math.ceil(target / longest)
    bouts = max(1, min(bouts, math.floor(target / max(activity.min_bout, 1e-9))))
    return bouts, round(target / bouts, 1)


def _amounts(day: _Day, targets: tuple[ActivityTarget, ...]) -> str:
    """Today's amounts in words: only what is asked for today (core.pacing.week_days)."""
    parts = []
    for target in (x for x in targets if x.asked_today):
        activity = _activity(day.profile, target.activity)
        text = w.amount_text(activity, target.target)
        parts.append(f"{text} {w.bouts_text(activity, target.bouts, target.bout_size)}")
    if not parts:
        return "gentle movement of your choice"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + ", and " + parts[-1]


def _activity(profile: Profile, key: str) -> PlanActivity:
    return next(a for a in profile.activities if a.key == key)


def _phase_reasons(day: _Day, targets: tuple[ActivityTarget, ...]) -> list[str]:
    amounts = _amounts(day, targets)
    if day.phase == "baseline":
        logged = min(day.state.baseline.logged_days.values(), default=0)
        return [
            f"We're still getting to know your usual level: {logged} of at least "
            f"{t.BASELINE_MIN_DAYS} days logged so far. For now, aim for about {amounts}, "
            "or whatever feels comfortable, and log what you do."
        ]
    if day.phase == "flare":
        return [
            _flare_opening(day),
            f"So today's plan is {w.percent(day.factor)} of your "
            f"usual amount: {amounts}. Gentle movement helps; rest between bouts as you "
            "need.",
        ]
    if day.phase == "returning":
        return [_returning_reason(day, amounts)]
    out = [f"Your plan this week is {_quota_text(day, targets)} a day."]
    if day.state.last_review is not None:
        out.extend(day.state.last_review.reasons)
    out.append(_readiness_reason(day, amounts))
    return out


def _flare_opening(day: _Day) -> str:
    if day.flare.detected_today:
        return (
            "Your pain has been 2 or more points above your usual for 2 days in a row, "
            "which looks like a flare."
        )
    return "You're in a flare. Flares are common and most settle within days to a couple of weeks."


def _returning_reason(day: _Day, amounts: str) -> str:
    if day.reentry is not None and day.reentry.factor == day.factor:
        opening = (
            f"Welcome back. After {day.reentry.gap_days} days without entries we "
            "start a little lower and build back up over about two weeks"
        )
    else:
        opening = (
            f"Your flare is settling, so we're building back up in steps "
            f"(step {day.flare.stage + 1} of {day.flare.stages + 1})"
        )
    reason = f"{opening}: today is {w.percent(day.factor)} of your plan, {amounts}."
    if day.ready.factor < 1:
        reason += f" It's a little less because {w.join(list(day.ready.because))}."
    return reason


def _readiness_reason(day: _Day, amounts: str) -> str:
    if day.ready.factor >= 1:
        return f"Today: {amounts}."
    because = w.join(list(day.ready.because))
    sentence = f"{because}, so today is {w.percent(day.ready.factor)} of your plan: {amounts}."
    return sentence[:1].upper() + sentence[1:]


def _quota_text(day: _Day, targets: tuple[ActivityTarget, ...]) -> str:
    texts = [
        w.amount_text(_activity(day.profile, x.activity), w.daily_amount(x.quota))
        for x in targets
    ]
    return w.join(texts) if texts else "gentle movement of your choice"


def _cap_reasons(day: _Day, targets: tuple[ActivityTarget, ...]) -> list[str]:
    out = []
    for target in targets:
        activity = _activity(day.profile, target.activity)
        caps = _caps(day, activity, target.quota)
        what = w.amount_text(activity, target.target)
        if "spike" in caps:
            out.append(
                f"You've done more {activity.label.lower()} than usual over the last "
                f"few days, so today is kept to {what}. That keeps this week within "
                f"about {t.SPIKE_RATIO:g} times your recent average."
            )
        if "spike_average" in caps:
            out.append(
                f"You've done more {activity.label.lower()} than usual over the last "
                f"few days, so today is kept to {what}, about your average day over "
                "the last four weeks. That lets this week settle back towards your "
                "usual without a sudden stop."
            )
        if "envelope" in caps:
            out.append(
                f"You did more than planned over the last two days, so today is "
                f"lighter ({what}). Tiredness from activity can show up a day or two "
                "later, and this keeps you inside your energy envelope."
            )
    return out


def _override_reasons(profile: Profile) -> list[str]:
    out = []
    o = profile.overrides
    for activity in profile.activities:
        if activity.key in o.quota:
            out.append(f"{CLINICIAN}: {w.amount_text(activity, o.quota[activity.key])} a day.")
        if activity.key in o.cap:
            out.append(
                f"{CLINICIAN}: at most {w.amount_text(activity, o.cap[activity.key])} a day."
            )
    if o.progression_rate is not None:
        out.append(f"{CLINICIAN}: weekly steps of {w.percent(o.progression_rate)} on good weeks.")
    if o.note:
        out.append(f"Note from your clinician: {o.note}")
    return out


def _overridden(profile: Profile) -> tuple[str, ...]:
    o = profile.overrides
    keys = [a.key for a in profile.activities if a.key in o.quota or a.key in o.cap]
    if o.progression_rate is not None:
        keys.append("progression_rate")
    return tuple(keys)


def _easier(day: _Day, targets: tuple[ActivityTarget, ...]) -> EasierOption:
    """Always a smaller choice: about half of today's amount, and never more than it."""
    easier = []
    for x in targets:
        amount = float(max(1, w.whole(x.target * t.EASIER_FACTOR))) if x.target >= 2 else x.target
        activity = _activity(day.profile, x.activity)
        bouts, size = split_into_bouts(activity, amount, day.profile.fatigue_dominant)
        easier.append(replace(x, target=amount, bouts=bouts, bout_size=size))
    smaller = tuple(easier)
    text = (
        f"Easier today: {_amounts(day, smaller)}. Choosing the easier option on a hard day "
        "is part of pacing, and it still counts."
    )
    return EasierOption(smaller, text)


def _messages(day: _Day, today: date) -> tuple[str, ...]:
    if day.phase == "baseline":
        return ()
    out = []
    for activity in day.profile.activities:
        quota_on = _recent_quota_by_day(day.state, activity.key, today)
        note = boom_bust_message(
            day.diary, activity, today, quota_on, day.usual, day.calendar.flare_days
        )
        if note:
            out.append(note)
            break
    return tuple(out)


def _recent_quota_by_day(state: PlanState, key: str, today: date) -> dict[date, float]:
    out = {}
    for back in range(1, t.BOOM_LOOKBACK_DAYS + 1):
        day = today - timedelta(days=back)
        if state.baseline.complete_on(day):
            out[day] = state.quota_on(day).get(key, 0.0)
    return out


def weekly_review(profile: Profile, history: Sequence[DayRecord], week_end: date) -> WeeklyReview:
    """Review the 7 days ending on ``week_end`` (inclusive) against the plan then in force.

    The engine's own weekly steps run from the end of the baseline (``DayPlan.week_start``);
    called with ``week_end = DayPlan.week_start - 1 day`` this is the review that plan_day
    applied.
    """
    start = week_end - timedelta(days=6)
    diary = Diary(history, week_end + timedelta(days=1))
    calendar = find_flares(diary)
    state = replay(profile, diary, calendar, start)
    in_baseline = not state.baseline.complete_on(start)
    ctx = week_context(profile, diary, calendar, state, start, in_baseline=in_baseline)
    return review_week(ctx, start)[0]


@dataclass(frozen=True)
class ReviewOffer:
    """What the weekly review puts to the person: the engine's proposal (before their answer)
    and, when the plan would go up and their confidence is below 7, a smaller step."""

    proposal: WeeklyReview
    smaller: WeeklyReview | None = None


def review_offer(
    profile: Profile, history: Sequence[DayRecord], week_end: date, confidence: int | None = None
) -> ReviewOffer:
    """The proposal for the week ending ``week_end``, and the smaller step when one is offered
    (confidence ruler below 7: Miller & Rollnick 2013; the choice stays with the person)."""
    start = week_end - timedelta(days=6)
    others = {k: v for k, v in profile.decisions.items() if k != start}
    proposal = weekly_review(replace(profile, decisions=others), history, week_end)
    if proposal.change != "raise" or not needs_shrinking(confidence):
        return ReviewOffer(proposal)
    smaller = Decision("smaller", t.SMALLER_STEP, confidence)
    with_smaller = replace(profile, decisions={**others, start: smaller})
    return ReviewOffer(proposal, weekly_review(with_smaller, history, week_end))


STEPS = ("full", "smaller", "same")


class ChooseStep(ValueError):
    """The plan goes up and confidence is below 7: the person chooses a step first."""


def decide(proposal: WeeklyReview, confidence: int | None, step: str | None) -> Decision:
    """The person's answer to ``proposal``, the one rule for the web and the API.

    ``step``: "full" (the plan as proposed), "smaller" (part of a raise, t.SMALLER_STEP) or
    "same" (keep this week's plan as it was). When the plan goes up and confidence is below 7
    (goals.needs_shrinking), the person is asked to choose: ``step`` None raises ChooseStep.
    A smaller step or keeping it the same exist only when the plan goes up.
    """
    raising = proposal.change == "raise"
    if step is None:
        if raising and needs_shrinking(confidence):
            raise ChooseStep("choose a step: full, smaller or same")
        step = "full"
    if step not in STEPS:
        raise ValueError(f"choose a step: {', '.join(STEPS)}")
    if step == "full":
        return Decision("accepted", 1.0, confidence)
    if not raising:
        raise ValueError("this week's plan does not go up, so there is no smaller step")
    if step == "same":
        return Decision("same", 0.0, confidence)
    return Decision("smaller", t.SMALLER_STEP, confidence)
