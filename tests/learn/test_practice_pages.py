"""The positive-psychology sequence on the web: order, privacy, the hopeful future last."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from learn_helpers import journal_for

from pacewise.core.learn.positive import KEYS, MIN_PRACTICE
from pacewise.learn.models import Course, JournalEntry


def test_week_one_suggests_self_compassion(client, me):
    page = client.get(reverse("learn-practice", args=[me.pk])).content.decode()
    assert "You are in week 1" in page
    assert "Being kind to yourself" in page
    assert "Opens after you have tried being kind to yourself" in page


def test_writing_an_entry(client, me):
    url = reverse("learn-practice-module", args=[me.pk, "self-compassion"])
    page = client.get(url).content.decode()
    assert "How to do it" in page and "My kind words to myself" in page
    response = client.post(url, {"text": "It's okay to rest today."})
    assert response.status_code == 302
    entry = JournalEntry.objects.get(patient=me)
    assert (entry.module, entry.text, entry.shared) == (
        "self-compassion",
        "It's okay to rest today.",
        False,
    )


def test_best_self_is_closed_until_the_earlier_exercises_are_practised(client, me):
    Course.objects.create(patient=me, started_on=timezone.localdate() - timedelta(days=50))
    url = reverse("learn-practice-module", args=[me.pk, "best-self"])
    page = client.get(url).content.decode()
    assert "This one opens a little later" in page and "How to do it" not in page
    client.post(url, {"text": "A year from now..."})
    assert not JournalEntry.objects.filter(module="best-self").exists()
    for key in KEYS[:-1]:
        for _ in range(MIN_PRACTICE):
            journal_for(me, module=key)
    assert "How to do it" in client.get(url).content.decode()
    client.post(url, {"text": "A year from now, gardening again."})
    assert JournalEntry.objects.filter(module="best-self").count() == 1


def test_an_unknown_exercise_is_404(client, me):
    assert client.get(reverse("learn-practice-module", args=[me.pk, "nope"])).status_code == 404
