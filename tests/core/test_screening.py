"""Red-flag screening: any "yes" stops the program, at the most urgent level found."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pacewise.core.learn.lessons import reading_grade
from pacewise.core.safety.screening import (
    BY_ID,
    EMERGENCY,
    LEVELS,
    QUESTIONS,
    STOP_EXERCISING,
    URGENT,
    InvalidAnswers,
    assess,
    questions_by_urgency,
)

ALL_NO = {q.id: False for q in QUESTIONS}


def test_all_no_lets_the_program_run():
    result = assess(ALL_NO)
    assert not result.stops_program
    assert result.level is None and result.advice == () and result.unanswered == ()


@pytest.mark.parametrize("qid", ["bladder_bowel", "saddle_numbness", "leg_weakness"])
def test_cauda_equina_signs_are_an_emergency(qid):
    result = assess(ALL_NO | {qid: True})
    assert result.stops_program and result.level == EMERGENCY
    assert "emergency" in result.headline.lower()


@pytest.mark.parametrize("qid", ["neck_dizziness", "neck_speech"])
def test_cervical_artery_signs_are_an_emergency(qid):
    assert assess(ALL_NO | {qid: True}).level == EMERGENCY


@pytest.mark.parametrize("qid", ["chest_pain", "breathless", "fainting", "palpitations"])
def test_heart_signs_mean_stop_exercising(qid):
    result = assess(ALL_NO | {qid: True})
    assert result.level == STOP_EXERCISING
    assert "stop exercising" in result.headline.lower()


@pytest.mark.parametrize(
    "qid", ["cancer_history", "weight_loss", "fever", "trauma", "thin_bones", "night_pain"]
)
def test_serious_pathology_signs_need_urgent_review(qid):
    result = assess(ALL_NO | {qid: True})
    assert result.level == URGENT and result.stops_program


def test_the_most_urgent_level_wins_and_all_advice_is_given():
    result = assess(ALL_NO | {"weight_loss": True, "saddle_numbness": True, "chest_pain": True})
    assert result.level == EMERGENCY
    assert len(result.advice) == 3
    assert result.positive_ids == ("saddle_numbness", "chest_pain", "weight_loss")


def test_unknown_question_or_non_bool_answer_is_refused():
    with pytest.raises(InvalidAnswers, match="unknown question"):
        assess({"headache": True})
    with pytest.raises(InvalidAnswers, match="true or false"):
        assess({"fever": 1})
    with pytest.raises(InvalidAnswers):
        assess({"fever": "yes"})


def test_missing_answers_count_as_no_and_are_listed():
    result = assess({"fever": False})
    assert not result.stops_program
    assert len(result.unanswered) == len(QUESTIONS) - 1


def test_questions_cover_every_level_and_ids_are_unique():
    assert len(BY_ID) == len(QUESTIONS)
    groups = questions_by_urgency()
    assert list(groups) == list(LEVELS) and all(groups.values())
    assert {q.group for q in QUESTIONS} == {
        "cauda_equina",
        "cervical_artery",
        "serious_pathology",
        "myelopathy",
        "heart",
    }


def test_wording_is_plain():
    for q in QUESTIONS:
        assert reading_grade(q.text) <= 9, q.id
        assert q.text.endswith("?")


@given(st.dictionaries(st.sampled_from([q.id for q in QUESTIONS]), st.booleans()))
def test_any_yes_stops_the_program_and_no_yes_never_does(answers):
    result = assess(answers)
    assert result.stops_program == any(answers.values())
    assert set(result.positive_ids) == {k for k, v in answers.items() if v}
