"""Thought records on the web: write it, see gentle prompts, re-rate, see the change."""

from __future__ import annotations

from django.urls import reverse
from learn_helpers import thought_for

from pacewise.learn.models import ThoughtRecord

START = {
    "situation": "Couldn't finish the washing up",
    "thought": "I'm useless and it will only get worse",
    "feeling_1": "hopeless",
    "before_1": "85",
    "feeling_2": "frustrated",
    "before_2": "60",
}


def test_step_one_saves_and_goes_on_to_the_prompts(client, me):
    response = client.post(reverse("learn-thought-new", args=[me.pk]), START)
    record = ThoughtRecord.objects.get(patient=me)
    assert response.status_code == 302
    assert response["Location"] == reverse("learn-thought-finish", args=[me.pk, record.pk])
    assert record.feelings == [
        {"name": "hopeless", "before": 85, "after": None},
        {"name": "frustrated", "before": 60, "after": None},
    ]
    assert record.shared is False and record.finished is False


def test_step_two_shows_gentle_trap_prompts(client, me):
    record = thought_for(me, thought=START["thought"])
    page = client.get(reverse("learn-thought-finish", args=[me.pk, record.pk])).content.decode()
    assert "Something you might check" in page
    assert "All-or-nothing thinking" in page and "Predicting the future" in page
    assert "You might check whether" in page
    assert "you wrote “useless”" in page


def test_no_prompts_when_none_apply(client, me):
    record = thought_for(me, thought="My back ached on the bus")
    page = client.get(reverse("learn-thought-finish", args=[me.pk, record.pk])).content.decode()
    assert "Something you might check" not in page


def test_step_two_rerates_and_the_record_shows_the_change(client, me):
    record = thought_for(me)
    response = client.post(
        reverse("learn-thought-finish", args=[me.pk, record.pk]),
        {
            "evidence_for": "It hurts a lot today",
            "evidence_against": "Last flare eased in four days",
            "balanced_thought": "This is a hard day, and flares have passed before.",
            "after_1": "45",
        },
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.finished and record.feelings[0] == {"name": "worried", "before": 80, "after": 45}
    page = client.get(reverse("learn-thought", args=[me.pk, record.pk])).content.decode()
    assert "flares have passed before" in page
    assert "<td>80</td><td>45</td>" in page
    history = client.get(reverse("learn-thoughts", args=[me.pk])).content.decode()
    assert "worried: 80 → 45" in history


def test_a_feeling_needs_a_number(client, me):
    data = START | {"before_1": ""}
    response = client.post(reverse("learn-thought-new", args=[me.pk]), data)
    assert response.status_code == 200 and not ThoughtRecord.objects.exists()
    assert "Give it a number from 0 to 100." in response.content.decode()


def test_intensity_above_100_is_refused_kindly(client, me):
    response = client.post(reverse("learn-thought-new", args=[me.pk]), START | {"before_1": "150"})
    assert "Choose a number from 0 to 100." in response.content.decode()
    assert "Nothing you typed has been lost" in response.content.decode()


def test_re_rating_is_required_to_finish(client, me):
    record = thought_for(me)
    response = client.post(
        reverse("learn-thought-finish", args=[me.pk, record.pk]), {"balanced_thought": "Okay."}
    )
    assert response.status_code == 200
    record.refresh_from_db()
    assert not record.finished


def test_delete(client, me):
    record = thought_for(me)
    response = client.post(reverse("learn-thought-delete", args=[me.pk, record.pk]))
    assert response.status_code == 302 and not ThoughtRecord.objects.exists()


def test_another_persons_record_is_not_found(client, me, cast):
    other = thought_for(cast.other_patient.patient)
    url = reverse("learn-thought-finish", args=[me.pk, other.pk])
    assert client.get(url).status_code == 404


def test_writing_about_ending_life_brings_crisis_lines_and_stays_private(client, me):
    ordinary = client.post(reverse("learn-thought-new", args=[me.pk]), START, follow=True)
    assert "have to face this alone" not in ordinary.content.decode()
    worried = START | {"thought": "Everyone would be better off if I ended it all"}
    page = client.post(reverse("learn-thought-new", args=[me.pk]), worried, follow=True)
    body = page.content.decode()
    assert "have to face this alone" in body and "crisis-lines" in body
    assert "your care team sees it only if you share it" in body
    record = ThoughtRecord.objects.filter(patient=me).order_by("-created_at").first()
    assert record.shared is False  # nothing is shared on the person's behalf
    again = client.get(reverse("learn-thought", args=[me.pk, record.pk])).content.decode()
    assert "have to face this alone" in again


def test_a_journal_entry_about_self_harm_shows_help_on_the_page_that_follows(client, me):
    from pacewise.core.learn.positive import MODULES
    from pacewise.learn import mind_body
    from pacewise.learn.models import JournalEntry

    mind_body.add_journal_entry(me, MODULES[0].key, "A good walk, but I keep hurting myself")
    entry = JournalEntry.objects.get(patient=me)
    page = client.get(reverse("learn-journal-entry", args=[me.pk, entry.pk])).content.decode()
    assert "have to face this alone" in page
