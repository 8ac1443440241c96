"""Lessons suggested in context (pure): the flare lesson in a flare, then recent topics."""

from __future__ import annotations

from pacewise.core.learn.lessons import suggest_lessons
from pacewise.learn.content import load_lessons

LESSONS = load_lessons()


def ids(suggestions):
    return [s.lesson.id for s in suggestions]


def test_in_a_flare_the_flare_lesson_comes_first_even_if_read():
    found = suggest_lessons(LESSONS, in_flare=True, read_ids=["flare-ups-happen-and-pass"])
    assert ids(found) == ["flare-ups-happen-and-pass"]
    assert "flare" in found[0].reason


def test_no_flare_no_topics_no_suggestions():
    assert suggest_lessons(LESSONS, in_flare=False) == ()


def test_recent_topics_suggest_the_first_unread_lesson_on_each():
    found = suggest_lessons(LESSONS, in_flare=False, recent_topics=["sleep", "stress"])
    assert ids(found) == ["sleep-and-pain", "stress-mood-and-pain"]


def test_read_lessons_are_skipped_for_topics():
    found = suggest_lessons(
        LESSONS, in_flare=False, recent_topics=["stress"], read_ids=["stress-mood-and-pain"]
    )
    assert ids(found) == ["breathing-and-relaxation"]


def test_flare_first_then_topics_within_the_limit():
    found = suggest_lessons(LESSONS, in_flare=True, recent_topics=["thoughts", "sleep"], limit=2)
    assert ids(found) == ["flare-ups-happen-and-pass", "when-worry-runs-ahead"]


def test_unknown_topics_are_ignored_and_nothing_is_suggested_twice():
    found = suggest_lessons(LESSONS, in_flare=True, recent_topics=["flare", "nonsense"], limit=5)
    assert ids(found) == ["flare-ups-happen-and-pass"]


def test_every_suggestion_says_why():
    found = suggest_lessons(LESSONS, in_flare=True, recent_topics=["goals", "setbacks"], limit=3)
    assert len(found) == 3 and all(s.reason for s in found)
