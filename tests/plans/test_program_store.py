"""The stored program maps back to the core, and hands each activity to the pacing engine."""

from __future__ import annotations

from datetime import date, timedelta

from plans_helpers import program_for

from pacewise.core.pacing.day_plan import plan_day
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


def test_a_week_of_doing_what_is_asked_gives_each_exercise_its_days_a_week(cast):
    """programs.week_for (the session player, the program page) reads the diary as Today does:
    someone who does each exercise on the days it is asked for does it on exactly its days a
    week, with a rest day after each strength day."""
    from pacewise.diary.models import ActivitySession

    program = program_for(cast.record)
    items = list(programs.active_items(program))
    monday = date(2026, 5, 4)
    done: dict[str, list[int]] = {item.exercise_id: [] for item in items}
    for d in range(7):
        day = monday + timedelta(days=d)
        week = programs.week_for(cast.record, items, day)
        for item in items:
            if week[item.pk].asked_today:
                ActivitySession.objects.create(
                    patient=cast.record, local_date=day, activity=item.exercise_id,
                    minutes=item.minutes or 5, planned_item=item.exercise_id,
                )  # fmt: skip
                done[item.exercise_id].append(d)
    for item in items:
        days = done[item.exercise_id]
        assert len(days) == item.sessions_per_week, (item.exercise_id, days)
        if item.sessions_per_week <= 3:
            assert all(b - a >= 2 for a, b in zip(days, days[1:], strict=False)), days


def test_rebuilding_keeps_the_history(cast):
    program = program_for(cast.record)
    old = set(programs.active_items(program).values_list("pk", flat=True))
    actor = programs.Actor(cast.patient, "Pat", by_clinician=False)
    programs.build_for(cast.record, actor)
    new = set(programs.active_items(program).values_list("pk", flat=True))
    assert old.isdisjoint(new) and program.items.count() == len(old) + len(new)
