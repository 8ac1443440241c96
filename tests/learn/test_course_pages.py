"""The course on the web: the learn page, a lesson, its checks with kind feedback, mark as read."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from pacewise.diary.models import CheckIn
from pacewise.learn.course import lessons
from pacewise.learn.models import Course, LessonAnswer, LessonRead

FIRST = "pain-is-an-alarm"
FLARE_LESSON = "flare-ups-happen-and-pass"


def test_first_visit_starts_the_course_today(client, me):
    response = client.get(reverse("learn-home", args=[me.pk]))
    assert response.status_code == 200
    assert Course.objects.get(patient=me).started_on == timezone.localdate()
    page = response.content.decode()
    assert "This week's lesson" in page and "Pain is an alarm" in page
    assert "Lessons read: 0 of 24" in page
    assert "Coming up: 23 more lessons" in page


def test_a_later_visit_keeps_the_start_date(client, me):
    Course.objects.create(patient=me, started_on=timezone.localdate() - timedelta(days=10))
    page = client.get(reverse("learn-home", args=[me.pk])).content.decode()
    assert Course.objects.get(patient=me).started_on == timezone.localdate() - timedelta(days=10)
    # day 10: lessons 1-4 are open, this week's is "Why movement helps" (week 2, lesson 2)
    assert "Coming up: 20 more lessons" in page
    this_week = page.split("This week's lesson")[1].split("</h3>")[0]
    assert "Why movement helps" in this_week


def test_locked_lessons_show_their_opening_day(client, me):
    Course.objects.create(patient=me, started_on=timezone.localdate())
    page = client.get(reverse("learn-home", args=[me.pk])).content.decode()
    opens = timezone.localdate() + timedelta(days=3)
    assert f"opens {opens:%A} {opens.day} {opens:%B}" in page


def test_lesson_page_renders_markdown_safely(client, me):
    response = client.get(reverse("learn-lesson", args=[me.pk, FIRST]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h2>" in page and "<li>" in page and "##" not in page
    assert "Check your understanding" in page and "Mark as read" in page


def test_a_locked_lesson_says_when_it_opens(client, me):
    response = client.get(reverse("learn-lesson", args=[me.pk, "keeping-your-gains"]))
    assert response.status_code == 200
    assert "This lesson opens on" in response.content.decode()
    assert "Check your understanding" not in response.content.decode()


def test_an_unknown_lesson_is_404(client, me):
    assert client.get(reverse("learn-lesson", args=[me.pk, "no-such-lesson"])).status_code == 404


def _answer(client, me, lesson_id, question, option):
    url = reverse("learn-answer", args=[me.pk, lesson_id, question])
    return client.post(url, {f"q{question}-option": option})


def test_answering_stores_it_and_shows_kind_feedback(client, me):
    lesson = next(x for x in lessons() if x.id == FIRST)
    wrong = next(i for i, o in enumerate(lesson.questions[0].options, 1) if not o.correct)
    response = _answer(client, me, FIRST, 1, wrong)
    assert response.status_code == 302 and response["Location"].endswith("#check-1")
    row = LessonAnswer.objects.get(patient=me, lesson_id=FIRST, question=1)
    assert (row.option, row.correct) == (wrong, False)
    page = client.get(reverse("learn-lesson", args=[me.pk, FIRST])).content.decode()
    assert "Here is another way to see it" in page
    feedback = lesson.questions[0].options[wrong - 1].feedback
    assert feedback.replace("'", "&#x27;").replace('"', "&quot;") in page
    for harsh in ("Wrong", "Incorrect", "failed"):
        assert harsh not in page


def test_answering_again_replaces_the_answer(client, me):
    lesson = next(x for x in lessons() if x.id == FIRST)
    right = next(i for i, o in enumerate(lesson.questions[0].options, 1) if o.correct)
    _answer(client, me, FIRST, 1, 3 if right != 3 else 2)
    _answer(client, me, FIRST, 1, right)
    row = LessonAnswer.objects.get(patient=me, lesson_id=FIRST, question=1)
    assert row.correct is True
    page = client.get(reverse("learn-lesson", args=[me.pk, FIRST])).content.decode()
    assert "That's it." in page


def test_an_empty_answer_asks_kindly(client, me):
    response = client.post(reverse("learn-answer", args=[me.pk, FIRST, 1]), {})
    assert response.status_code == 200
    assert "Choose an answer." in response.content.decode()
    assert not LessonAnswer.objects.exists()


def test_a_question_that_does_not_exist_is_404(client, me):
    assert _answer(client, me, FIRST, 9, 1).status_code == 404


def test_mark_as_read(client, me):
    response = client.post(reverse("learn-read", args=[me.pk, FIRST]))
    assert response.status_code == 302
    assert LessonRead.objects.filter(patient=me, lesson_id=FIRST).exists()
    page = client.get(reverse("learn-home", args=[me.pk])).content.decode()
    assert "Lessons read: 1 of 24" in page
    client.post(reverse("learn-read", args=[me.pk, FIRST]))
    assert LessonRead.objects.filter(patient=me).count() == 1


def test_in_a_flare_the_flare_lesson_is_suggested_and_can_be_opened_early(client, me, cast):
    CheckIn.objects.filter(patient=me).delete()
    CheckIn.objects.create(patient=me, local_date=timezone.localdate(), in_flare=True)
    page = client.get(reverse("learn-home", args=[me.pk])).content.decode()
    assert "Suggested for you" in page and "Why flare-ups happen" in page
    assert "You said you are in a flare" in page
    response = client.get(reverse("learn-lesson", args=[me.pk, FLARE_LESSON]))
    assert "Check your understanding" in response.content.decode()


def test_a_flare_earlier_today_counts_as_on_today_until_it_is_taken_back(client, me):
    """One rule with Today (pacewise.diary.days): a morning flare and a normal evening
    check-in make a flare day; taking the flare back on Today ends it everywhere."""
    now = timezone.now()
    CheckIn.objects.create(
        patient=me,
        local_date=timezone.localdate(),
        kind="flare",
        in_flare=True,
        entered_at=now - timedelta(hours=3),
    )
    CheckIn.objects.create(
        patient=me, local_date=timezone.localdate(), in_flare=False, entered_at=now
    )
    page = client.get(reverse("learn-home", args=[me.pk])).content.decode()
    assert "For today: your flare kit" in page
    client.post(reverse("today-flare-undo", args=[me.pk]))
    page = client.get(reverse("learn-home", args=[me.pk])).content.decode()
    assert "For today: your flare kit" not in page


def test_yesterdays_flare_does_not_count_today(client, me):
    yesterday = timezone.localdate() - timedelta(days=1)
    CheckIn.objects.create(patient=me, local_date=yesterday, in_flare=True)
    page = client.get(reverse("learn-home", args=[me.pk])).content.decode()
    assert "For today: your flare kit" not in page
