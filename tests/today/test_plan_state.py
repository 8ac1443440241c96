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
        ("walking", "Walking", 12.0)
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
