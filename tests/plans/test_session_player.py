"""The guided session player: one exercise at a time, easier swaps, then the diary."""

from __future__ import annotations

import pytest
from plans_helpers import program_for, url

from pacewise.diary.models import ActivitySession
from pacewise.plans import programs
from pacewise.plans.models import GuidedSession, ProgramChange, ProgramItem
from pacewise.today import state as plan_state


@pytest.fixture
def session(client, me):
    program_for(me)
    response = client.post(url("plans-session-start", me))
    session = GuidedSession.objects.get()
    assert response["Location"] == url("plans-session", me, session_id=session.pk)
    return session


def current(session):
    session.refresh_from_db()
    return ProgramItem.objects.get(pk=session.item_ids[session.position])


def test_it_shows_one_exercise_with_steps_dose_and_large_controls(client, me, session):
    item = current(session)
    exercise = programs.library().get(item.exercise_id)
    page = client.get(url("plans-session", me, session_id=session.pk)).content.decode()
    assert f"Exercise 1 of {len(session.item_ids)}" in page
    dose = plan_state.session_dose(plan_state.load(me), item)
    assert exercise.steps[0] in page and f"Today: {dose.text}." in page
    assert "Done, next exercise" in page and "This hurts: give me the easier version" in page
    assert "pacewise/player.js" in page


def test_starting_again_the_same_day_continues_the_open_session(client, me, session):
    client.post(url("plans-session-start", me))
    assert GuidedSession.objects.count() == 1


def test_done_and_skip_move_on_and_the_end_asks_how_it_went(client, me, session):
    next_url = url("plans-session-next", me, session_id=session.pk)
    client.post(next_url, {"result": "done"})
    for _ in session.item_ids[1:]:
        client.post(next_url, {"result": "skip"})
    response = client.get(url("plans-session", me, session_id=session.pk))
    assert response["Location"] == url("plans-session-finish", me, session_id=session.pk)
    session.refresh_from_db()
    assert len(session.done) == 1 and len(session.skipped) == len(session.item_ids) - 1


def test_finishing_logs_each_done_exercise_in_the_diary(client, me, session):
    first = current(session)
    dose = plan_state.session_dose(plan_state.load(me), first)  # what the player asked for
    client.post(url("plans-session-next", me, session_id=session.pk), {"result": "done"})
    response = client.post(
        url("plans-session-finish", me, session_id=session.pk),
        {"pain_peak": "4", "effort": "3", "feeling": "as_expected"},
    )
    assert response["Location"] == url("diary-day", me, day=session.local_date.isoformat())
    entry = ActivitySession.objects.get(patient=me, planned_item=first.exercise_id)
    assert entry.activity == programs.exercise_name(first.exercise_id)
    assert (entry.pain_peak, entry.exertion) == (4, 3)
    assert (entry.minutes, entry.sets, entry.reps) == (dose.minutes, dose.sets, dose.reps)
    assert "About what I expected" in entry.note
    day = client.get(response["Location"]).content.decode()
    assert entry.activity in day
    # a finished session cannot be logged twice
    client.post(url("plans-session-finish", me, session_id=session.pk), {"pain_peak": "4"})
    assert ActivitySession.objects.filter(planned_item=first.exercise_id).count() == 1


def test_this_hurts_swaps_to_the_easier_version_for_future_sessions_and_undo_restores(
    client, me, session
):
    # find an exercise in the session that has an easier version
    item = current(session)
    before = item.exercise_id
    client.post(url("plans-session-easier", me, session_id=session.pk))
    item.refresh_from_db()
    assert item.previous and item.previous[-1]["exercise_id"] == before
    session.refresh_from_db()
    assert session.swaps and session.swaps[0]["from"] == before
    change = ProgramChange.objects.filter(kind="easier").get()
    assert change.actor.email == "pat@example.com" and not change.by_clinician
    page = client.get(url("plans-session", me, session_id=session.pk)).content.decode()
    if item.exercise_id != before:
        assert "This is an easier version of" in page
        program_page = client.get(url("plans-program", me)).content.decode()
        assert "Changed by you" in program_page
    response = client.post(
        url("plans-undo", me, item_id=item.pk),
        {"next": url("plans-session", me, session_id=session.pk)},
    )
    assert response["Location"] == url("plans-session", me, session_id=session.pk)
    item.refresh_from_db()
    assert item.exercise_id == before and not item.previous


def test_the_gentlest_version_at_its_smallest_says_skipping_is_fine(client, me, session):
    item = current(session)
    for _ in range(12):
        client.post(url("plans-session-easier", me, session_id=session.pk))
    item.refresh_from_db()
    page = client.get(url("plans-session", me, session_id=session.pk)).content.decode()
    assert "It is fine to skip it today" in page


def test_someone_elses_session_is_404(client, cast, me, session):
    client.force_login(cast.other_patient)
    response = client.get(url("plans-session", me, session_id=session.pk))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("choice", "words"),
    [("today-flare", "This is your flare plan"), ("today-easier", "You chose easier today")],
)
def test_the_player_asks_no_more_than_today_on_a_flare_or_easier_day(
    client, me, session, choice, words
):
    """One prescription a day: the player shows Today's lighter amount for the exercise."""
    page = client.get(url("plans-session", me, session_id=session.pk)).content.decode()
    assert "Stop there: that is today's plan" not in page
    item = current(session)
    usual = plan_state.session_dose(plan_state.load(me), item)
    client.post(url(choice, me), {})
    page = client.get(url("plans-session", me, session_id=session.pk)).content.decode()
    assert words in page and "Stop there: that is today's plan" in page
    lighter = plan_state.session_dose(plan_state.load(me), item)
    assert f"Today: {lighter.text}." in page
    # the counter counts today's amount, not the program's full sets
    counted = (lighter.minutes,) if lighter.minutes else (lighter.sets, lighter.reps)
    if lighter.minutes:
        assert f'data-minutes="{lighter.minutes}"' in page
        amounts = (lighter.minutes * lighter.bouts, usual.minutes * usual.bouts)
    else:
        assert f'data-reps="{lighter.reps}" data-sets="{lighter.sets}"' in page
        amounts = (lighter.sets * lighter.reps, usual.sets * usual.reps)
    # easier is about half; a flare deload stops at one whole set (the smallest bout)
    assert amounts[0] < amounts[1] if choice == "today-easier" else amounts[0] <= amounts[1]
    client.post(url("plans-session-next", me, session_id=session.pk), {"result": "done"})
    client.post(url("plans-session-finish", me, session_id=session.pk), {"pain_peak": "2"})
    entry = ActivitySession.objects.get(patient=me, planned_item=item.exercise_id)
    logged = (entry.minutes,) if lighter.minutes else (entry.sets, entry.reps)
    assert logged == counted  # the diary holds what was asked today
