"""Onboarding on the web: safety first, one step per page, resumable, then a safe program."""

from __future__ import annotations

from plans_helpers import FIBRO_WRISTS_NO_FLOOR, no_symptoms, url

from pacewise.plans import programs
from pacewise.plans.models import Onboarding, ProgramItem
from pacewise.plans.onboarding import STEPS

ANSWERS = {
    "conditions": {"conditions": ["fibromyalgia"], "fatigue_dominant": "False"},
    "pain": {"locations": ["all_over", "hands_wrists"]},
    "limits": {"limitations": ["painful_wrists_hands", "no_floor"]},
    "equipment": {"equipment": ["chair", "wall", "towel"]},
    "likes": {"likes": ["walking"]},
    "activity": {"activity_1": "walking", "minutes_1": "10"},
    "goals": {"goals": "Walk to the market with my sister"},
}


def test_start_goes_to_the_safety_questions_first(client, me):
    response = client.get(url("plans-onboarding", me))
    assert response["Location"] == url("plans-onboarding-step", me, step="safety")
    page = client.get(response["Location"]).content.decode()
    assert "Step 1 of 8" in page and "numbness" in page


def test_each_step_saves_and_coming_back_resumes_at_the_first_unfinished(client, me):
    client.post(url("plans-onboarding-step", me, step="safety"), no_symptoms())
    response = client.post(
        url("plans-onboarding-step", me, step="conditions"), ANSWERS["conditions"]
    )
    assert response["Location"] == url("plans-onboarding-step", me, step="pain")
    onboarding = Onboarding.objects.get(patient=me)
    assert onboarding.conditions == ["fibromyalgia"] and onboarding.steps_done == [
        "safety",
        "conditions",
    ]
    assert client.get(url("plans-onboarding", me))["Location"].endswith("/start/pain/")
    page = client.get(url("plans-program", me)).content.decode()
    assert "Carry on where you left off" in page


def test_finishing_builds_a_program_that_keeps_the_limits(client, me):
    client.post(url("plans-onboarding-step", me, step="safety"), no_symptoms())
    for step in STEPS[1:]:
        response = client.post(url("plans-onboarding-step", me, step=step.slug), ANSWERS[step.slug])
    assert response["Location"] == url("plans-program", me)
    onboarding = Onboarding.objects.get(patient=me)
    assert onboarding.completed_at is not None
    assert onboarding.current_activity == [{"activity": "walking", "minutes": 10}]
    assert onboarding.goals == FIBRO_WRISTS_NO_FLOOR["goals"]
    items = ProgramItem.objects.filter(patient=me)
    assert items.exists()
    for item in items:
        exercise = programs.library().get(item.exercise_id)
        assert not exercise.loads_wrists and not exercise.needs_floor
        assert exercise.position != "floor"
    page = client.get(url("plans-program", me)).content.decode()
    assert "This week" in page and "Start today's session" in page
    assert "Walk to the market" in page


def test_a_step_with_bad_answers_shows_the_errors_and_keeps_them(client, me):
    response = client.post(
        url("plans-onboarding-step", me, step="activity"), {"activity_1": "walking"}
    )
    assert response.status_code == 400
    assert "Give the minutes" in response.content.decode()
    response = client.post(
        url("plans-onboarding-step", me, step="likes"),
        {"likes": ["walking"], "dislikes": ["walking"]},
    )
    assert "both liked and not liked" in response.content.decode()


def test_goals_are_encrypted_at_rest(client, me):
    from django.db import connection

    client.post(url("plans-onboarding-step", me, step="goals"), ANSWERS["goals"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT goals FROM plans_onboarding")
        (raw,) = cursor.fetchone()
    assert "market" not in raw


def test_unknown_step_is_404(client, me):
    assert client.get(url("plans-onboarding-step", me, step="nope")).status_code == 404


def test_safety_needs_an_explicit_answer(client, me):
    response = client.post(url("plans-onboarding-step", me, step="safety"), {})
    assert response.status_code == 400
    assert "None of these apply to me" in response.content.decode()
    response = client.post(
        url("plans-onboarding-step", me, step="safety"),
        {"symptoms": ["fever"], "none_apply": "on"},
    )
    assert response.status_code == 400
