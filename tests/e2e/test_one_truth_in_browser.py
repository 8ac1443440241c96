"""One prescription a day, on a phone (390x844), with axe: a twice-weekly exercise rests the
day after its session on Today and the session player counts Today's amount; a diary import
is a page the person can leave and come back to.

Screenshots go to $PACEWISE_SCREENSHOTS when it is set (to look at the pages by eye)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from e2e_helpers import assert_accessible
from playwright.sync_api import expect

from cast import PASSWORD, make_user
from clock import at_instant
from pacewise.diary.models import ActivitySession, CheckIn
from pacewise.plans import programs
from pacewise.plans.onboarding import STEPS, onboarding_for, save_step

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
MONDAY = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
TUESDAY = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)


def _shot(page, name):
    folder = os.environ.get("PACEWISE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _sign_in(page, live_server, user):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("link", name="Today", exact=True)).to_be_visible()


def _person_with_a_program():
    user = make_user("sam@example.com", patient=True, display_name="Sam", time_zone="UTC")
    onboarding = onboarding_for(user.patient)
    values = {
        "conditions": ["low_back"], "fatigue_dominant": False, "locations": ["lower_back"],
        "limitations": [], "equipment": ["chair", "wall", "towel"], "likes": [],
        "dislikes": [], "current_activity": [], "goals": "",
    }  # fmt: skip
    for step in STEPS:
        save_step(onboarding, step, {f: values[f] for f in step.fields})
    actor = programs.Actor(user, "Sam", by_clinician=False)
    program = programs.build_for(user.patient, actor)
    return user, program


def test_a_twice_weekly_exercise_rests_after_its_day_and_the_player_counts_todays_amount(
    page, live_server, csp_errors
):
    user, program = _person_with_a_program()
    strength = next(i for i in programs.active_items(program) if i.sessions_per_week == 2)
    name = programs.exercise_name(strength.exercise_id)
    CheckIn.objects.create(patient=user.patient, local_date=MONDAY.date(), pain_avg=3)
    ActivitySession.objects.create(
        patient=user.patient, local_date=MONDAY.date(), activity=name,
        sets=strength.sets or 1, reps=strength.reps or 5, minutes=strength.minutes,
        planned_item=strength.exercise_id,
    )  # fmt: skip
    with at_instant(TUESDAY):
        _sign_in(page, live_server, user)
        page.goto(f"{live_server.url}/p/{user.patient.pk}/today/")
        expect(page.get_by_role("heading", name="Not today")).to_be_visible()
        expect(page.get_by_text("A rest day for this one")).to_be_visible()
        assert page.get_by_role("heading", name=name, exact=True).count() == 0  # no card
        for choice in ("Easier today", "I'm in a flare"):  # many cards: choices come first
            box = page.get_by_role("button", name=choice).bounding_box()
            assert box["y"] + box["height"] <= PHONE["height"] * 1.25, (choice, box)
        assert_accessible(page)
        _shot(page, "today-not-today")
        page.goto(f"{live_server.url}/p/{user.patient.pk}/program/")
        page.get_by_role("button", name="Start today's session").click()
        expect(page.get_by_text("Today:", exact=False).first).to_be_visible()
        assert name not in page.get_by_role("heading", level=1).inner_text()
        assert_accessible(page)
        _shot(page, "player-today")
    assert csp_errors == []


def test_an_import_can_be_left_and_its_report_read_on_return(
    page, live_server, csp_errors, tmp_path
):
    user = make_user("ira@example.com", patient=True, display_name="Ira")
    _sign_in(page, live_server, user)
    page.goto(f"{live_server.url}/p/{user.patient.pk}/diary/import/")
    rows = ["Date,Pain,Notes"] + [f"2026-11-{d:02d},{d % 10},day {d}" for d in range(1, 29)]
    rows.append("not a date,4,x")
    path = tmp_path / "other.csv"
    path.write_text("\n".join(rows) + "\n")
    page.get_by_label("Diary file (CSV)").set_input_files(str(path))
    page.get_by_label("Another app or a spreadsheet").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("Your file is saved and waiting to start")).to_be_visible()
    assert_accessible(page)
    _shot(page, "import-waiting")
    job_page = page.url
    page.goto(f"{live_server.url}/p/{user.patient.pk}/today/")  # the person leaves
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    page.goto(job_page)
    expect(page.get_by_text("Imported 28 new entries")).to_be_visible()
    expect(page.get_by_role("cell", name="30", exact=True)).to_be_visible()  # the bad line
    assert_accessible(page)
    _shot(page, "import-report")
    assert csp_errors == []
