"""Learn in the browser: a lesson and its check, a thought record, a goal through the rulers.

axe-core checks every page visited.
"""

from __future__ import annotations

import pytest
from django.utils import timezone
from e2e_helpers import assert_accessible
from playwright.sync_api import expect

from cast import PASSWORD, make_user
from pacewise.diary.models import CheckIn
from pacewise.learn.models import Goal, LessonAnswer, LessonRead, ThoughtRecord

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def sign_in(page, live_server, name="Robin"):
    user = make_user(f"{name.lower()}@example.com", patient=True, display_name=name)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name=f"Hello, {name}")).to_be_visible()
    return user.patient


def open_learn(page):
    page.get_by_role("link", name="Learn", exact=True).click()
    expect(page.get_by_role("heading", name="Learn", exact=True)).to_be_visible()
    assert_accessible(page)


def test_read_a_lesson_and_answer_its_check(page, live_server, csp_errors):
    patient = sign_in(page, live_server)
    open_learn(page)
    expect(page.get_by_text("This week's lesson")).to_be_visible()
    page.get_by_role("link", name="Pain is an alarm").click()
    expect(page.get_by_role("heading", name="Pain is an alarm", level=1)).to_be_visible()
    assert_accessible(page)

    check = page.locator("#check-1")
    check.get_by_role("group", name="What is the main job of pain?").get_by_label(
        "To punish you for doing too much"
    ).check()
    check.get_by_role("button", name="Check my answer").click()
    feedback = page.locator("#check-1 .feedback")
    expect(feedback).to_contain_text("Here is another way to see it")
    assert_accessible(page)

    page.locator("#check-1").get_by_label("To protect you").check()
    page.locator("#check-1").get_by_role("button", name="Answer again").click()
    expect(page.locator("#check-1 .feedback")).to_contain_text("That's it.")
    answer = LessonAnswer.objects.get(patient=patient, question=1)
    assert answer.correct is True

    page.get_by_role("button", name="Mark as read").click()
    expect(page.get_by_text("Lessons read: 1 of 24")).to_be_visible()
    assert LessonRead.objects.filter(patient=patient, lesson_id="pain-is-an-alarm").exists()
    assert_accessible(page)
    assert csp_errors == []


def test_complete_a_thought_record(page, live_server, csp_errors):
    patient = sign_in(page, live_server, "Sam")
    open_learn(page)
    page.get_by_role("link", name="Thought records").click()
    assert_accessible(page)
    page.get_by_role("link", name="Start a thought record").click()
    assert_accessible(page)
    page.get_by_label("What happened?").fill("Had to leave the party early")
    page.get_by_label("What went through your mind?").fill(
        "Everyone thinks I'm boring and it will only get worse"
    )
    page.get_by_label("Feeling 1", exact=True).fill("ashamed")
    page.get_by_label("How strong is feeling 1? (0-100)").fill("85")
    page.get_by_role("button", name="Next: look at the thought").click()

    expect(page.get_by_role("heading", name="Something you might check")).to_be_visible()
    expect(page.get_by_text("Mind-reading")).to_be_visible()
    expect(page.get_by_text("Predicting the future")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("What does not fit with it?").fill("Two friends texted to check on me")
    page.get_by_label("A more balanced thought").fill("I left to look after myself; friends care.")
    page.get_by_label("How strong is “ashamed” now? (0-100)").fill("40")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("Looking at a hard thought takes courage")).to_be_visible()
    row = page.get_by_role("row", name="ashamed")
    expect(row).to_contain_text("85")
    expect(row).to_contain_text("40")
    assert_accessible(page)
    record = ThoughtRecord.objects.get(patient=patient)
    assert record.finished and record.feelings[0]["after"] == 40 and not record.shared
    assert csp_errors == []


def test_set_a_goal_through_the_rulers_and_shrink_it(page, live_server, csp_errors):
    patient = sign_in(page, live_server, "Kim")
    open_learn(page)
    page.get_by_role("link", name="My goals").click()
    assert_accessible(page)
    page.get_by_role("link", name="Set a goal").click()
    assert_accessible(page)
    page.get_by_label("What matters to you?").fill("Walking the dog with my daughter")
    page.get_by_label("What would you like to do?").fill("walk around the park")
    page.get_by_label("How much each time?").fill("20")
    page.get_by_label("How often?").select_option("4")
    importance = page.get_by_role("group", name="How important is this to you right now?")
    importance.get_by_label("8", exact=True).click()
    confidence = page.get_by_role("group", name="How confident are you that you can do it?")
    confidence.get_by_label("5", exact=True).click()
    page.get_by_role("button", name="Next").click()

    expect(page.get_by_label("What makes it a 5 and not a 2?")).to_be_visible()
    expect(page.get_by_label("What would it take to move it up one, to a 6?")).to_be_visible()
    offer = page.get_by_role("group", name="Would a smaller step feel more doable?")
    expect(offer).to_be_visible()
    assert_accessible(page)
    page.get_by_label("What makes it a 5 and not a 2?").fill("I managed ten minutes last week")
    offer.get_by_label("Walk around the park, for 10 minutes, 4 times a week", exact=False).check()
    page.get_by_role("button", name="Save my goal").click()

    expect(page.get_by_text("Your goal is set")).to_be_visible()
    expect(page.get_by_text("Walk around the park, for 10 minutes, 4 times a week")).to_be_visible()
    assert_accessible(page)
    goal = Goal.objects.get(patient=patient)
    assert (goal.amount, goal.times_per_week, goal.status) == (10, 4, "active")
    assert csp_errors == []


def test_flare_kit_first_in_a_flare_and_the_practice_pages(page, live_server, csp_errors):
    patient = sign_in(page, live_server, "Lee")
    open_learn(page)
    page.get_by_role("link", name="My flare kit").click()
    assert_accessible(page)
    page.get_by_role("link", name="Write my flare kit").click()
    assert_accessible(page)
    page.get_by_label("What helps me in a flare").fill("Heat pack, short slow walks")
    page.get_by_label("Kind words to my future self").fill("This will pass. Be gentle.")
    page.get_by_role("button", name="Save my flare kit").click()
    expect(page.get_by_text("It will be here when you need it")).to_be_visible()
    assert_accessible(page)

    CheckIn.objects.create(patient=patient, local_date=timezone.localdate(), in_flare=True)
    page.get_by_role("link", name="My record").click()
    page.get_by_role("link", name="Open my flare kit").click()
    expect(page.get_by_text("This will pass. Be gentle.")).to_be_visible()
    open_learn(page)
    expect(page.get_by_role("heading", name="For today: your flare kit")).to_be_visible()

    page.get_by_role("link", name="Wellbeing practice").click()
    assert_accessible(page)
    page.get_by_role("link", name="Being kind to yourself").click()
    assert_accessible(page)
    page.get_by_label("My kind words to myself").fill("You are doing your best today.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved, just for you")).to_be_visible()
    page.get_by_role("link", name=timezone.localdate().strftime("%A")).first.click()
    page.get_by_role("button", name="Share with my care team").click()
    expect(page.get_by_text("Shared with your care team")).to_be_visible()
    assert_accessible(page)
    page.goto(live_server.url + f"/p/{patient.pk}/learn/shared/")
    assert_accessible(page)
    assert csp_errors == []
