"""The Today page: targets, bouts and reasons; one-tap bouts; flare; easier today."""

from __future__ import annotations

import uuid

from django.urls import reverse
from django.utils import timezone

from pacewise.diary.models import ActivitySession, CheckIn
from pacewise.today.models import EasierChoice, PacedActivity


def url(patient, name="today"):
    return reverse(name, kwargs={"patient_id": patient.pk})


def test_it_asks_the_person_to_choose_what_to_pace_first(client, me):
    page = client.get(url(me)).content.decode()
    assert "Choose what to pace" in page
    assert url(me, "today-setup") in page


def test_setup_stores_the_chosen_activities_with_a_usual_amount(client, me):
    response = client.post(
        url(me, "today-setup"),
        {"activity_0": "walking", "amount_0": "15", "activity_1": "stretching", "amount_1": ""},
    )
    assert response.status_code == 302
    rows = list(PacedActivity.objects.filter(patient=me).values_list("key", "starting_amount"))
    assert rows == [("walking", 15.0), ("stretching", None)]


def test_setup_refuses_the_same_activity_twice(client, me):
    response = client.post(
        url(me, "today-setup"), {"activity_0": "walking", "activity_1": "walking"}
    )
    assert response.status_code == 200
    assert "Choose each activity only once." in response.content.decode()
    assert not PacedActivity.objects.filter(patient=me).exists()


def test_today_shows_the_target_in_bouts_with_the_reasons_and_numbers(client, me, history):
    page = client.get(url(me)).content.decode()
    assert "Building up" in page
    assert "9 minutes of walking, in one go." in page
    # 9.6 a day: a usual day asks for 9 (never above the plan), so the plan says 9, not 10
    assert "Your plan this week is 9 minutes of walking a day." in page
    assert "So your plan goes up 20%." in page
    assert "Done today: 8 of 9 minutes." in page  # the cast's walk this morning


def test_one_tap_logs_a_bout_of_the_planned_size(client, me, history):
    response = client.post(url(me, "today-log-bout"), {"activity": "walking"})
    assert response.status_code == 302
    bout = ActivitySession.objects.filter(patient=me, note="Logged from Today.").get()
    assert (bout.activity, bout.minutes, bout.planned_item) == ("walking", 9, "walking")
    assert bout.local_date == timezone.localdate()
    page = client.get(url(me)).content.decode()
    assert "Done today: 17 of 9 minutes." in page
    # twice the plan is not "well paced"
    assert "That's more than today's plan." in page and "well paced" not in page


def test_a_double_tap_logs_one_bout(client, me, history):
    tap = {"activity": "walking", "entry_id": str(uuid.uuid4())}
    client.post(url(me, "today-log-bout"), tap)
    client.post(url(me, "today-log-bout"), tap)
    assert ActivitySession.objects.filter(patient=me, note="Logged from Today.").count() == 1


def test_htmx_gets_back_only_the_card_it_swaps_in_place(client, me, history):
    response = client.post(
        url(me, "today-log-bout"), {"activity": "walking"}, HTTP_HX_REQUEST="true"
    )
    card = response.content.decode()
    assert response.status_code == 200 and card.startswith('<article class="card today-card')
    assert 'id="card-0"' in card and "<html" not in card and "Done today: 17 of 9" in card


def test_an_activity_outside_the_plan_is_not_logged(client, me, history):
    client.post(url(me, "today-log-bout"), {"activity": "swimming"})
    assert not ActivitySession.objects.filter(patient=me, note="Logged from Today.").exists()


def test_in_a_flare_the_page_shows_the_flare_plan_and_the_flare_kit(client, me, history):
    response = client.post(url(me, "today-flare"))
    assert response.status_code == 302
    flare = CheckIn.objects.get(patient=me, kind="flare")
    assert flare.in_flare and flare.local_date == timezone.localdate()
    page = client.get(url(me)).content.decode()
    assert "Your flare plan" in page
    assert "So today&#x27;s plan is 50% of your usual amount: 5 minutes of walking" in page
    assert reverse("learn-flare-kit", kwargs={"patient_id": me.pk}) in page
    assert "I'm in a flare" not in page


def test_easier_today_shows_the_easier_plan_and_can_be_undone(client, me, history):
    client.post(url(me, "today-easier"))
    assert EasierChoice.objects.filter(patient=me, local_date=timezone.localdate()).exists()
    page = client.get(url(me)).content.decode()
    assert "Today's easier plan" in page
    assert "5 minutes of walking, in one go." in page  # half of 9, in whole minutes
    client.post(url(me, "today-log-bout"), {"activity": "walking"})
    assert ActivitySession.objects.filter(patient=me, note="Logged from Today.").get().minutes == 5
    client.post(url(me, "today-easier-undo"))
    assert not EasierChoice.objects.filter(patient=me).exists()
    assert "9 minutes of walking, in one go." in client.get(url(me)).content.decode()


def test_a_clinician_sees_today_without_the_buttons(client, clinician, history):
    page = client.get(url(clinician)).content.decode()
    assert "9 minutes of walking, in one go." in page
    assert "Log a bout" not in page and "I'm in a flare" not in page
    assert url(clinician, "today-plan") in page


def test_the_nav_and_home_link_to_today(client, me):
    page = client.get(reverse("patient-home", kwargs={"patient_id": me.pk})).content.decode()
    assert page.count(f'href="{url(me)}"') == 2
