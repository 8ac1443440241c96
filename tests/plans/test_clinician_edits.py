"""A linked clinician adds, removes, swaps and doses exercises; the person sees who did it."""

from __future__ import annotations

from plans_helpers import program_for, url

from pacewise.plans import programs
from pacewise.plans.models import ProgramChange, ProgramItem


def _fitting_new(program, category="relaxation"):
    taken = set(programs.active_items(program).values_list("exercise_id", flat=True))
    return next(e for e in programs.library() if e.category == category and e.id not in taken)


def test_the_clinician_sees_edit_controls_and_the_person_does_not(client, cast):
    program_for(cast.record)
    client.force_login(cast.sharing_clinician)
    page = client.get(url("plans-program", cast.record)).content.decode()
    assert "Add an exercise" in page and "Save the dose" in page
    assert "Pat&#x27;s program" in page or "Pat's program" in page
    client.force_login(cast.patient)
    page = client.get(url("plans-program", cast.record)).content.decode()
    assert "Add an exercise" not in page and "Save the dose" not in page


def test_add_remove_swap_and_dose_are_listed_with_who_changed_it(client, cast):
    program = program_for(cast.record)
    client.force_login(cast.sharing_clinician)
    new = _fitting_new(program)
    client.post(
        url("plans-add", cast.record),
        {"exercise_id": new.id, "sessions_per_week": "3", "minutes": "4"},
    )
    added = ProgramItem.objects.get(exercise_id=new.id, removed_at__isnull=True)
    assert (added.minutes, added.sessions_per_week, added.added_by) == (4, 3, "clinician")
    first = programs.active_items(program).first()
    client.post(
        url("plans-dose", cast.record, item_id=first.pk),
        {"sessions_per_week": "2", "sets": "1", "reps": "6"}
        if first.minutes is None
        else {"sessions_per_week": "2", "minutes": "3"},
    )
    first.refresh_from_db()
    assert first.sessions_per_week == 2
    other = _fitting_new(program, "mobility")
    client.post(url("plans-swap", cast.record, item_id=first.pk), {"exercise_id": other.id})
    first.refresh_from_db()
    assert first.exercise_id == other.id and first.previous
    client.post(url("plans-remove", cast.record, item_id=added.pk))
    added.refresh_from_db()
    assert added.removed_at is not None
    kinds = list(ProgramChange.objects.filter(by_clinician=True).values_list("kind", flat=True))
    assert sorted(kinds) == ["added", "dose", "removed", "swapped"]
    client.force_login(cast.patient)
    page = client.get(url("plans-program", cast.record)).content.decode()
    assert "By Sharer (Harbour Physio)" in page
    assert f"Added {new.name}" in page and f"Removed {new.name}" in page
    assert "Changed by Sharer (Harbour Physio)" in page


def test_an_exercise_that_breaks_a_stated_limit_is_refused(client, cast):
    program = program_for(cast.record)  # painful wrists, no floor work
    client.force_login(cast.sharing_clinician)
    floor = next(e for e in programs.library() if e.needs_floor)
    response = client.post(
        url("plans-add", cast.record),
        {"exercise_id": floor.id, "sessions_per_week": "2", "sets": "1", "reps": "5"},
        follow=True,
    )
    assert "Not added: This exercise does not fit" in response.content.decode()
    assert not programs.active_items(program).filter(exercise_id=floor.id).exists()


def test_a_dose_needs_minutes_or_sets_and_reps(client, cast):
    program = program_for(cast.record)
    item = programs.active_items(program).first()
    client.force_login(cast.sharing_clinician)
    response = client.post(
        url("plans-dose", cast.record, item_id=item.pk), {"sessions_per_week": "2"}, follow=True
    )
    assert "Give the minutes, or both the sets and the reps." in response.content.decode()


def test_the_person_cannot_use_the_clinician_edits(client, cast):
    program = program_for(cast.record)
    item = programs.active_items(program).first()
    client.force_login(cast.patient)
    assert client.post(url("plans-remove", cast.record, item_id=item.pk)).status_code == 403
    item.refresh_from_db()
    assert item.removed_at is None
