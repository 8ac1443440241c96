"""The weekly review: green, amber or red by the pain-monitoring model, and what changes.

Pain-monitoring model (Thomeé 1997; Silbernagel et al. 2007): pain during activity up to 5/10
(or usual + 2 when usual is high) is acceptable; pain after must settle by the next morning;
pain must not trend up week to week. Green: raise by a small time-contingent step (Lindström
1992). Amber: hold. Red: step back 10-20%. Fatigue-dominant conditions raise only after a stable
period and look 48 h ahead for delayed worsening (NICE NG206).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import mean, median
from typing import Literal

from pacewise.core import thresholds as t
from pacewise.core.diary import Diary, Usual, pain_limit
from pacewise.core.facts import CheckIn, DayRecord, Decision, PlanActivity, Profile
from pacewise.core.pacing.readiness import readiness
from pacewise.core.pacing.tolerance import Tolerance
from pacewise.core.pacing.wording import daily_amount, whole

Colour = Literal["green", "amber", "red"]
Change = Literal["raise", "hold", "step_back"]


@dataclass(frozen=True)
class QuotaChange:
    activity: str
    before: float
    after: float
    overridden: bool = False


@dataclass(frozen=True)
class WeeklyReview:
    week_start: date
    week_end: date
    colour: Colour
    change: Change
    proposed: tuple[QuotaChange, ...]
    reasons: tuple[str, ...]
    logged_days: int
    decision: Decision | None = None  # the person's answer, when they have given one

    def quotas_after(self) -> dict[str, float]:
        return {c.activity: c.after for c in self.proposed}


@dataclass(frozen=True)
class WeekSignals:
    """What the week's diary says, in numbers."""

    logged_days: int
    flare_days: int
    new_flare: bool
    load_linked_flare: bool
    unsettled_mornings: int
    over_limit_sessions: int
    pain_rise: float | None
    completion: dict[str, float | None]  # filled only when a raise is on the table
    mornings_after_activity: int = 0  # mornings rated after an active day (what "settled" rests on)


@dataclass(frozen=True)
class WeekContext:
    """What the review needs beyond the week itself."""

    profile: Profile
    diary: Diary
    flare_days: frozenset[date]
    usual: Usual
    quotas: dict[str, float]
    previous: Colour | None = None
    green_streak: int = 0
    recovering: bool = False
    in_baseline: bool = False
    tolerance: Mapping[str, Tolerance] = field(default_factory=dict)  # per activity, to week end


def week_signals(ctx: WeekContext, start: date) -> WeekSignals:
    end = start + timedelta(days=6)
    records = ctx.diary.logged(start, end)
    flare = sorted(d for d in ctx.flare_days if start <= d <= end)
    new_flare = bool(flare) and not any(
        flare[0] - timedelta(days=k) in ctx.flare_days for k in range(1, 8)
    )
    linked = new_flare and _load_before(ctx, flare[0])
    pains = [r.pain for r in records if r.pain is not None]
    rise = None
    if ctx.usual.pain_mean is not None and len(pains) >= t.USUAL_MIN_VALUES:
        rise = mean(pains) - ctx.usual.pain_mean
    return WeekSignals(
        logged_days=len(records),
        flare_days=len(flare),
        new_flare=new_flare,
        load_linked_flare=linked,
        unsettled_mornings=_unsettled_mornings(ctx, records, end),
        over_limit_sessions=_over_limit_sessions(ctx, records),
        pain_rise=rise,
        completion={},
        mornings_after_activity=_rated_mornings(ctx, records),
    )


def _unsettled_mornings(ctx: WeekContext, records: list[DayRecord], week_end: date) -> int:
    """Mornings 2+ points above usual pain (or, fatigue-dominant, fatigue) after activity."""
    ahead = t.LOOKAHEAD_MORNINGS_FATIGUE if ctx.profile.fatigue_dominant else t.LOOKAHEAD_MORNINGS
    count = 0
    for record in records:
        active = any(
            _was_active(ctx.diary.get(record.date - timedelta(days=k))) for k in range(1, ahead + 1)
        )
        if active and _unsettled(ctx, record, week_end):
            count += 1
    return count


def _rated_mornings(ctx: WeekContext, records: list[DayRecord]) -> int:
    """Mornings with a rating the day after an active day: what "settled by the next
    morning" can be said about at all."""
    return sum(
        1
        for r in records
        if r.morning_pain is not None and _was_active(ctx.diary.get(r.date - timedelta(days=1)))
    )


def _was_active(record: DayRecord | None) -> bool:
    return record is not None and any(s.amount > 0 for s in record.sessions)


def _unsettled(ctx: WeekContext, record: DayRecord, week_end: date) -> bool:
    """A morning 2+ points above usual that is also a rise on the morning before, and that a
    second report does not contradict.

    "Settled" means back to where the person started (Thomeé 1997), so a morning that was
    already as high the day before the activity is not laid at the activity's door. One rating
    carries about a point of noise (Farrar 2001), so a high morning counts when a second
    report agrees (the same day's average pain, or the next morning in the same week, at
    least ``CONFIRM_MARGIN`` above usual) or when there is no second report to ask; a lone
    high rating that the other reports contradict is noise, not a worsening.
    """
    before = ctx.diary.get(record.date - timedelta(days=1))
    after = ctx.diary.get(record.date + timedelta(days=1)) if record.date < week_end else None
    if _worse(record.pain, before.pain if before else None, ctx.usual.pain):
        second = [after.pain if after else None]
        if record.morning_pain is not None:
            second.append(record.avg_pain)
        if _confirmed(second, ctx.usual.pain):
            return True
    if not ctx.profile.fatigue_dominant:
        return False
    if not _worse(record.fatigue, before.fatigue if before else None, ctx.usual.fatigue):
        return False
    return _confirmed([after.fatigue if after else None], ctx.usual.fatigue)


def _confirmed(second: list[float | None], usual: float | None) -> bool:
    known = [v for v in second if v is not None]
    if not known or usual is None:
        return True
    return any(v >= usual + t.CONFIRM_MARGIN for v in known)


def _worse(value: float | None, before: float | None, usual: float | None) -> bool:
    if value is None or usual is None or value < usual + t.FLARE_PAIN_MARGIN:
        return False
    return before is None or value >= before + t.SETTLE_MARGIN


def _load_before(ctx: WeekContext, onset: date) -> bool:
    """Did load run well above plan, or pain during above the limit, in the 3 days before?"""
    limit = pain_limit(ctx.usual.pain)
    for k in range(1, 4):
        record = ctx.diary.get(onset - timedelta(days=k))
        if record is None:
            continue
        for key, quota in ctx.quotas.items():
            if quota > 0 and record.amount(key) > t.BOOM_RATIO * quota:
                return True
        if any(s.pain_during is not None and s.pain_during > limit for s in record.sessions):
            return True
    return False


def _over_limit_sessions(ctx: WeekContext, records: list[DayRecord]) -> int:
    limit = pain_limit(ctx.usual.pain)
    return sum(
        1
        for r in records
        for s in r.sessions
        if s.pain_during is not None and s.pain_during > limit
    )


def completions(ctx: WeekContext, start: date) -> dict[str, float | None]:
    """Median share of the day's readiness-adjusted plan done, on days the activity was done.

    The day's plan is rebuilt from that day's own check-in, so doing the smaller amount asked
    for on a rough day counts as doing the plan. The median keeps one short day (or one big
    one) from deciding the week.
    """
    records = ctx.diary.logged(start, start + timedelta(days=6))
    factors = {r.date: readiness(_as_checkin(r), ctx.usual).factor for r in records}
    out: dict[str, float | None] = {}
    for activity in ctx.profile.activities:
        quota = ctx.quotas.get(activity.key, 0.0)
        shares = [
            r.amount(activity.key) / asked_for(activity, quota, factors[r.date])
            for r in records
            if quota > 0 and r.amount(activity.key) > 0
        ]
        out[activity.key] = median(shares) if shares else None
    return out


def asked_for(activity: PlanActivity, quota: float, factor: float) -> float:
    """The whole-number amount the plan asked for on a day (as ``plan_day`` rounds it), so
    that doing exactly what was asked counts as 100%, however small the quota."""
    amount = min(whole(quota * factor), daily_amount(quota))
    return max(min(activity.min_bout, quota), float(amount), 1e-9)


def _as_checkin(record: DayRecord) -> CheckIn:
    return CheckIn(
        morning_pain=record.morning_pain,
        sleep_hours=record.sleep_hours,
        fatigue=record.fatigue,
        pain_now=record.avg_pain,
    )


def colour_of(ctx: WeekContext, s: WeekSignals) -> tuple[Colour, list[str], int]:
    """The week's colour, the reasons for it, and how many red signals there were."""
    red, amber = _red_reasons(ctx, s), _amber_reasons(ctx, s)
    if red:
        return "red", red, len(red)
    if amber:
        return "amber", amber, 0
    return "green", [_green_reason(ctx, s)], 0


def _red_reasons(ctx: WeekContext, s: WeekSignals) -> list[str]:
    out = []
    if s.flare_days:
        out.append(
            f"You had {_days(s.flare_days)} of flare this week. Flares are common "
            "and most settle within days."
        )
        if s.load_linked_flare:
            out.append(
                "It came after a day of more activity or more pain during activity than planned."
            )
    if s.unsettled_mornings >= t.UNSETTLED_RED_COUNT:
        out.append(_unsettled_text(ctx, s.unsettled_mornings))
    if s.over_limit_sessions >= t.OVER_LIMIT_RED_COUNT:
        out.append(_over_limit_text(ctx, s.over_limit_sessions))
    if s.pain_rise is not None and s.pain_rise >= t.WEEKLY_TREND_RED:
        out.append(f"Your pain this week was on average {s.pain_rise:.1f} points above your usual.")
    return out


def _amber_reasons(ctx: WeekContext, s: WeekSignals) -> list[str]:
    out = []
    if s.logged_days < t.MIN_LOGGED_DAYS_FOR_REVIEW:
        out.append(
            f"{_days(s.logged_days).capitalize()} logged this week is not quite enough "
            "to judge, and that's okay. Log when you can."
        )
    if t.UNSETTLED_AMBER_COUNT <= s.unsettled_mornings < t.UNSETTLED_RED_COUNT:
        out.append(_unsettled_text(ctx, s.unsettled_mornings))
    if t.OVER_LIMIT_AMBER_COUNT <= s.over_limit_sessions < t.OVER_LIMIT_RED_COUNT:
        out.append(_over_limit_text(ctx, s.over_limit_sessions))
    if s.pain_rise is not None and t.WEEKLY_TREND_AMBER <= s.pain_rise < t.WEEKLY_TREND_RED:
        out.append(f"Your pain this week was on average {s.pain_rise:.1f} points above your usual.")
    return out


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _unsettled_text(ctx: WeekContext, n: int) -> str:
    what = "pain or tiredness" if ctx.profile.fatigue_dominant else "pain"
    mornings = "1 morning" if n == 1 else f"{n} mornings"
    return (
        f"On {mornings} after activity your {what} had not settled (2 or more points "
        "above your usual)."
    )


def _over_limit_text(ctx: WeekContext, n: int) -> str:
    limit = pain_limit(ctx.usual.pain)
    times = "once" if n == 1 else f"{n} times"
    return f"Pain during activity went above {limit:g}/10 {times}."


def _green_reason(ctx: WeekContext, s: WeekSignals) -> str:
    """Every sentence true for the data that exists: without a morning rating after an active
    day, nothing is said about mornings."""
    if ctx.profile.fatigue_dominant:
        return "Your pain and energy stayed steady after activity all week."
    if s.mornings_after_activity == 0:
        return (
            "Your pain stayed near your usual all week. You did not rate any mornings after "
            "activity, so we could not check that it settled by the next morning."
        )
    return "Your pain settled by the next morning and stayed near your usual all week."
