"""Where the plan comes from: the exercise program when there is one, else the activities the
person chose; sessions count by the plan key they were logged against; the demo has plans."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from pacewise.accounts.models import User
from pacewise.diary.models import ActivitySession
from pacewise.ops.demo import create_demo
from pacewise.plans import programs
from pacewise.today import state as plan_state
from program_helpers import build_program


def _program(cast, usual=()):
    return build_program(cast, usual=usual)


def test_without_a_program_the_chosen_activities_are_paced(walking):
    profile = plan_state.profile_for(walking)
    assert [(a.key, a.label, a.starting_amount) for a in profile.activities] == [
        ("walking", "Walking", 10.0)
    ]


def test_the_exercise_program_is_paced_when_there_is_one(cast, walking):
    program = _program(cast)
    keys = [a.key for a in plan_state.profile_for(cast.record).activities]
    exercise_ids = [i.exercise_id for i in programs.active_items(program)]
    assert keys == exercise_ids and "walking" not in keys


def test_a_session_counts_by_the_plan_key_it_was_logged_against(cast, walking):
    ActivitySession.objects.create(
        patient=cast.record,
        local_date=timezone.localdate(),
        activity="Chair sit-to-stand",
        sets=2,
        reps=5,
        planned_item="sit_to_stand",
    )
    [today] = [r for r in plan_state.history_for(cast.record, timezone.localdate())]
    assert today.amount("sit_to_stand") == 10 and today.amount("walking") == 8


def test_the_fatigue_answer_makes_the_plan_fatigue_dominant(cast):
    from pacewise.today import actions

    actions.choose_activities(cast.record, [actions.Choice("yoga")], fatigue_dominant=True)
    assert plan_state.profile_for(cast.record).fatigue_dominant


def test_demo_people_have_a_plan_of_walking_and_sit_to_stand(db):
    create_demo(date(2026, 11, 25))
    for email, fatigue in (("alex@demo.example", False), ("sam@demo.example", True)):
        patient = User.objects.get(email=email).patient
        profile = plan_state.profile_for(patient)
        assert [a.key for a in profile.activities] == ["walk", "sit_to_stand"]
        assert profile.fatigue_dominant is fatigue
        state = plan_state.load(patient, date(2026, 11, 25))
        assert state.plan.phase != "baseline" and all(x.quota > 0 for x in state.plan.targets)


def test_while_the_program_is_paused_only_everyday_activities_are_offered(client, cast):
    from pacewise.plans import red_flags

    _program(cast, usual=[{"activity": "walking", "minutes": 10}])
    red_flags.record(cast.record, {"fever": True}, "symptoms")
    assert [a.key for a in plan_state.profile_for(cast.record).activities] == ["walking"]
    client.force_login(cast.patient)
    page = client.get(f"/p/{cast.record.pk}/today/").content.decode()
    assert "Your exercise program is on hold" in page


def test_a_twice_weekly_exercise_is_asked_for_on_its_days_on_every_surface(cast, client):
    """The program says 2 days a week: Today and its API ask for it on Monday, give Tuesday
    as a rest day after a Monday session, and the program page says the same frequency."""
    from datetime import UTC, datetime, timedelta

    from clock import at_instant
    from pacewise.diary.models import CheckIn

    program = _program(cast)
    strength = next(i for i in programs.active_items(program) if i.sessions_per_week == 2)
    monday = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
    client.force_login(cast.patient)
    with at_instant(monday):
        page = client.get(f"/p/{cast.record.pk}/today/").content.decode()
        api = client.get(f"/api/patients/{cast.record.pk}/today").json()
    target = next(x for x in api["targets"] if x["activity"] == strength.exercise_id)
    assert target["asked_today"] and target["days_per_week"] == 2
    assert "On 2 days a week; none yet this week." in page and "Not today" not in page
    CheckIn.objects.create(patient=cast.record, local_date=monday.date(), pain_avg=3)
    ActivitySession.objects.create(
        patient=cast.record, local_date=monday.date(), activity=strength.exercise_id,
        sets=strength.sets or 1, reps=strength.reps or 5, minutes=strength.minutes,
        planned_item=strength.exercise_id,
    )  # fmt: skip
    with at_instant(monday + timedelta(days=1)):
        page = client.get(f"/p/{cast.record.pk}/today/").content.decode()
        api = client.get(f"/api/patients/{cast.record.pk}/today").json()
        plan_page = client.get(f"/p/{cast.record.pk}/program/").content.decode()
    target = next(x for x in api["targets"] if x["activity"] == strength.exercise_id)
    assert not target["asked_today"] and target["done_days"] == 1
    assert "A rest day for this one" in target["week"]
    assert "Not today" in page and "A rest day for this one" in page
    assert api["weekly_quota"][strength.exercise_id] == round(target["quota"] * 2, 2)
    assert "2 days a week" in plan_page
