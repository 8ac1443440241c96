"""The weekly review: what happened, the proposed change and the confidence ruler.

With the `history` fixture the reviewed week (the last 7 days) was green: walking goes from
8 to 8.8 minutes a day; the smaller step (half the raise) is 8.4.
"""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from pacewise.today import state as plan_state
from pacewise.today.models import ReviewDecision


def url(patient, name="today-review"):
    return reverse(name, kwargs={"patient_id": patient.pk})


def test_there_is_no_review_during_the_baseline(client, me, walking):
    page = client.get(url(me)).content.decode()
    assert "The first weekly review comes once we know your usual level" in page


def test_it_shows_what_happened_and_the_proposed_step_up(client, me, history):
    page = client.get(url(me)).content.decode()
    assert "a steady week" in page
    assert "You logged 7 days that week." in page
    assert "Walking: 70 minutes on 7 days (the plan was about 56 for the week)." in page
    assert "For this week: a step up" in page
    assert "So your plan goes up 20%." in page
    assert "days of 10 minutes of walking or more have gone well for you" in page
    assert "How sure are you, 0-10, that you can do this?" in page


def test_confident_enough_accepts_the_proposal(client, me, history):
    response = client.post(url(me, "today-review-accept"), {"confidence": "8"})
    assert response.status_code == 302
    decision = ReviewDecision.objects.get(patient=me)
    assert (decision.kind, decision.step, decision.confidence) == ("accepted", 1.0, 8)
    assert decision.week_start == timezone.localdate() - timedelta(days=7)
    assert plan_state.load(me).plan.target("walking").quota == 9.6


def test_below_7_offers_a_smaller_step_before_saving(client, me, history):
    response = client.post(url(me, "today-review-accept"), {"confidence": "4"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Walking: from 8 to 8.8 minutes a day (the full step was 9.6)." in page
    assert "Which step would you like this week?" in page
    assert not ReviewDecision.objects.exists()


def test_the_smaller_step_chosen_is_the_plan_this_week(client, me, history):
    client.post(url(me, "today-review-accept"), {"confidence": "4", "step": "smaller"})
    decision = ReviewDecision.objects.get(patient=me)
    assert (decision.kind, decision.step, decision.confidence) == ("smaller", 0.5, 4)
    state = plan_state.load(me)
    assert state.plan.target("walking").quota == 8.8
    assert not state.review_pending
    page = client.get(url(me, "today")).content.decode()
    assert "You chose a smaller step this week: up 10% instead of 20%." in page


def test_the_full_step_can_still_be_chosen_with_low_confidence(client, me, history):
    client.post(url(me, "today-review-accept"), {"confidence": "5", "step": "full"})
    assert ReviewDecision.objects.get(patient=me).kind == "accepted"
    assert plan_state.load(me).plan.target("walking").quota == 9.6


def test_a_confidence_is_needed(client, me, history):
    response = client.post(url(me, "today-review-accept"), {})
    assert "Tap a number from 0 to 10." in response.content.decode()
    assert not ReviewDecision.objects.exists()


def test_the_answer_can_be_changed(client, me, history):
    client.post(url(me, "today-review-accept"), {"confidence": "4", "step": "smaller"})
    client.post(url(me, "today-review-accept"), {"confidence": "9"})
    assert ReviewDecision.objects.get(patient=me).kind == "accepted"


def test_a_clinician_reads_the_review_and_the_answer_but_cannot_answer(client, cast, history):
    client.force_login(cast.patient)
    client.post(url(history, "today-review-accept"), {"confidence": "4", "step": "smaller"})
    client.force_login(cast.sharing_clinician)
    page = client.get(url(history)).content.decode()
    assert "Pat answered on" in page and "a smaller step this week" in page
    assert "Save my answer" not in page
    assert client.post(url(history, "today-review-accept"), {"confidence": "9"}).status_code == 403
