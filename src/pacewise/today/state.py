"""Load a person's plan: their stored decisions mapped to the core's ``Profile``, their diary
mapped to ``DayRecord``s, and today's plan worked out by ``pacewise.core.pacing.day_plan``.

Nothing computed is stored: every page and API call replays the plan from the diary, so the
web pages, the API and the weekly review always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from pacewise.core.facts import DayRecord, Decision, Overrides, PlanActivity, Profile
from pacewise.core.pacing import wording as w
from pacewise.core.pacing.day_plan import DayPlan, ReviewOffer, plan_day, review_offer
from pacewise.core.safety.pause import NO_PAUSE, PauseRules
from pacewise.diary.catalog import ACTIVITIES
from pacewise.diary.days import summaries, today_for
from pacewise.plans.models import Onboarding, Program
from pacewise.plans.onboarding import profile_from_dict
from pacewise.plans.programs import dose_text, pacing_profile_for
from pacewise.plans.red_flags import pause_rules
from pacewise.plans.sessions import Done

from .models import EasierChoice, OverrideSet, PacedActivity, PlanSetup, ReviewDecision

HISTORY_DAYS = 730  # two years: enough for every rule; the core reads back at most 28 days




def current_overrides(patient) -> OverrideSet | None:
    latest = OverrideSet.objects.filter(patient=patient).select_related("set_by").first()
    return None if latest is None or latest.is_empty else latest


def to_overrides(row: OverrideSet | None) -> Overrides:
    if row is None:
        return Overrides()
    return Overrides(
        progression_rate=row.progression_rate,
        quota={k: float(v) for k, v in row.quotas.items()},
        cap={k: float(v) for k, v in row.caps.items()},
        note=row.note,
    )


def chosen_activities(patient) -> tuple[PlanActivity, ...]:
    return tuple(
        PlanActivity(a.key, a.label, a.unit, a.min_bout, a.starting_amount)
        for a in PacedActivity.objects.filter(patient=patient)
    )


def decisions(patient) -> dict[date, Decision]:
    return {
        d.week_start: Decision(d.kind, d.step, d.confidence)
        for d in ReviewDecision.objects.filter(patient=patient)
    }


def profile_for(
    patient, overrides: OverrideSet | None = None, pause: PauseRules | None = None
) -> Profile:
    """The exercise program's activities when there is a program (or the usual activities
    given at onboarding); otherwise the ones chosen on the "choose what to pace" page. While a
    red-flag pause that stops the program is open, the program's exercises are left out."""
    base = pacing_profile_for(patient)
    activities = base.activities
    if not (pause or pause_rules(patient)).program_exercises:
        activities = tuple(a for a in activities if a.key in ACTIVITIES)
    if not activities:
        activities = chosen_activities(patient)
    return Profile(
        conditions=base.conditions,
        fatigue_dominant=fatigue_dominant(patient, base),
        activities=activities,
        overrides=to_overrides(overrides or current_overrides(patient)),
        decisions=decisions(patient),
    )


FLARE_LOOKBACK_DAYS = 90  # enough for a long flare, the days that settle it and its "usual"


def fatigue_dominant(patient, base: Profile | None = None) -> bool:
    """From the program (or onboarding), or the "choose what to pace" page."""
    if base is None:
        return fatigue_dominant_many([patient.pk])[patient.pk]
    setup = PlanSetup.objects.filter(patient=patient).first()
    return base.fatigue_dominant or bool(setup and setup.fatigue_dominant)


def fatigue_dominant_many(patient_ids) -> dict:
    """``fatigue_dominant`` for many people in three queries (a caseload's): the program's
    profile (gentle), else onboarding's answer, or the "choose what to pace" page's."""
    ids = list(patient_ids)
    from_program = dict(
        Program.objects.filter(patient_id__in=ids).values_list("patient_id", "profile")
    )
    answered = dict(
        Onboarding.objects.filter(patient_id__in=ids).values_list("patient_id", "fatigue_dominant")
    )
    chose = set(
        PlanSetup.objects.filter(patient_id__in=ids, fatigue_dominant=True).values_list(
            "patient_id", flat=True
        )
    )
    out = {}
    for pk in ids:
        if pk in from_program:
            base = profile_from_dict(from_program[pk]).gentle
        else:
            base = bool(answered.get(pk))
        out[pk] = base or pk in chose
    return out


def history_for(patient, today: date) -> list[DayRecord]:
    start = today - timedelta(days=HISTORY_DAYS)
    return [s.to_record() for s in summaries(patient, start, today, by_plan_key=True)]


@dataclass(frozen=True)
class TodayState:
    """Everything the Today page and the API show, worked out once per request."""

    today: date
    profile: Profile
    plan: DayPlan
    done: dict[str, float]  # today's logged amount per plan activity
    easier: bool  # "easier today" chosen
    override: OverrideSet | None
    pause: PauseRules = NO_PAUSE  # what an open red-flag pause allows (core.safety.pause)
    history: tuple[DayRecord, ...] = ()

    @property
    def paused(self) -> bool:
        return self.pause.paused

    @property
    def flare_declared_today(self) -> bool:
        """Today's diary says "in a flare" (it can be taken back on Today)."""
        return any(r.flare for r in self.history if r.date == self.today)

    @property
    def set_up(self) -> bool:
        return bool(self.profile.activities)

    def daily_amounts(self, *, daily_only: bool = False) -> list[str]:
        """This week's plan per activity in words ("16 minutes of walking"): one sentence
        rule for the clinician's summary and the calendar feed. `daily_only` leaves out
        exercises done on some days a week."""
        return [
            w.amount_text(a, w.daily_amount(x.quota))
            for a, x in zip(self.profile.activities, self.plan.targets, strict=False)
            if not daily_only or x.days_per_week >= 7
        ]

    @property
    def targets(self):
        """Today's targets; none while a pause allows no paced activity (core.safety.pause)."""
        return self.plan.targets if self.pause.paced_activities else ()

    @property
    def easier_targets(self):
        return self.plan.easier_option.targets if self.pause.paced_activities else ()

    @property
    def shown(self):
        """The targets to show: the easier ones when "easier today" was chosen."""
        return self.easier_targets if self.easier else self.targets

    @property
    def review_pending(self) -> bool:
        """A weekly review set this week's plan and the person has not answered it yet."""
        review = self.plan.last_review
        return review is not None and review.week_start not in self.profile.decisions

    def review_week_end(self) -> date | None:
        """The last day of the week whose review set this week's plan, if there is one."""
        if self.plan.last_review is None:
            return None
        return self.plan.last_review.week_end


def load(patient, today: date | None = None) -> TodayState:
    today = today or today_for(patient)
    override = current_overrides(patient)
    pause = pause_rules(patient)
    profile = profile_for(patient, override, pause)
    history = history_for(patient, today)
    plan = plan_day(profile, history, today)
    todays = next((r for r in history if r.date == today), DayRecord(today))
    return TodayState(
        today=today,
        profile=profile,
        plan=plan,
        done={a.key: todays.amount(a.key) for a in profile.activities},
        easier=EasierChoice.objects.filter(patient=patient, local_date=today).exists(),
        override=override,
        pause=pause,
        history=tuple(history),
    )


def offer_for(state: TodayState, confidence: int | None = None) -> ReviewOffer | None:
    """The weekly review behind this week's plan, with a smaller step when one is offered;
    None while a pause holds the review (core.safety.pause)."""
    week_end = state.review_week_end()
    if week_end is None or not state.pause.weekly_review:
        return None
    return review_offer(state.profile, state.history, week_end, confidence)


def decision_for(patient, offer: ReviewOffer | None) -> ReviewDecision | None:
    """The person's stored answer to the review in ``offer``, if they have given one."""
    if offer is None:
        return None
    return ReviewDecision.objects.filter(
        patient=patient, week_start=offer.proposal.week_start
    ).first()


@dataclass(frozen=True)
class SessionDose:
    """What the session player asks for one program exercise today: Today's target (flare
    deload, staged return and "easier today" included), as sets and reps or bouts of minutes."""

    exercise_id: str
    text: str  # "12 reps of sit-to-stand, in 2 sets of 6"
    sets: int | None
    reps: int | None
    minutes: int | None  # one bout's minutes
    bouts: int
    lighter: bool  # below the usual plan today, and `why`
    why: str  # "easier", "flare" or "returning"
    week: str  # where it stands this week, for an exercise on some days a week

    def as_done(self) -> Done:
        return Done(self.exercise_id, self.sets, self.reps, self.minutes)


def session_dose(state: TodayState, item) -> SessionDose:
    """The player's dose for a program item: Today's target when Today has one, else the
    program's own dose (no plan yet)."""
    target = next((x for x in state.shown if x.activity == item.exercise_id), None)
    if target is None or target.target <= 0:
        return SessionDose(
            item.exercise_id, dose_text(item), item.sets, item.reps, item.minutes, item.bouts,
            False, "", "",
        )  # fmt: skip
    activity = next(a for a in state.profile.activities if a.key == target.activity)
    per_bout = max(1, w.whole(target.bout_size))
    reps = target.unit == "reps"
    return SessionDose(
        exercise_id=item.exercise_id,
        text=f"{w.amount_text(activity, target.target)}, "
        f"{w.bouts_text(activity, target.bouts, target.bout_size)}",
        sets=target.bouts if reps else None,
        reps=per_bout if reps else None,
        minutes=None if reps else per_bout,
        bouts=1 if reps else target.bouts,
        lighter=state.easier or state.plan.phase in ("flare", "returning"),
        why="easier" if state.easier else state.plan.phase,
        week=target.week_text,
    )
