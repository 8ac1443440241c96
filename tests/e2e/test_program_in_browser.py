"""The exercise program on a phone: onboarding, a safe program, a guided session with an
easier swap that lands in the diary; and a red-flag answer that stops the program."""

from __future__ import annotations

import pytest
from django.utils import timezone
from e2e_helpers import assert_accessible, signed_in_as
from playwright.sync_api import expect

from cast import PASSWORD, make_clinician, make_user
from pacewise.accounts.models import Clinic, Share
from pacewise.diary.models import ActivitySession
from pacewise.plans import programs
from pacewise.plans.models import ProgramChange, RedFlagAlert
from pacewise.plans.onboarding import STEPS, onboarding_for, save_step

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
SAVE = "Save and continue"
PROFILE = {
    "conditions": ["knee_hip_oa"], "fatigue_dominant": False, "locations": ["knees"],
    "limitations": ["no_floor"], "equipment": ["chair", "wall", "towel"], "likes": [],
    "dislikes": [], "current_activity": [], "goals": "Climb the stairs at home",
}  # fmt: skip


def sign_in(page, live_server, email):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("link", name="My program")).to_be_visible()


def step(page, heading):
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    assert_accessible(page)


def test_fibromyalgia_wrists_no_floor_onboards_and_does_a_session(page, live_server, csp_errors):
    user = make_user("sam@example.com", patient=True, display_name="Sam")
    sign_in(page, live_server, user.email)
    page.get_by_role("link", name="My program").click()
    step(page, "My program")
    page.get_by_role("link", name="Set up my program").click()

    step(page, "A few safety questions first")
    page.get_by_label("None of these apply to me").check()
    page.get_by_role("button", name=SAVE).click()
    step(page, "Your conditions")
    page.get_by_label("Fibromyalgia").check()
    page.get_by_role("button", name=SAVE).click()
    step(page, "Where it hurts")
    page.get_by_label("All over").check()
    page.get_by_label("Hands and wrists").check()
    page.get_by_role("button", name=SAVE).click()
    step(page, "What is hard for you")
    page.get_by_label("My wrists or hands are painful").check()
    page.get_by_label("I cannot get down to the floor").check()
    page.get_by_role("button", name=SAVE).click()
    step(page, "What you have at home")
    expect(page.get_by_label("A firm chair")).to_be_checked()
    page.get_by_role("button", name=SAVE).click()
    step(page, "What you enjoy")
    page.get_by_role("group", name="What kinds of movement").get_by_label("Walking").check()
    page.get_by_role("button", name=SAVE).click()
    step(page, "What you do now")
    page.get_by_label("What movement do you do on a usual day?").select_option("walking")
    page.get_by_label("About how many minutes on a usual day?").fill("10")
    page.get_by_role("button", name=SAVE).click()
    step(page, "What you want to get back to")
    page.get_by_label("What would you like to get back to").fill("Dancing at my niece's wedding")
    page.get_by_role("button", name=SAVE).click()

    step(page, "My program")
    expect(page.get_by_text("Your program is ready")).to_be_visible()
    expect(page.get_by_role("heading", name="This week")).to_be_visible()
    program = programs.program_for(user.patient)
    for item in programs.active_items(program):
        exercise = programs.library().get(item.exercise_id)
        assert not exercise.loads_wrists and not exercise.needs_floor, exercise.id
        assert exercise.position != "floor"

    page.get_by_role("button", name="Start today's session").click()
    expect(page.get_by_text("Exercise 1 of")).to_be_visible()
    assert_accessible(page)
    first = page.get_by_role("heading", level=1).inner_text()
    page.get_by_role("button", name="This hurts: give me the easier version").click()
    expect(page.get_by_text("Changed to an easier version")).to_be_visible()
    assert_accessible(page)
    swap = ProgramChange.objects.get(patient=user.patient, kind="easier")
    assert first in swap.text

    # the enhanced controls: a timer or a rep counter, with pause and resume by keyboard
    if page.get_by_role("button", name="Start timer").is_visible():
        page.get_by_role("button", name="Start timer").click()
    else:
        page.get_by_role("button", name="I did one").click()
        expect(page.locator(".rep-display")).to_contain_text(": 1 of")
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Resume")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Resume")).to_be_hidden()
    page.screenshot(path="/tmp/player.png", full_page=True)

    while page.get_by_role("button", name="Done, next exercise").is_visible():
        page.get_by_role("button", name="Done, next exercise").click()
        page.wait_for_load_state()
    step(page, "How did it go?")
    page.get_by_role("group", name="Highest pain during the session").get_by_label(
        "3", exact=True
    ).check()
    page.get_by_role("group", name="How hard did it feel?").get_by_label("4", exact=True).check()
    page.get_by_label("About what I expected").check()
    page.get_by_role("button", name="Save to my diary").click()

    expect(page.get_by_text("Saved in your diary")).to_be_visible()
    assert_accessible(page)
    logged = ActivitySession.objects.filter(patient=user.patient).exclude(planned_item="")
    from pacewise.plans.models import GuidedSession

    session = GuidedSession.objects.get(patient=user.patient)
    week = programs.week_for(user.patient, programs.active_items(program), session.local_date)
    asked = [pk for pk, day in week.items() if day.asked_today]
    assert sorted(session.item_ids) == sorted(asked or week)  # today's, as Today shows them
    assert logged.count() == len(session.item_ids)
    assert all(e.pain_peak == 3 and e.exertion == 4 for e in logged)
    expect(page.get_by_text(logged.first().activity).first).to_be_visible()
    assert csp_errors == []


def test_a_red_flag_in_onboarding_stops_the_program(page, live_server, csp_errors):
    clinic = Clinic.objects.create(name="Harbour Physio")
    user = make_user("lee@example.com", patient=True, display_name="Lee")
    Share.objects.create(patient=user.patient, clinic=clinic)
    make_clinician("sharer@harbour.example", clinic)
    sign_in(page, live_server, user.email)
    page.get_by_role("link", name="My program").click()
    page.get_by_role("link", name="Set up my program").click()
    step(page, "A few safety questions first")
    page.get_by_label("New numbness or tingling between your legs").check()
    page.get_by_role("button", name=SAVE).click()

    step(page, "Your program is paused for now")
    expect(page.get_by_role("heading", name="Please get emergency care now.")).to_be_visible()
    expect(page.get_by_role("link", name="Call 911").first).to_have_attribute("href", "tel:911")
    expect(page.get_by_text("let your care team know")).to_be_visible()
    alert = RedFlagAlert.objects.get(patient=user.patient)
    assert alert.level == "emergency" and alert.emailed_to == ["sharer@harbour.example"]

    page.get_by_role("link", name="My record").click()
    page.get_by_role("link", name="My exercise program").click()
    expect(page.get_by_role("heading", name="Your program is paused for now")).to_be_visible()

    page.get_by_label("A doctor or clinician has checked me").check()
    page.get_by_label("The day they checked you").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Open my program again").click()
    # at the emergency level the person names who checked them
    expect(page.get_by_text("Please say who checked you")).to_be_visible()
    page.get_by_label("Who checked you").fill("Dr Lee, City Hospital")
    page.get_by_role("button", name="Open my program again").click()
    expect(page.get_by_text("The program is open again")).to_be_visible()
    expect(page.get_by_role("link", name="Carry on where you left off")).to_be_visible()
    assert_accessible(page)
    assert csp_errors == []


def test_the_clinician_sees_the_pause_clears_it_and_edits_the_program(page, live_server):

    from pacewise.plans import red_flags

    clinic = Clinic.objects.create(name="Harbour Physio")
    user = make_user("kim@example.com", patient=True, display_name="Kim")
    Share.objects.create(patient=user.patient, clinic=clinic)
    clinician = make_clinician("sharer@harbour.example", clinic)
    onboarding = onboarding_for(user.patient)
    for s in STEPS:
        save_step(onboarding, s, {f: PROFILE[f] for f in s.fields})
    programs.build_for(user.patient, programs.Actor(user, "Kim", by_clinician=False))
    red_flags.record(user.patient, {"fever": True}, "new_symptoms")

    signed_in_as(page, live_server, clinician)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/care/")
    expect(
        page.get_by_role("heading", name="Program paused: needs a medical check")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Kim").first.click()  # the alert opens the program
    expect(page.get_by_role("heading", name="Paused for a medical check")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("I have assessed these symptoms").check()
    page.get_by_label("The day of the assessment").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Clear and resume the program").click()
    expect(page.get_by_text("The program is open again")).to_be_visible()
    first = programs.active_items(programs.program_for(user.patient)).first()
    name = programs.exercise_name(first.exercise_id)
    page.get_by_text(f"Change {name}").click()
    page.get_by_role("button", name=f"Remove {name}").click()
    expect(page.get_by_text(f"Removed {name}.")).to_be_visible()
    assert_accessible(page)
    assert red_flags.open_alert(user.patient) is None
