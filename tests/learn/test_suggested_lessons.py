"""Lessons the care team suggests: open at once, first among the person's suggestions with
who suggested it and why, until read; web and API through learn.course.assign."""

import json

from django.urls import reverse

from cast import bearer
from pacewise.learn import course
from pacewise.learn.models import LessonAssignment

LATE = next(lesson for lesson in course.lessons() if lesson.week >= 8)


def test_a_suggested_lesson_opens_and_leads_the_persons_suggestions(client, cast):
    client.force_login(cast.sharing_clinician)
    url = reverse("learn-suggest", args=[cast.record.pk])
    response = client.post(url, {"lesson_id": LATE.id, "note": "Ties in with what we discussed"})
    assert response.status_code == 302
    client.force_login(cast.patient)
    home = client.get(reverse("learn-home", args=[cast.record.pk])).content.decode()
    first = home.index("Suggested for you")
    assert home.index(LATE.title, first) < home.index("Your pain-science course")
    assert "Ties in with what we discussed" in home
    assert client.get(reverse("learn-lesson", args=[cast.record.pk, LATE.id])).status_code == 200
    client.post(reverse("learn-read", args=[cast.record.pk, LATE.id]))
    assert all(s.lesson.id != LATE.id for s in course.suggestions(cast.record, in_flare=False))


def test_an_unknown_lesson_or_a_long_note_is_refused_and_the_note_kept(client, cast):
    client.force_login(cast.sharing_clinician)
    url = reverse("learn-suggest", args=[cast.record.pk])
    response = client.post(url, {"lesson_id": "no-such-lesson", "note": "Worth a look"})
    body = response.content.decode()
    assert response.status_code == 400 and "Choose a lesson from the course." in body
    assert 'value="Worth a look"' in body
    response = client.post(url, {"lesson_id": LATE.id, "note": "x" * 301})
    assert response.status_code == 400 and "under 300 characters" in response.content.decode()
    assert not LessonAssignment.objects.exists()


def test_the_api_suggests_through_the_same_rule(client, cast):
    url = f"/api/patients/{cast.record.pk}/lessons/suggested"
    made = client.post(url, json.dumps({"lesson_id": LATE.id}), content_type="application/json",
                       **bearer(cast.sharing_clinician))  # fmt: skip
    assert made.status_code == 201 and made.json()["signed"].endswith("Harbour Physio")
    course_api = client.get(f"/api/patients/{cast.record.pk}/lessons", **bearer(cast.patient))
    late = next(x for x in course_api.json()["lessons"] if x["id"] == LATE.id)
    assert late["is_open"] is True
    bad = client.post(url, json.dumps({"lesson_id": "nope"}), content_type="application/json",
                      **bearer(cast.sharing_clinician))  # fmt: skip
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "lesson_id"
