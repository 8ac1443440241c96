"""The stored program maps back to the core, and hands each activity to the pacing engine."""

from __future__ import annotations

from datetime import date, timedelta

from plans_helpers import program_for

from pacewise.core.pacing import plan_day
from pacewise.core.program import to_pacing_profile
from pacewise.plans import programs


def test_the_stored_program_round_trips_to_the_core(cast):
    program = program_for(cast.record)
    core = programs.to_core(program)
    assert core.profile.limitations == frozenset({"painful_wrists_hands", "no_floor"})
    assert core.exercise_ids == tuple(
        programs.active_items(program).values_list("exercise_id", flat=True)
    )


def test_pacing_profile_has_every_program_exercise_and_the_usual_activity(cast):
    program = program_for(cast.record)
    profile = programs.pacing_profile_for(cast.record)
    expected = to_pacing_profile(programs.to_core(program))
    assert profile.activities[: len(expected.activities)] == expected.activities
    usual = profile.activities[-1]
    assert (usual.key, usual.unit, usual.starting_amount) == ("walking", "minutes", 10.0)
    assert profile.fatigue_dominant  # fibromyalgia starts gently
    plan = plan_day(profile, [], date(2026, 5, 4))
    assert {t.activity for t in plan.targets} == {a.key for a in profile.activities}


def test_pacing_profile_without_a_program_still_has_the_usual_activity(cast):
    from plans_helpers import onboard

    onboard(cast.record, current_activity=[{"activity": "cycling", "minutes": 20}])
    profile = programs.pacing_profile_for(cast.record)
    assert [a.key for a in profile.activities] == ["cycling"]


def test_exercises_are_spread_over_the_week(cast):
    program = program_for(cast.record)
    monday = date(2026, 5, 4)
    counts = {
        item.exercise_id: sum(
            item in programs.items_for_day(program, monday + timedelta(days=d)) for d in range(7)
        )
        for item in programs.active_items(program)
    }
    for item in programs.active_items(program):
        assert counts[item.exercise_id] == item.sessions_per_week


def test_rebuilding_keeps_the_history(cast):
    program = program_for(cast.record)
    old = set(programs.active_items(program).values_list("pk", flat=True))
    actor = programs.Actor(cast.patient, "Pat", by_clinician=False)
    programs.build_for(cast.record, actor)
    new = set(programs.active_items(program).values_list("pk", flat=True))
    assert old.isdisjoint(new) and program.items.count() == len(old) + len(new)
