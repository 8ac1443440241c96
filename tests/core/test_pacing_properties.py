"""Invariants of the pacing engine over random diaries (gaps, blanks, flares, overrides)."""

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from pacewise.core import thresholds as t
from pacewise.core.facts import (
    ActivitySession,
    CheckIn,
    DayRecord,
    Decision,
    Overrides,
    PlanActivity,
    Profile,
)
from pacewise.core.pacing.day_plan import plan_day, review_offer, weekly_review

START = date(2025, 1, 6)
ACTIVITIES = (
    PlanActivity("walk", "Walking", "minutes", 2.0),
    PlanActivity("sts", "Sit-to-stand", "reps", 5.0),
)
score = st.one_of(st.none(), st.integers(0, 10).map(float))
sessions = st.lists(
    st.builds(
        ActivitySession,
        activity=st.sampled_from(["walk", "sts", "other"]),
        amount=st.floats(0, 90, allow_nan=False),
        pain_during=score,
        pain_after=score,
    ),
    max_size=3,
).map(tuple)


@st.composite
def histories(draw, max_days=120):
    n = draw(st.integers(0, max_days))
    keep = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    records = []
    for i in range(n):
        if keep[i]:
            records.append(
                DayRecord(
                    START + timedelta(days=i),
                    avg_pain=draw(score),
                    morning_pain=draw(score),
                    fatigue=draw(score),
                    sleep_hours=draw(st.one_of(st.none(), st.floats(0, 14))),
                    stress=draw(score),
                    flare=draw(st.booleans()) and draw(st.booleans()),
                    sessions=draw(sessions),
                )
            )
    return records, START + timedelta(days=n + draw(st.integers(0, 30)))


profiles = st.builds(
    Profile,
    fatigue_dominant=st.booleans(),
    activities=st.just(ACTIVITIES),
    overrides=st.one_of(
        st.just(Overrides()),
        st.builds(Overrides, quota=st.fixed_dictionaries({"walk": st.floats(1, 60)})),
        st.builds(
            Overrides,
            cap=st.fixed_dictionaries({"sts": st.floats(1, 60)}),
            progression_rate=st.floats(0, 0.2),
        ),
    ),
)
checkins = st.one_of(
    st.none(),
    st.builds(
        CheckIn,
        morning_pain=score,
        sleep_hours=score,
        fatigue=score,
        pain_now=score,
        flare=st.booleans(),
    ),
)


@settings(deadline=None, max_examples=150)
@given(profiles, histories(), checkins)
def test_random_diaries_never_crash_and_today_never_exceeds_the_quota(profile, diary, checkin):
    history, today = diary
    plan = plan_day(profile, history, today, checkin)
    assert plan.phase in {"baseline", "building", "holding", "flare", "returning"}
    assert [x.activity for x in plan.targets] == ["walk", "sts"]
    for target, easier in zip(plan.targets, plan.easier_option.targets, strict=True):
        assert 0 <= target.target <= target.quota
        assert easier.target <= target.target
        assert target.bouts >= 1
    assert plan.reasons and all(isinstance(r, str) and r for r in plan.reasons)


@settings(deadline=None, max_examples=60)
@given(profiles, histories(), checkins)
def test_plan_is_deterministic(profile, diary, checkin):
    history, today = diary
    assert plan_day(profile, history, today, checkin) == plan_day(
        profile, list(history), today, checkin
    )
    assert plan_day(profile, history, today, checkin) == plan_day(
        profile, list(reversed(history)), today, checkin
    )


@settings(deadline=None, max_examples=60)
@given(profiles, histories(max_days=150))
def test_weekly_change_is_bounded_and_never_a_raise_after_a_red_week(profile, diary):
    history, today = diary
    plan = plan_day(profile, history, today)
    if plan.week_start is None:
        return
    rate = profile.overrides.progression_rate
    biggest_up = t.GREEN_STEP * t.FAST_STEP_FACTOR if rate is None else rate
    previous = None
    week_end = plan.week_start - timedelta(days=1)
    reviews = []
    while week_end >= history[0].date if history else False:
        reviews.append(weekly_review(profile, history, week_end))
        week_end -= timedelta(days=7)
    for review in reversed(reviews):
        for change in review.proposed:
            if change.overridden or change.activity in profile.overrides.quota:
                continue
            assert change.after <= change.before * (1 + biggest_up) + 0.01
            assert change.after >= change.before * (1 - t.RED_STEP_BACK_SEVERE) - 0.01
            if previous is not None and previous.colour == "red":
                assert change.after <= change.before
        previous = review


@settings(deadline=None, max_examples=60)
@given(profiles, histories(max_days=80), st.integers(1, 12))
def test_quota_never_rises_during_a_flare(profile, diary, flare_days):
    history, today = diary
    history = [r for r in history if r.date < today]
    quotas = []
    for k in range(flare_days):
        day = today + timedelta(days=k)
        plan = plan_day(profile, history, day, CheckIn(flare=True))
        assert plan.phase == "flare"
        quotas.append(tuple(x.quota for x in plan.targets))
        for x, activity in zip(plan.targets, ACTIVITIES, strict=True):
            floor = min(activity.min_bout, x.quota)
            assert x.target <= max(x.quota * t.FLARE_DELOAD, floor) + 0.5
        history = [
            *history,
            DayRecord(day, morning_pain=8, flare=True, sessions=(ActivitySession("walk", 3),)),
        ]
    for before, after in zip(quotas, quotas[1:], strict=False):
        assert all(a <= b + 1e-9 for a, b in zip(after, before, strict=True))


@settings(deadline=None, max_examples=40)
@given(histories(max_days=60))
def test_a_good_day_never_lifts_today_above_the_quota(diary):
    history, today = diary
    plan = plan_day(
        Profile(activities=ACTIVITIES),
        history,
        today,
        CheckIn(morning_pain=0, sleep_hours=8, fatigue=0),
    )
    assert all(x.target <= x.quota for x in plan.targets)


decisions = st.lists(
    st.builds(
        Decision,
        kind=st.sampled_from(["accepted", "smaller"]),
        step=st.floats(0, 1),
        confidence=st.one_of(st.none(), st.integers(0, 10)),
    ),
    min_size=30,
    max_size=30,
)


@settings(deadline=None, max_examples=60)
@given(profiles, histories(max_days=120), decisions)
def test_an_accepted_smaller_step_never_exceeds_the_proposed_one(profile, diary, answers):
    history, today = diary
    plan = plan_day(profile, history, today)
    if plan.week_start is None or not history:
        return
    week_ends = []
    week_end = plan.week_start - timedelta(days=1)
    while week_end >= history[0].date:
        week_ends.append(week_end)
        week_end -= timedelta(days=7)
    chosen = {end - timedelta(days=6): a for end, a in zip(week_ends, answers, strict=False)}
    with_answers = replace(profile, decisions=chosen)
    for week_end in week_ends:
        offer = review_offer(with_answers, history, week_end, confidence=3)
        taken = weekly_review(with_answers, history, week_end)
        for proposed, accepted in zip(offer.proposal.proposed, taken.proposed, strict=True):
            assert accepted.before == proposed.before
            assert accepted.after <= proposed.after + 1e-9
            assert accepted.after >= min(proposed.before, proposed.after) - 1e-9
        if offer.smaller is not None:
            for proposed, smaller in zip(offer.proposal.proposed, offer.smaller.proposed):
                assert smaller.after <= proposed.after + 1e-9


@settings(deadline=None, max_examples=40)
@given(profiles, histories(max_days=120))
def test_accepting_every_review_is_the_plan_without_decisions(profile, diary):
    history, today = diary
    plan = plan_day(profile, history, today)
    weeks = {today - timedelta(days=7 * k) - timedelta(days=d) for k in range(25) for d in range(7)}
    accepted = replace(profile, decisions={w: Decision("accepted") for w in weeks})
    again = plan_day(accepted, history, today)
    assert again.targets == plan.targets and again.phase == plan.phase
    assert again.reasons == plan.reasons
