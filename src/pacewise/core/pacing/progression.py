"""Weekly progression, replayed from the diary.

The plan's state is never stored: it is derived from history by replaying one weekly review per
plan week, from the end of the baseline to today. Only weekly steps are replayed, so a plan from
two years of history costs about a hundred small reviews, not a day-by-day simulation.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from pacewise.core import thresholds as t
from pacewise.core.diary import Diary
from pacewise.core.facts import Profile
from pacewise.core.pacing import tolerance
from pacewise.core.pacing.baseline import Baseline, find_baseline
from pacewise.core.pacing.flare import FlareCalendar, find_flares, recovery_days
from pacewise.core.pacing.flare_rhythm import find_cycle_rhythm, find_rhythm
from pacewise.core.pacing.review import (
    Change,
    Colour,
    QuotaChange,
    WeekContext,
    WeeklyReview,
    WeekSignals,
    colour_of,
    completions,
    week_signals,
)
from pacewise.core.pacing.wording import amount_text, change_text, percent

WEEK = timedelta(days=7)
DAY = timedelta(days=1)


@dataclass(frozen=True)
class PlanState:
    """Where the plan stands at the start of the current plan week."""

    baseline: Baseline
    quotas: dict[str, float]
    week_start: date
    last_review: WeeklyReview | None
    green_streak: int
    recent_quotas: tuple[tuple[date, dict[str, float]], ...]
    # the colour of the last baseline week, until the first plan week has its own review: a
    # hard last week of getting-to-know-you is a "previous red week" like any other
    before_plan: Colour | None = None

    def quota_on(self, day: date) -> dict[str, float]:
        """The quotas that were in force on ``day`` (recent weeks only)."""
        chosen = self.recent_quotas[0][1]
        for start, quotas in self.recent_quotas:
            if start <= day:
                chosen = quotas
        return chosen


def with_overrides(profile: Profile, quotas: dict[str, float]) -> dict[str, float]:
    """Clinician quotas replace the engine's; clinician caps bound them."""
    out = dict(quotas)
    for key in out:
        if key in profile.overrides.quota:
            out[key] = float(profile.overrides.quota[key])
        if key in profile.overrides.cap:
            out[key] = min(out[key], float(profile.overrides.cap[key]))
    return out


@dataclass
class ReplayCache:
    """Plan states kept between replays of one profile and one history.

    A weekly review reads nothing from after its week (flares as known at its end:
    ``FlareCalendar.as_of``; usual levels look back), so the state at the start of a plan week
    is the same whichever later day a replay runs to, and a replay for an earlier day resumes
    from the latest state up to its own day. Only for replays of the same profile and history
    (``plan_history.planned_minutes``).
    """

    baseline: Baseline | None = None
    states: dict[date, PlanState] = field(default_factory=dict)
    calendar: tuple[date, FlareCalendar] | None = None  # flares up to that day

    def flares(self, diary: Diary) -> FlareCalendar:
        """``find_flares(diary)``, found once for the latest day asked and cut back after."""
        if self.calendar is None or self.calendar[0] < diary.today:
            self.calendar = (diary.today, find_flares(diary))
        return self.calendar[1].before(diary.today)

    def resume(self, baseline: Baseline, until: date) -> PlanState | None:
        if baseline != self.baseline:
            return None
        starts = [start for start in self.states if start <= until]
        return self.states[max(starts)] if starts else None

    def keep(self, state: PlanState) -> None:
        if state.baseline != self.baseline:
            self.baseline, self.states = state.baseline, {}
        self.states[state.week_start] = state


def replay(
    profile: Profile,
    diary: Diary,
    calendar: FlareCalendar,
    until: date,
    cache: ReplayCache | None = None,
) -> PlanState:
    """Run every weekly review whose week ended before ``until``."""
    baseline = find_baseline(profile, diary)
    quotas = with_overrides(profile, baseline.quotas)
    state = PlanState(baseline, quotas, baseline.end, None, 0, ((baseline.start, quotas),))
    if until < baseline.end:
        return replace(state, week_start=baseline.start)
    if cache is not None:
        state = cache.resume(baseline, until) or state
    if state.last_review is None:
        state = replace(state, before_plan=_last_baseline_colour(profile, diary, calendar, state))
    while state.week_start + WEEK <= until:
        # the review as it was made, at the end of its week: a flare that the next day's pain
        # reveals in hindsight does not change a review already shown
        seen = calendar.as_of(state.week_start + WEEK)
        ctx = week_context(profile, diary, seen, state, state.week_start)
        review, streak = review_week(ctx, state.week_start)
        quotas = review.quotas_after()
        start = state.week_start + WEEK
        recent = (*state.recent_quotas[-3:], (start, quotas))
        state = PlanState(baseline, quotas, start, review, streak, recent)
        if cache is not None:
            cache.keep(state)
    return state


def _last_baseline_colour(
    profile: Profile, diary: Diary, calendar: FlareCalendar, state: PlanState
) -> Colour | None:
    """How the last full week of the baseline went (green, amber or red), or None."""
    start = state.baseline.end - WEEK
    if start < state.baseline.start:
        return None
    seen = calendar.as_of(state.baseline.end)
    ctx = week_context(profile, diary, seen, state, start, in_baseline=True)
    return review_week(ctx, start)[0].colour


def week_context(
    profile: Profile,
    diary: Diary,
    calendar: FlareCalendar,
    state: PlanState,
    start: date,
    *,
    in_baseline: bool = False,
) -> WeekContext:
    """What a weekly review of the week starting on ``start`` needs to know."""
    last = state.last_review
    usual = diary.usual(start, calendar.flare_days)
    end = start + timedelta(days=6)
    return WeekContext(
        profile=profile,
        diary=diary,
        flare_days=calendar.flare_days,
        usual=usual,
        quotas=state.quotas,
        previous=last.colour if last else state.before_plan,
        green_streak=state.green_streak,
        recovering=recovering(profile, diary, calendar, start),
        in_baseline=in_baseline,
        tolerance={}
        if in_baseline
        else {
            a.key: tolerance.recent(
                a.key,
                diary,
                usual,
                profile.fatigue_dominant,
                state.baseline.end,
                end,
                a.starting_amount,
            )
            for a in profile.activities
        },
    )


def recovering(profile: Profile, diary: Diary, calendar: FlareCalendar, start: date) -> bool:
    """True when a flare or a long break ended recently enough that the staged return is on."""
    window = timedelta(days=recovery_days(profile.fatigue_dominant))
    day = start - window
    while day < start:
        if day in calendar.flare_days:
            return True
        day += timedelta(days=1)
    return gap_ended_between(diary, start - window, start + WEEK)


def gap_ended_between(diary: Diary, first: date, last: date) -> bool:
    """Did logging resume after 7+ empty days on some day in [first, last)?"""
    dates = diary.dates
    lo, hi = bisect_left(dates, first), bisect_right(dates, last - timedelta(days=1))
    return any((dates[i] - dates[i - 1]).days > t.LONG_GAP_DAYS for i in range(max(lo, 1), hi))


def review_week(ctx: WeekContext, start: date) -> tuple[WeeklyReview, int]:
    """Review the 7 days from ``start``; return the review and the new green streak."""
    signals = week_signals(ctx, start)
    colour, reasons, n_red = colour_of(ctx, signals)
    change, step, note = _decide(ctx, colour, signals, n_red, start)
    if change == "raise":
        signals = replace(signals, completion=completions(ctx, start))
    proposed = tuple(_propose(ctx, a.key, change, step, signals) for a in ctx.profile.activities)
    decided = change
    if change == "raise" and not any(c.after > c.before for c in proposed):
        change, note = "hold", "Your plan stays the same this week."
    elif change == "raise":
        note = _raise_note(ctx, proposed, step)
    streak = ctx.green_streak + 1 if colour == "green" else 0
    if change == "raise":
        streak = 0
    decision = ctx.profile.decisions.get(start)
    if change == "raise" and decision is not None and decision.kind in ("smaller", "same"):
        proposed, change, note = _smaller_step(proposed, decision.step)
    chosen = decision is not None and decision.kind in ("smaller", "same")
    sentences = [*reasons, note, *_change_sentences(ctx, proposed, signals, decided, chosen)]
    review = WeeklyReview(
        start,
        start + timedelta(days=6),
        colour,
        change,
        proposed,
        tuple(s for s in sentences if s),
        signals.logged_days,
        decision,
    )
    return review, streak


def _raise_note(ctx: WeekContext, proposed: tuple[QuotaChange, ...], step: float) -> str:
    """"So your plan goes up 10%." with the step each raised activity took (``paced_step``)."""
    steps = {
        paced_step(ctx, c.activity, step)[0]
        for c in proposed
        if c.after > c.before and not c.overridden
    }
    if len(steps) == 1:
        return f"So your plan goes up {percent(steps.pop())}."
    return "So your plan goes up."


def _smaller_step(
    proposed: tuple[QuotaChange, ...], step: float
) -> tuple[tuple[QuotaChange, ...], Change, str]:
    """The person chose a smaller step (confidence ruler below 7): only ``step`` of each raise
    applies, so the accepted quota never exceeds the proposed one (Miller & Rollnick 2013:
    people reach the goals they feel confident about)."""
    step = min(1.0, max(0.0, step))
    smaller = tuple(
        c
        if c.overridden or c.after <= c.before
        else replace(c, after=round(c.before + step * (c.after - c.before), 2))
        for c in proposed
    )
    if not any(c.after > c.before for c in smaller):
        return smaller, "hold", "You chose to keep your plan the same this week."
    full, small = next(
        (c.after / c.before - 1, s.after / s.before - 1)
        for c, s in zip(proposed, smaller, strict=True)
        if s.after > s.before and s.before > 0
    )
    return (
        smaller,
        "raise",
        (
            f"You chose a smaller step this week: up {percent(small)} instead of {percent(full)}. "
            "Choosing a step you feel sure of is good pacing."
        ),
    )


def _decide(
    ctx: WeekContext, colour: str, s: WeekSignals, n_red: int, start: date
) -> tuple[Change, float, str]:
    if ctx.in_baseline:
        return "hold", 0.0, "We're still learning your usual level, so the plan isn't set yet."
    if colour == "red" and s.flare_days:
        # The flare's own pain is not a second signal. The flare protocol (deload, staged
        # return to the pre-flare level) does the work; the plan itself steps back once, and
        # only when the flare followed load above the plan.
        if s.load_linked_flare:
            return (
                "step_back",
                t.RED_STEP_BACK,
                (f"So we'll ease your plan back by {percent(t.RED_STEP_BACK)}."),
            )
        return (
            "hold",
            0.0,
            (
                "Your flare plan is in place; once it settles you'll build back "
                "up to where you were, in steps."
            ),
        )
    if colour == "red":
        step = t.RED_STEP_BACK_SEVERE if n_red >= 2 else t.RED_STEP_BACK
        return "step_back", step, f"So we'll ease your plan back by {percent(step)}."
    if colour == "amber":
        return "hold", 0.0, "So we'll keep your plan the same this week."
    return _decide_green(ctx, start)


def _decide_green(ctx: WeekContext, start: date) -> tuple[Change, float, str]:
    rate = progression_rate(ctx.profile)
    if ctx.previous == "red":
        return "hold", 0.0, "After a harder week we keep things steady for one more week."
    if ctx.recovering:
        return "hold", 0.0, "You're still building back up, so your plan stays the same for now."
    expected = _expected_flare(ctx, start)
    if expected:
        return "hold", 0.0, expected
    if ctx.profile.fatigue_dominant and ctx.green_streak + 1 < t.STABLE_GREEN_WEEKS_FATIGUE:
        return (
            "hold",
            0.0,
            (f"One more steady week like this and your plan goes up {percent(rate)}."),
        )
    return "raise", rate, f"So your plan goes up {percent(rate)}."


def _expected_flare(ctx: WeekContext, start: date) -> str:
    """A sentence when the person's flares come on a rhythm (core.pacing.flare_rhythm: their own
    flare history, or their cycle when they tag a period's first day) and the next one is
    expected in the coming plan week: the plan holds now and steps up after it."""
    end = start + WEEK
    rhythm = find_rhythm(ctx.flare_days, end)
    if rhythm is None:
        window = ctx.diary.logged(end - timedelta(days=t.RHYTHM_WINDOW_DAYS), end - DAY)
        cycle = [r.date for r in window if r.cycle_start]
        rhythm = find_cycle_rhythm(cycle, ctx.flare_days, end) if cycle else None
    if rhythm is None or not rhythm.expected_between(end, end + WEEK - DAY):
        return ""
    return (
        f"{rhythm.because()}, so another may come around {rhythm.next:%A} {rhythm.next.day} "
        f"{rhythm.next:%B}. We'll keep your plan the same this week and take the next step "
        "after it."
    )


def progression_rate(profile: Profile) -> float:
    if profile.overrides.progression_rate is not None:
        return profile.overrides.progression_rate
    return t.GREEN_STEP_FATIGUE if profile.fatigue_dominant else t.GREEN_STEP


def _propose(
    ctx: WeekContext, key: str, change: Change, step: float, s: WeekSignals
) -> QuotaChange:
    profile = ctx.profile
    before = ctx.quotas[key]
    if key in profile.overrides.quota:
        after = with_overrides(profile, {key: before})[key]
        return QuotaChange(key, before, after, overridden=True)
    after = before
    completion = s.completion.get(key)
    if change == "raise" and completion is not None and completion >= t.COMPLETION_FOR_PROGRESS:
        after = round(before * (1 + paced_step(ctx, key, step)[0]), 2)
    elif change == "step_back":
        minimum = next(a.min_bout for a in profile.activities if a.key == key)
        after = min(before, round(max(minimum, before * (1 - step)), 2))
    capped = with_overrides(profile, {key: after})[key]
    return QuotaChange(key, before, capped, overridden=capped < after)


def paced_step(ctx: WeekContext, key: str, step: float) -> tuple[float, str]:
    """A green week's step for one activity, from the tolerance the diary shows
    (``core.pacing.tolerance``), and the sentence that says which evidence moved it ("" for the
    ordinary step): doubled while even the doubled step stays at or below an amount that went
    well, halved once the step would come near a load the person's symptoms answered."""
    tol = ctx.tolerance.get(key)
    if tol is None or ctx.profile.overrides.progression_rate is not None:
        return step, ""  # a clinician's rate is theirs to set
    activity = next(a for a in ctx.profile.activities if a.key == key)
    before = ctx.quotas[key]
    if tol.answered is not None and before * (1 + step) > t.NEAR_ANSWERED * tol.answered:
        return step * t.SLOW_STEP_FACTOR, (
            f"After about {amount_text(activity, tol.answered)} your symptoms have answered "
            f"before, so the step is smaller near it ({percent(step * t.SLOW_STEP_FACTOR)})."
        )
    fast = before * (1 + t.FAST_STEP_FACTOR * step)
    if tol.answered is not None and fast > t.NEAR_ANSWERED * tol.answered:
        return step, ""
    best = tol.best if tol.good_days >= t.TOLERANCE_MIN_DAYS else None
    if best is not None and fast <= best:
        shown = f"days of {amount_text(activity, best)} or more have gone well for you"
    elif tol.from_report and tol.settled is not None and fast <= tol.settled:
        shown = f"you told us you usually manage about {amount_text(activity, tol.settled)}"
    else:
        return step, ""
    return step * t.FAST_STEP_FACTOR, (
        f"The step is bigger ({percent(step * t.FAST_STEP_FACTOR)}) because {shown}, "
        "more than your plan even after this step."
    )


def _change_sentences(
    ctx: WeekContext,
    proposed: tuple[QuotaChange, ...],
    s: WeekSignals,
    change_kind: Change,
    chosen: bool = False,  # the person chose a smaller step: the note says why, not the pace
) -> list[str]:
    out = []
    for change in proposed:
        activity = next(a for a in ctx.profile.activities if a.key == change.activity)
        text = change_text(activity, change.before, change.after)
        out.append(text[:1].upper() + text[1:] + ".")
        if change.after > change.before and not change.overridden and not chosen:
            out.append(paced_step(ctx, change.activity, progression_rate(ctx.profile))[1])
        completion = s.completion.get(change.activity)
        held = change_kind == "raise" and change.after == change.before
        if held and completion is not None and completion < t.COMPLETION_FOR_PROGRESS:
            out.append(
                f"You did about {percent(completion)} of the {activity.label.lower()} "
                "plan; it stays the same and is there when you're ready."
            )
        if change.overridden:
            out.append(f"{activity.label}: set by your clinician.")
    return out
