"""The program builder: condition guidance, limitation rules, doses, swaps, hand-off.

The limitation checks below read the exercises' own fields rather than calling
``conflicts``, so a bug in that function cannot hide a broken rule.
"""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pacewise.core.facts import PlanActivity, Profile
from pacewise.core.learn.lessons import reading_grade
from pacewise.core.program import (
    CONDITIONS,
    EQUIPMENT,
    FLARE_DELOAD,
    GUIDANCE,
    LIMITATIONS,
    SHORT_BOUT_MINUTES,
    NoEasierOption,
    ProgramProfile,
    WeeklyProgram,
    build_program,
    conflicts,
    swap_to_easier,
    to_pacing_profile,
    to_plan_activities,
)
from pacewise.plans.library import load_library

LIBRARY = load_library()


def build(**fields) -> WeeklyProgram:
    return build_program(ProgramProfile(**fields), LIBRARY)


def exercises(program: WeeklyProgram):
    return [LIBRARY.get(p.exercise_id) for p in program.items]


def required(program: WeeklyProgram) -> set[str]:
    return {p.category for p in program.items if not p.optional}


def optional(program: WeeklyProgram) -> set[str]:
    return {p.category for p in program.items if p.optional}


def regions(program: WeeklyProgram, category: str) -> set[str]:
    return {r for e in exercises(program) if e.category == category for r in e.body_regions}


def assert_limits_kept(program: WeeklyProgram) -> None:
    profile = program.profile
    limits = profile.limitations
    wrists = "painful_wrists_hands" in limits or "hand_wrist_arthritis" in profile.conditions
    for e in exercises(program):
        if wrists:
            assert not e.loads_wrists, e.id
        if "no_floor" in limits:
            assert not e.needs_floor and e.position != "floor", e.id
        if "balance_problems" in limits:
            assert e.balance_demand == "low", e.id
        if "knee_pain_kneeling" in limits:
            assert not e.kneeling, e.id
        if "cannot_stand_long" in limits:
            assert e.position in ("seated", "lying"), e.id
        assert set(e.equipment) - {"none"} <= profile.equipment, e.id
        if profile.in_flare:
            assert e.flare_safe, e.id
        assert e.id not in profile.avoided


# ---------------------------------------------------------------------------------------
# Condition guidance, one hand-written example each


def test_low_back_pain_gets_strength_and_mobility_and_offers_the_rest():
    program = build(conditions={"low_back"})
    assert required(program) == {"strength", "mobility"}
    assert optional(program) == {"aerobic", "relaxation"}
    assert {"low_back", "core", "hips"} & regions(program, "strength")
    assert program.gaps == ()


def test_knee_and_hip_arthritis_gets_strength_for_the_legs_and_low_impact_aerobic():
    program = build(conditions={"knee_hip_oa"})
    assert required(program) == {"strength", "aerobic"}
    assert "balance" in optional(program)
    assert {"knees", "hips"} <= regions(program, "strength")
    assert "seated-knee-extension" in program.exercise_ids


def test_knee_arthritis_with_a_bike_can_prefer_the_bike():
    program = build(
        conditions={"knee_hip_oa"}, equipment={"chair", "stationary_bike"}, preferred={"bike-easy"}
    )
    assert "bike-easy" in program.exercise_ids


def test_fibromyalgia_gets_aerobic_strength_and_mobility_started_very_low():
    program = build(conditions={"fibromyalgia"})
    assert required(program) == {"aerobic", "strength", "mobility"}
    for item in program.items:
        exercise = LIBRARY.get(item.exercise_id)
        assert exercise.level == 1
        if item.minutes is not None:
            assert item.minutes < exercise.dose.minutes or item.minutes == 2
        else:
            assert item.daily_amount < exercise.dose.sets * exercise.dose.reps
    assert all("We start low" in p.reason for p in program.items)


def test_lupus_gets_gentle_full_body_work_in_short_bouts():
    program = build(conditions={"lupus_autoimmune"}, start_level=4, preferred={"walk-outdoors"})
    assert required(program) == {"mobility", "strength", "aerobic"}
    aerobic = [p for p in program.items if p.category == "aerobic"]
    assert aerobic and all(p.minutes <= SHORT_BOUT_MINUTES for p in aerobic)
    assert any(p.bouts > 1 for p in aerobic)
    assert "short bouts" in aerobic[0].dose_text
    body = {r for c in ("mobility", "strength") for r in regions(program, c)}
    assert {"shoulders", "hips"} <= body


def test_hand_arthritis_gets_hand_exercises_and_no_wrist_loading_anywhere():
    program = build(conditions={"hand_wrist_arthritis", "low_back"}, start_level=5)
    assert "hands_wrists" in regions(program, "mobility")
    assert "hands_wrists" in regions(program, "strength")
    assert not any(e.loads_wrists for e in exercises(program))
    assert any("weight through your wrists" in note for note in program.notes)


def test_without_hand_arthritis_a_fit_person_may_get_wrist_loading():
    program = build(conditions={"low_back"}, start_level=3, equipment={"chair", "wall"})
    assert any(e.loads_wrists for e in exercises(program))


def test_endometriosis_gets_gentle_movement_offered_as_a_choice_only():
    program = build(conditions={"endometriosis_pelvic"})
    assert program.items and all(p.optional for p in program.items)
    assert {"mobility", "relaxation"} <= optional(program)
    assert any("as a choice" in note for note in program.notes)
    assert all("not a must" in p.reason for p in program.items)


def test_endometriosis_with_back_pain_keeps_back_work_required():
    program = build(conditions={"endometriosis_pelvic", "low_back"})
    assert required(program) == {"strength", "mobility"}


def test_neck_and_shoulder_work_targets_the_neck_and_shoulder_girdle():
    program = build(conditions={"neck_shoulder"})
    assert required(program) == {"strength", "mobility"}
    girdle = {"neck", "shoulders", "upper_back"}
    for item in program.items:
        if item.category in ("strength", "mobility"):
            assert girdle & set(LIBRARY.get(item.exercise_id).body_regions), item.exercise_id


def test_widespread_pain_and_no_condition_follow_general_chronic_pain_guidance():
    widespread = build(conditions={"widespread"})
    assert required(widespread) == {"aerobic", "strength", "mobility"}
    general = build()
    assert general.items == widespread.items


def test_several_conditions_add_a_pick_per_body_area():
    program = build(conditions={"knee_hip_oa", "neck_shoulder", "hand_wrist_arthritis"})
    strength = regions(program, "strength")
    assert {"knees", "hands_wrists"} <= strength and {"neck", "shoulders"} & strength
    assert len([p for p in program.items if p.category == "strength"]) == 3


def test_balance_problems_offer_low_demand_balance_practice():
    program = build(conditions={"low_back"}, limitations={"balance_problems"})
    balance = [e for e in exercises(program) if e.category == "balance"]
    assert balance and all(e.balance_demand == "low" for e in balance)


# ---------------------------------------------------------------------------------------
# Limitations, flares, equipment and preferences


def test_no_floor_painful_wrists_and_balance_problems_together():
    program = build(
        conditions={"fibromyalgia", "low_back"},
        limitations={"no_floor", "painful_wrists_hands", "balance_problems"},
        start_level=5,
        equipment=set(EQUIPMENT) - {"none"},
    )
    assert_limits_kept(program)
    assert program.gaps == ()


def test_a_flare_keeps_gentle_movement_at_about_half_the_dose():
    calm = build(conditions={"low_back"})
    flare = build(conditions={"low_back"}, in_flare=True)
    assert flare.items and all(e.flare_safe for e in exercises(flare))
    assert required(flare) == {"strength", "mobility"}
    for before, after in zip(calm.items, flare.items, strict=True):
        assert after.daily_amount <= max(3, before.daily_amount * FLARE_DELOAD + 1)
    assert any("Rest alone does not help" in note for note in flare.notes)


def test_equipment_the_person_lacks_is_never_prescribed():
    program = build(conditions={"knee_hip_oa"}, start_level=3, equipment={"chair"})
    for e in exercises(program):
        assert set(e.equipment) <= {"chair", "none"}


def test_avoided_exercises_are_never_picked_and_preferred_ones_come_first():
    first = build(conditions={"low_back"})
    avoided = first.items[0].exercise_id
    second = build(conditions={"low_back"}, avoided={avoided}, preferred={"cat-cow-seated"})
    assert avoided not in second.exercise_ids
    assert "cat-cow-seated" in second.exercise_ids


def test_a_preferred_exercise_that_breaks_a_limitation_is_still_left_out():
    program = build(
        conditions={"low_back"}, limitations={"no_floor"}, preferred={"cat-cow-hands-knees"}
    )
    assert "cat-cow-hands-knees" not in program.exercise_ids


def test_when_nothing_fits_the_gap_is_named_not_filled():
    program = build(
        conditions={"hand_wrist_arthritis"},
        limitations=set(LIMITATIONS),
        equipment=set(),
    )
    # Balance practice is offered for balance problems, but every option needs a chair.
    assert program.gaps == ("balance",)
    assert any("no balance exercise" in note for note in program.notes)
    assert_limits_kept(program)


def test_conflicts_names_each_broken_rule():
    profile = ProgramProfile(limitations={"no_floor", "knee_pain_kneeling"}, equipment=set())
    assert conflicts(LIBRARY.get("bird-dog"), profile) == ("no_floor", "knee_pain_kneeling")
    assert conflicts(LIBRARY.get("bike-easy"), profile) == ("equipment:stationary_bike",)
    assert conflicts(LIBRARY.get("shoulder-rolls"), profile) == ("equipment:chair",)
    assert conflicts(LIBRARY.get("knee-rocks-lying"), profile) == ()


def test_unknown_profile_values_are_rejected():
    with pytest.raises(ValueError, match="unknown conditions"):
        ProgramProfile(conditions={"gout"})
    with pytest.raises(ValueError, match="unknown limitations"):
        ProgramProfile(limitations={"no_stairs"})
    with pytest.raises(ValueError, match="unknown equipment"):
        ProgramProfile(equipment={"rowing_machine"})
    with pytest.raises(ValueError, match="start_level"):
        ProgramProfile(start_level=0)


# ---------------------------------------------------------------------------------------
# Reasons, swaps and the pacing-engine hand-off


def test_every_reason_is_plain_and_names_the_dose():
    program = build(
        conditions={"knee_hip_oa", "fibromyalgia"}, limitations={"painful_wrists_hands"}
    )
    for item in program.items:
        assert reading_grade(item.reason) <= 9, item.reason
        assert item.dose_text in item.reason
        assert "knee or hip arthritis" in item.reason or "fibromyalgia" in item.reason
    for note in program.notes:
        assert reading_grade(note) <= 9, note


def test_swap_to_easier_takes_the_regression():
    program = build(conditions={"knee_hip_oa"}, start_level=3)
    assert "sit-to-stand-slow" in program.exercise_ids
    swapped = swap_to_easier(program, "sit-to-stand-slow", LIBRARY)
    assert "sit-to-stand" in swapped.exercise_ids
    assert "sit-to-stand-slow" not in swapped.exercise_ids
    assert swapped.item("sit-to-stand").reason.startswith("This is an easier version of")
    assert len(swapped.items) == len(program.items)


def test_swap_skips_regressions_that_break_a_limitation():
    program = build(conditions={"low_back"}, start_level=4, equipment={"chair", "wall"})
    assert "bird-dog" in program.exercise_ids
    no_floor = replace(program, profile=replace(program.profile, limitations={"no_floor"}))
    swapped = swap_to_easier(no_floor, "bird-dog", LIBRARY)
    assert "dead-bug" in swapped.exercise_ids


def test_swap_at_the_bottom_of_a_chain_lowers_the_dose_then_stops():
    program = build(conditions={"low_back"})
    item = program.item("glute-squeeze-lying")
    smaller = swap_to_easier(program, "glute-squeeze-lying", LIBRARY)
    assert smaller.item("glute-squeeze-lying").daily_amount < item.daily_amount
    assert "already the gentlest" in smaller.item("glute-squeeze-lying").reason
    with pytest.raises(NoEasierOption):
        for _ in range(10):
            smaller = swap_to_easier(smaller, "glute-squeeze-lying", LIBRARY)


def test_swap_of_an_exercise_not_in_the_program_is_a_key_error():
    with pytest.raises(KeyError):
        swap_to_easier(build(conditions={"low_back"}), "bird-dog", LIBRARY)


def test_program_converts_to_pacing_engine_activities():
    program = build(conditions={"lupus_autoimmune"}, start_level=3)
    activities = to_plan_activities(program)
    assert all(isinstance(a, PlanActivity) for a in activities)
    assert [a.key for a in activities] == list(program.exercise_ids)
    for activity, item in zip(activities, program.items, strict=True):
        assert activity.label == item.name
        assert activity.unit == ("minutes" if item.minutes is not None else "reps")
        assert activity.starting_amount == item.daily_amount > 0
        assert 0 < activity.min_bout <= activity.starting_amount
    pacing = to_pacing_profile(program)
    assert isinstance(pacing, Profile)
    assert pacing.fatigue_dominant and pacing.conditions == ("lupus_autoimmune",)
    assert pacing.activities == activities


# ---------------------------------------------------------------------------------------
# Properties over random profiles

IDS = sorted(e.id for e in LIBRARY)

profiles = st.builds(
    ProgramProfile,
    conditions=st.frozensets(st.sampled_from(CONDITIONS), max_size=4),
    limitations=st.frozensets(st.sampled_from(LIMITATIONS)),
    equipment=st.frozensets(st.sampled_from(EQUIPMENT)),
    fatigue_dominant=st.booleans(),
    in_flare=st.booleans(),
    start_level=st.integers(1, 5),
    preferred=st.frozensets(st.sampled_from(IDS), max_size=3),
    avoided=st.frozensets(st.sampled_from(IDS), max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(profiles)
def test_limitation_rules_are_never_broken(profile):
    program = build_program(profile, LIBRARY)
    assert_limits_kept(program)
    for e in exercises(program):
        assert conflicts(e, profile) == ()
    assert len(set(program.exercise_ids)) == len(program.items)


@settings(max_examples=300, deadline=None)
@given(profiles)
def test_every_needed_category_has_an_option_when_a_chair_is_at_hand(profile):
    profile = replace(profile, equipment=profile.equipment | {"chair"}, avoided=frozenset())
    program = build_program(profile, LIBRARY)
    needed = {c for cond in profile.effective_conditions for c in GUIDANCE[cond].needed}
    assert needed <= program.categories
    assert needed <= required(program)
    assert program.gaps == ()


@settings(max_examples=200, deadline=None)
@given(profiles)
def test_gaps_are_always_explained(profile):
    program = build_program(profile, LIBRARY)
    for category in program.gaps:
        assert category not in program.categories
        assert any(f"no {category} exercise" in note for note in program.notes)


@settings(max_examples=200, deadline=None)
@given(profiles, st.randoms(use_true_random=False))
def test_the_same_profile_always_gives_the_same_program(profile, rnd):
    shuffled = list(LIBRARY)
    rnd.shuffle(shuffled)
    assert build_program(profile, LIBRARY) == build_program(profile, shuffled)


@settings(max_examples=200, deadline=None)
@given(profiles)
def test_doses_never_exceed_the_library_dose_and_frequency_is_sane(profile):
    program = build_program(profile, LIBRARY)
    for item in program.items:
        dose = LIBRARY.get(item.exercise_id).dose
        assert 1 <= item.sessions_per_week <= 7
        if dose.minutes is not None:
            assert item.minutes * item.bouts <= dose.minutes + item.bouts
            assert item.bouts == 1 or item.minutes <= SHORT_BOUT_MINUTES
        else:
            assert 1 <= item.sets <= dose.sets and 1 <= item.reps <= dose.reps


@settings(max_examples=200, deadline=None)
@given(profiles, st.integers(0, 50))
def test_swapping_to_easier_keeps_every_rule(profile, pick):
    program = build_program(profile, LIBRARY)
    if not program.items:
        return
    target = program.items[pick % len(program.items)].exercise_id
    try:
        swapped = swap_to_easier(program, target, LIBRARY)
    except NoEasierOption:
        return
    assert_limits_kept(swapped)
    assert len(swapped.items) == len(program.items)
    assert len(set(swapped.exercise_ids)) == len(swapped.items)


def test_random_module_is_not_used_by_the_builder():
    state = random.getstate()
    build(conditions={"fibromyalgia"})
    assert random.getstate() == state
