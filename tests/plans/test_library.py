"""The exercise library as shipped, and the loader's checks.

"Easiest in its chain": exercises are linked into chains by ``easier``/``harder``; a chain's
easiest exercise is its root, the one with no ``easier`` link. The library promises that
every root is level 1, so every exercise above level 1 has a regression, and that levels
rise strictly along ``harder`` links.
"""

from __future__ import annotations

import copy
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest
import yaml

from pacewise.core.learn.lessons import reading_grade
from pacewise.core.program import (
    CATEGORIES,
    CONDITIONS,
    LIMITATIONS,
    ProgramProfile,
    conflicts,
    modifications_of,
)
from pacewise.plans.library import (
    EXERCISES_DIR,
    REQUIRED_FIELDS,
    Exercise,
    LibraryError,
    load_library,
)

LIBRARY = load_library()
IDS = [e.id for e in LIBRARY]
MAX_GRADE = 9.0
CORE_CATEGORIES = ("mobility", "strength", "aerobic", "relaxation")

#: Each common limitation alone, all of them at once, and a few real combinations.
LIMITATION_SETS = [
    frozenset(),
    *[frozenset({name}) for name in LIMITATIONS],
    frozenset({"painful_wrists_hands", "no_floor"}),
    frozenset({"balance_problems", "no_floor", "knee_pain_kneeling"}),
    frozenset(LIMITATIONS),
]


def options(condition: str, category: str, profile: ProgramProfile) -> list[Exercise]:
    return [
        e
        for e in LIBRARY
        if e.category == category and condition in e.conditions and not conflicts(e, profile)
    ]


# ---------------------------------------------------------------------------------------
# Size and shape


def test_library_has_at_least_sixty_exercises_in_every_category():
    counts = Counter(e.category for e in LIBRARY)
    assert len(LIBRARY) >= 60
    assert set(counts) == set(CATEGORIES)
    assert all(counts[c] >= 8 for c in CATEGORIES), counts


def test_ids_are_unique_and_every_file_is_one_category():
    assert len(set(IDS)) == len(IDS)
    for e in LIBRARY:
        assert e.filename == f"{e.category}.yaml", e.id


def test_every_condition_is_served_by_many_exercises():
    per_condition = Counter(c for e in LIBRARY for c in e.conditions)
    assert set(per_condition) == set(CONDITIONS)
    assert min(per_condition.values()) >= 20, per_condition


def test_modification_flags_match_the_safety_fields():
    for e in LIBRARY:
        assert e.modifications == modifications_of(e), e.id
        if e.position == "floor":
            assert e.needs_floor, e.id


def test_there_are_floor_wrist_kneeling_and_balance_demanding_exercises_to_filter():
    assert any(e.needs_floor for e in LIBRARY)
    assert any(e.loads_wrists for e in LIBRARY)
    assert any(e.kneeling for e in LIBRARY)
    assert {e.balance_demand for e in LIBRARY} == {"low", "moderate", "high"}


# ---------------------------------------------------------------------------------------
# Regressions and progressions


def test_every_easier_and_harder_link_resolves_and_links_back():
    for e in LIBRARY:
        if e.easier:
            assert e.easier in LIBRARY, e.id
            assert LIBRARY.get(e.easier).harder == e.id
        if e.harder:
            assert e.harder in LIBRARY, e.id
            assert LIBRARY.get(e.harder).easier == e.id


def test_every_exercise_except_the_easiest_in_its_chain_has_a_regression():
    for e in LIBRARY:
        chain = LIBRARY.chain(e.id)
        root = chain[0]
        assert root.easier is None and root.level == 1, f"{e.id}: chain root {root.id}"
        if e.id != root.id:
            assert e.easier is not None, e.id
        if e.level > 1:
            assert e.easier is not None, e.id


def test_levels_rise_along_every_chain_and_chains_stay_in_one_category():
    for e in LIBRARY:
        chain = LIBRARY.chain(e.id)
        levels = [x.level for x in chain]
        assert levels == sorted(set(levels)), [x.id for x in chain]
        assert {x.category for x in chain} == {e.category}


def test_most_exercises_sit_in_a_chain_of_two_or_more():
    in_chains = [e for e in LIBRARY if e.easier or e.harder]
    assert len(in_chains) >= 0.8 * len(LIBRARY)


# ---------------------------------------------------------------------------------------
# Options for every condition under every common limitation


@pytest.mark.parametrize("limitations", LIMITATION_SETS, ids=lambda s: "+".join(sorted(s)) or "-")
@pytest.mark.parametrize("condition", CONDITIONS)
def test_every_condition_has_core_options_under_each_limitation(condition, limitations):
    profile = ProgramProfile(conditions={condition}, limitations=limitations, equipment={"chair"})
    for category in CORE_CATEGORIES:
        assert options(condition, category, profile), f"{condition} {category} {limitations}"


@pytest.mark.parametrize("condition", CONDITIONS)
def test_every_condition_has_core_options_in_a_flare_with_all_limitations(condition):
    profile = ProgramProfile(
        conditions={condition},
        limitations=frozenset(LIMITATIONS),
        equipment={"chair"},
        in_flare=True,
    )
    for category in CORE_CATEGORIES:
        assert options(condition, category, profile), f"{condition} {category}"


def test_fibromyalgia_with_painful_wrists_and_no_floor_has_every_core_option():
    profile = ProgramProfile(
        conditions={"fibromyalgia"},
        limitations={"painful_wrists_hands", "no_floor"},
        equipment={"chair"},
    )
    for category in CORE_CATEGORIES:
        found = options("fibromyalgia", category, profile)
        assert found, category
        assert all(not e.loads_wrists and not e.needs_floor for e in found)


@pytest.mark.parametrize("pair", list(combinations(CONDITIONS, 2)), ids="+".join)
def test_pairs_of_conditions_with_all_limitations_still_have_options(pair):
    profile = ProgramProfile(
        conditions=set(pair), limitations=frozenset(LIMITATIONS), equipment={"chair"}
    )
    for condition in pair:
        for category in CORE_CATEGORIES:
            assert options(condition, category, profile), f"{condition} {category}"


@pytest.mark.parametrize("condition", CONDITIONS)
def test_with_no_equipment_at_all_there_is_still_gentle_movement_and_rest(condition):
    profile = ProgramProfile(
        conditions={condition}, limitations=frozenset(LIMITATIONS), equipment=set()
    )
    for category in ("mobility", "aerobic", "relaxation"):
        assert options(condition, category, profile), category


def test_hand_arthritis_has_hand_exercises_that_do_not_load_the_wrists():
    for category in ("mobility", "strength"):
        hands = [
            e
            for e in LIBRARY.in_category(category)
            if "hands_wrists" in e.body_regions and "hand_wrist_arthritis" in e.conditions
        ]
        assert len(hands) >= 2
        assert all(not e.loads_wrists for e in hands)


def test_neck_shoulder_has_strength_and_mobility_for_the_neck_and_shoulder_girdle():
    girdle = {"neck", "shoulders", "upper_back"}
    for category in ("mobility", "strength"):
        found = [
            e
            for e in LIBRARY.in_category(category)
            if "neck_shoulder" in e.conditions and girdle & set(e.body_regions)
        ]
        assert len(found) >= 4, category


# ---------------------------------------------------------------------------------------
# Instructions


@pytest.mark.parametrize("exercise", list(LIBRARY), ids=IDS)
def test_instructions_are_easy_to_read(exercise):
    grade = reading_grade(exercise.instructions)
    assert grade <= MAX_GRADE, f"{exercise.id}: grade {grade:.1f}"
    assert 2 <= len(exercise.steps) <= 6
    for line in (*exercise.steps, exercise.feel, *exercise.stop_if):
        assert len(line.split()) <= 25, f"{exercise.id}: long sentence {line!r}"


def test_every_exercise_says_when_to_stop_and_get_care():
    care = ("medical help", "emergency care", "clinician")
    for e in LIBRARY:
        assert any(any(word in line for word in care) for line in e.stop_if), e.id
        if e.category != "relaxation":
            assert any("sharp" in line and "pain" in line for line in e.stop_if), e.id


def test_instructions_never_shame_or_push_through():
    banned = ("push through", "no pain, no gain", "lazy", "failed", "should be able", "just do")
    for e in LIBRARY:
        text = " ".join((*e.steps, e.feel, *e.stop_if, *e.cautions)).lower()
        for phrase in banned:
            assert phrase not in text, f"{e.id}: {phrase!r}"


def test_every_exercise_has_its_own_instructions():
    # Short shared lines ("Swap legs.") are fine; whole copied descriptions are not.
    assert len({e.steps for e in LIBRARY}) == len(LIBRARY)
    assert len({e.feel for e in LIBRARY}) >= 0.9 * len(LIBRARY)


# ---------------------------------------------------------------------------------------
# Validation errors name the file, the exercise and the field


def good_exercise() -> dict:
    return {
        "id": "test-move",
        "name": "Test move",
        "category": "mobility",
        "level": 1,
        "position": "seated",
        "equipment": ["chair"],
        "body_regions": ["neck"],
        "conditions": ["neck_shoulder"],
        "dose": {"sets": 2, "reps": 8},
        "modifications": [
            "wrist_friendly",
            "knee_friendly",
            "floor_free",
            "chair_based",
            "low_balance_demand",
        ],
        "loads_wrists": False,
        "needs_floor": False,
        "kneeling": False,
        "balance_demand": "low",
        "flare_safe": True,
        "steps": ["Sit tall.", "Turn your head."],
        "feel": "Easy.",
        "stop_if": ["Stop if you feel sharp pain, and tell your clinician."],
    }


def write(folder: Path, name: str, *exercises: dict) -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump({"exercises": list(exercises)}), encoding="utf-8")
    return path


def load_error(folder: Path) -> LibraryError:
    with pytest.raises(LibraryError) as info:
        load_library(folder)
    return info.value


def test_a_good_file_loads(tmp_path):
    write(tmp_path, "mobility.yaml", good_exercise())
    library = load_library(tmp_path)
    assert [e.id for e in library] == ["test-move"]
    assert library.get("test-move").dose.text == "2 x 8"


def mutated(field: str, value: object) -> dict:
    raw = good_exercise()
    if value is _DELETE:
        del raw[field]
    else:
        raw[field] = value
    return raw


_DELETE = object()

BROKEN = [
    ("name", _DELETE, "missing required field"),
    ("level", 7, "from 1 to 5"),
    ("level", True, "from 1 to 5"),
    ("category", "cardio", "must be one of"),
    ("position", "upside_down", "must be one of"),
    ("conditions", ["gout"], "unknown value 'gout'"),
    ("conditions", [], "non-empty list"),
    ("equipment", ["none", "chair"], "'none' cannot be listed"),
    ("equipment", ["wall"], "needs a chair"),
    ("dose", {"sets": 2}, "{sets, reps} or {minutes}"),
    ("dose", {"sets": 2, "reps": 8, "minutes": 5}, "{sets, reps} or {minutes}"),
    ("dose", {"minutes": 0}, "from 1 to 60"),
    ("loads_wrists", "no", "true or false"),
    ("balance_demand", "wobbly", "must be one of"),
    ("modifications", ["wrist_friendly"], "must match the safety fields"),
    ("steps", ["Only one step."], "list of 2 to 6"),
    ("stop_if", [], "list of 1 to 4"),
    ("feel", "  ", "non-empty text"),
    ("colour", "blue", "unknown field"),
    ("easier", "test-move", "another exercise's id"),
]


@pytest.mark.parametrize(("field", "value", "problem"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_fields_are_reported_with_file_id_and_field(tmp_path, field, value, problem):
    write(tmp_path, "mobility.yaml", mutated(field, value))
    error = load_error(tmp_path)
    assert error.path.endswith("mobility.yaml")
    assert error.exercise_id == "test-move"
    expected_field = "dose.minutes" if value == {"minutes": 0} else field
    assert error.field == expected_field
    assert problem in error.problem
    assert str(error).startswith(f"mobility.yaml: exercise 'test-move': field '{expected_field}'")


def test_floor_position_must_need_the_floor(tmp_path):
    raw = mutated("position", "floor")
    raw["equipment"] = ["none"]
    raw["modifications"] = ["wrist_friendly", "knee_friendly", "floor_free", "low_balance_demand"]
    write(tmp_path, "mobility.yaml", raw)
    assert load_error(tmp_path).field == "needs_floor"


def test_a_bad_id_is_named_by_its_place_in_the_file(tmp_path):
    write(tmp_path, "strength.yaml", good_exercise(), mutated("id", "Not A Slug"))
    error = load_error(tmp_path)
    assert (error.exercise_id, error.field) == ("Not A Slug", "id")
    write(tmp_path, "strength.yaml", good_exercise(), mutated("id", _DELETE))
    error = load_error(tmp_path)
    assert (error.exercise_id, error.field) == ("#2", "id")


def test_duplicate_ids_across_files_are_reported(tmp_path):
    write(tmp_path, "a.yaml", good_exercise())
    write(tmp_path, "b.yaml", good_exercise())
    error = load_error(tmp_path)
    assert error.path.endswith("b.yaml") and error.field == "id" and "a.yaml" in error.problem


def test_links_must_resolve(tmp_path):
    write(tmp_path, "mobility.yaml", mutated("harder", "nowhere"))
    error = load_error(tmp_path)
    assert (error.exercise_id, error.field) == ("test-move", "harder")
    assert "unknown exercise 'nowhere'" in error.problem


def test_links_must_go_both_ways(tmp_path):
    harder = {**mutated("id", "test-move-2"), "level": 2, "steps": ["Stand.", "Turn."]}
    write(tmp_path, "mobility.yaml", mutated("harder", "test-move-2"), harder)
    error = load_error(tmp_path)
    assert (error.exercise_id, error.field) == ("test-move", "harder")
    assert "link back" in error.problem


def test_a_regression_must_be_a_lower_level(tmp_path):
    first = {**mutated("harder", "test-move-2"), "level": 2}
    second = {**mutated("id", "test-move-2"), "easier": "test-move", "level": 1}
    write(tmp_path, "mobility.yaml", first, second)
    error = load_error(tmp_path)
    assert error.field in {"easier", "harder"} and "level" in error.problem


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("exercises: [unclosed", "not valid YAML"),
        ("- just a list", "list under 'exercises'"),
        ("exercises: []\nextra: 1", "unknown top-level key"),
        ("exercises: [3]", "must be a mapping"),
    ],
)
def test_broken_files_are_reported_by_name(tmp_path, text, problem):
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    error = load_error(tmp_path)
    assert error.path.endswith("bad.yaml")
    assert problem in str(error)


def test_missing_or_empty_directory_is_an_error(tmp_path):
    assert "not found" in str(load_error(tmp_path / "nope"))
    assert "no exercises" in str(load_error(tmp_path))


def test_required_fields_are_all_used_by_the_shipped_files():
    raw = yaml.safe_load((EXERCISES_DIR / "mobility.yaml").read_text(encoding="utf-8"))
    first = copy.deepcopy(raw["exercises"][0])
    assert set(REQUIRED_FIELDS) <= set(first)


def test_library_lookups():
    assert LIBRARY.get("sit-to-stand").easier == "seated-knee-extension"
    assert [e.id for e in LIBRARY.chain("sit-to-stand")][:2] == [
        "seated-knee-extension",
        "sit-to-stand",
    ]
    with pytest.raises(KeyError):
        LIBRARY.get("moon-walk")
    assert "moon-walk" not in LIBRARY
