"""Goals on the web: rulers, open questions in the person's numbers, shrinking, reflection."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from pacewise.learn.models import Goal, GoalReflection

TODAY = timezone.localdate()


def goal_form(**changes):
    return {
        "value": "Walking my dog again",
        "what": "walk around the block",
        "amount": "20",
        "unit": "minutes",
        "times_per_week": "4",
        "by_date": (TODAY + timedelta(days=14)).isoformat(),
        "activity": "walking",
        "importance": "8",
        "confidence": "5",
    } | changes


def test_step_one_makes_a_draft_and_asks_in_the_persons_numbers(client, me):
    response = client.post(reverse("learn-goal-new", args=[me.pk]), goal_form())
    goal = Goal.objects.get(patient=me)
    assert goal.status == Goal.Status.DRAFT
    assert response["Location"] == reverse("learn-goal-rulers", args=[me.pk, goal.pk])
    page = client.get(response["Location"]).content.decode()
    assert "What makes it an 8 and not a 5?" in page
    assert "What makes it a 5 and not a 2?" in page
    assert "What would it take to move it up one, to a 6?" in page


def test_low_confidence_offers_smaller_versions_and_saves_the_chosen_one(client, me):
    client.post(reverse("learn-goal-new", args=[me.pk]), goal_form())
    goal = Goal.objects.get()
    url = reverse("learn-goal-rulers", args=[me.pk, goal.pk])
    page = client.get(url).content.decode()
    assert "Would a smaller step feel more doable?" in page
    assert "for 10 minutes, 4 times a week" in page and "Keep my goal as it is" in page
    response = client.post(url, {"confidence_why": "I did it last summer", "version": "1"})
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.status, goal.amount, goal.times_per_week) == ("active", 10, 4)
    assert goal.confidence_why == "I did it last summer"
    goals = client.get(reverse("learn-goals", args=[me.pk])).content.decode()
    assert "Walk around the block, for 10 minutes, 4 times a week" in goals


def test_the_person_may_keep_their_goal_as_it_is(client, me):
    client.post(reverse("learn-goal-new", args=[me.pk]), goal_form())
    goal = Goal.objects.get()
    client.post(reverse("learn-goal-rulers", args=[me.pk, goal.pk]), {"version": "0"})
    goal.refresh_from_db()
    assert (goal.status, goal.amount) == ("active", 20)


def test_confident_enough_is_not_asked_to_shrink(client, me):
    client.post(reverse("learn-goal-new", args=[me.pk]), goal_form(confidence="8"))
    goal = Goal.objects.get()
    url = reverse("learn-goal-rulers", args=[me.pk, goal.pk])
    assert "smaller step" not in client.get(url).content.decode()
    client.post(url, {})
    goal.refresh_from_db()
    assert goal.status == "active"


def test_rulers_are_required_and_dates_checked(client, me):
    response = client.post(
        reverse("learn-goal-new", args=[me.pk]), goal_form(confidence="", by_date=str(TODAY))
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Goal.objects.exists()
    assert "Tap a number from 0 to 10." in page


def test_a_goal_must_end_after_today(client, me):
    response = client.post(reverse("learn-goal-new", args=[me.pk]), goal_form(by_date=str(TODAY)))
    assert "Choose a date after today." in response.content.decode()


def test_weekly_reflection(client, me):
    goal = Goal.objects.create(
        patient=me, what="stretch", amount=5, unit="minutes", times_per_week=3,
        by_date=TODAY + timedelta(days=10), importance=7, confidence=7,
        status="active", started_on=TODAY - timedelta(days=7),
    )  # fmt: skip
    page = client.get(reverse("learn-goals", args=[me.pk])).content.decode()
    assert "A week has passed" in page
    url = reverse("learn-goal-reflect", args=[me.pk, goal.pk])
    assert "What went well this week, even a little?" in client.get(url).content.decode()
    response = client.post(url, {"went_well": "Did it twice", "status": "active"})
    assert response.status_code == 302
    assert GoalReflection.objects.get(goal=goal).went_well == "Did it twice"
    assert (
        "A week has passed" not in client.get(reverse("learn-goals", args=[me.pk])).content.decode()
    )


def test_an_empty_reflection_asks_for_a_few_words(client, me):
    goal = Goal.objects.create(
        patient=me, what="stretch", amount=5, unit="minutes", times_per_week=3,
        by_date=TODAY + timedelta(days=10), importance=7, confidence=7,
        status="active", started_on=TODAY,
    )  # fmt: skip
    response = client.post(reverse("learn-goal-reflect", args=[me.pk, goal.pk]), {})
    assert response.status_code == 200 and not GoalReflection.objects.exists()
