"""The course for one person: start date, which lessons are open, reads, answers, suggestions.

The web pages and the API both call these functions, so each rule lives here once. The
unlock and suggestion rules themselves are pure (``pacewise.core.learn.lessons``); this module
loads and stores.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from django.http import Http404
from django.utils import timezone

from pacewise.core.errors import RuleError
from pacewise.core.learn.lessons import Lesson, Suggestion, suggest_lessons, unlock_date
from pacewise.core.text import text_problem
from pacewise.diary import days
from pacewise.diary.days import today_for
from pacewise.diary.models import CheckIn
from pacewise.insights.data import boom_bust_pattern

from .content import load_lessons
from .models import (
    Course,
    JournalEntry,
    LessonAnswer,
    LessonAssignment,
    LessonRead,
    ThoughtRecord,
)

#: Recent-context rules for suggestions (a few days of check-ins; plain thresholds).
CONTEXT_DAYS = 7
POOR_SLEEP_QUALITY = 3  # sleep quality 0-10 at or below this on a recent morning
HIGH_STRESS = 7  # stress 0-10 at or above this on a recent evening


class AnswerError(RuleError):
    """A lesson answer breaks a rule; `field` names the input."""


class AssignError(RuleError):
    """A lesson suggestion from the care team breaks a rule; `field` names the input."""


@cache
def lessons() -> tuple[Lesson, ...]:
    return load_lessons()


def lesson_or_404(lesson_id: str) -> Lesson:
    for lesson in lessons():
        if lesson.id == lesson_id:
            return lesson
    raise Http404("No such lesson.")




def start_date(patient, *, start: bool) -> date:
    """The day the person's course began. ``start=True`` begins it today (first visit)."""
    found = Course.objects.filter(patient=patient).values_list("started_on", flat=True).first()
    if found is not None:
        return found
    today = today_for(patient)
    if start:
        course, _ = Course.objects.get_or_create(patient=patient, defaults={"started_on": today})
        return course.started_on
    return today


@dataclass(frozen=True)
class LessonState:
    lesson: Lesson
    opens_on: date
    is_open: bool
    is_read: bool
    answered: int  # understanding checks answered


@dataclass(frozen=True)
class Overview:
    started_on: date
    this_week: LessonState | None
    open: tuple[LessonState, ...]
    locked: tuple[LessonState, ...]
    read_count: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.read_count / self.total) if self.total else 0


def overview(patient, *, start: bool = True) -> Overview:
    begun = start_date(patient, start=start)
    today = today_for(patient)
    read = set(LessonRead.objects.filter(patient=patient).values_list("lesson_id", flat=True))
    answered: dict[str, int] = {}
    for lesson_id in LessonAnswer.objects.filter(patient=patient).values_list(
        "lesson_id", flat=True
    ):
        answered[lesson_id] = answered.get(lesson_id, 0) + 1
    suggested = set(LessonAssignment.objects.filter(patient=patient)
                    .values_list("lesson_id", flat=True))  # fmt: skip
    states = [
        LessonState(
            lesson=lesson,
            opens_on=unlock_date(lesson, begun),
            is_open=unlock_date(lesson, begun) <= today or lesson.id in suggested,
            is_read=lesson.id in read,
            answered=answered.get(lesson.id, 0),
        )
        for lesson in lessons()
    ]
    open_states = tuple(s for s in states if s.is_open)
    return Overview(
        started_on=begun,
        this_week=open_states[-1] if open_states else None,
        open=open_states,
        locked=tuple(s for s in states if not s.is_open),
        read_count=sum(s.is_read for s in states),
        total=len(states),
    )


in_flare_today = days.in_flare_today  # the one home: pacewise.diary.days


def recent_topics(patient) -> list[str]:
    """Topics from the last week's own records that a lesson may help with."""
    since = today_for(patient) - timedelta(days=CONTEXT_DAYS)
    recent = CheckIn.objects.filter(patient=patient, local_date__gte=since, deleted_at=None)
    topics = []
    if recent.filter(sleep_quality__lte=POOR_SLEEP_QUALITY).exists():
        topics.append("sleep")
    if recent.filter(stress__gte=HIGH_STRESS).exists():
        topics.append("stress")
    if ThoughtRecord.objects.filter(patient=patient, local_date__gte=since).exists():
        topics.append("thoughts")
    if recent.filter(in_flare=True).count() >= 2:
        topics.append("setbacks")
    if names_boom_bust(patient):
        topics.append("boom-bust")
    return topics


def names_boom_bust(patient) -> bool:
    """Insights names a boom-bust pattern (big days followed by harder ones): the lesson on it
    is then suggested, and opens, whatever week of the course the person is in."""
    pattern = boom_bust_pattern(patient)
    return pattern.status == "ok" and pattern.harder > 0


def suggestions(patient, *, in_flare: bool) -> tuple[Suggestion, ...]:
    """The care team's unread suggestions first (each saying who and why), then the ones the
    person's own records give."""
    read = set(LessonRead.objects.filter(patient=patient).values_list("lesson_id", flat=True))
    own = suggest_lessons(
        lessons(), in_flare=in_flare, recent_topics=recent_topics(patient), read_ids=list(read)
    )
    team = [s for s in assigned(patient) if s.lesson.id not in read]
    chosen = {s.lesson.id for s in team}
    return tuple(team) + tuple(s for s in own if s.lesson.id not in chosen)


def assigned(patient) -> list[Suggestion]:
    """Lessons the care team suggested, newest first, one per lesson."""
    by_id = {lesson.id: lesson for lesson in lessons()}
    out, seen = [], set()
    for row in LessonAssignment.objects.filter(patient=patient):
        if row.lesson_id in seen or row.lesson_id not in by_id:
            continue
        seen.add(row.lesson_id)
        why = f"{row.signed} suggested this lesson for you" + (f": {row.note}" if row.note else ".")
        out.append(Suggestion(by_id[row.lesson_id], why))
    return out


def assign(grant, lesson_id: str, note: str = "") -> LessonAssignment:
    """A clinician suggests a lesson: it opens now and leads the person's suggestions."""
    if lesson_id not in {lesson.id for lesson in lessons()}:
        raise AssignError("lesson_id", "Choose a lesson from the course.")
    note = (note or "").strip()
    if len(note) > 300:
        raise AssignError("note", f"Keep the note under 300 characters ({len(note)} now).")
    problem = text_problem(note)
    if problem:
        raise AssignError("note", f"The note {problem}.")
    return LessonAssignment.objects.create(
        patient=grant.patient, lesson_id=lesson_id, clinic=grant.clinic, signed=grant.signed,
        note=note,
    )  # fmt: skip


def can_open(patient, lesson: Lesson) -> bool:
    """Open lessons, any lesson suggested right now (e.g. the flare lesson in a flare), and
    any lesson the care team suggested."""
    if unlock_date(lesson, start_date(patient, start=False)) <= today_for(patient):
        return True
    if LessonAssignment.objects.filter(patient=patient, lesson_id=lesson.id).exists():
        return True
    offered = suggestions(patient, in_flare=in_flare_today(patient))
    return any(s.lesson.id == lesson.id for s in offered)


def answers(patient, lesson: Lesson) -> dict[int, LessonAnswer]:
    rows = LessonAnswer.objects.filter(patient=patient, lesson_id=lesson.id)
    return {row.question: row for row in rows}


def answer(patient, lesson: Lesson, question: int, option: int) -> LessonAnswer:
    """Store the person's answer (1-based question and option); the latest answer counts."""
    if not 1 <= question <= len(lesson.questions):
        raise AnswerError("question", f"choose a question from 1 to {len(lesson.questions)}")
    options = lesson.questions[question - 1].options
    if not 1 <= option <= len(options):
        raise AnswerError("option", f"choose an answer from 1 to {len(options)}")
    row, _ = LessonAnswer.objects.update_or_create(
        patient=patient,
        lesson_id=lesson.id,
        question=question,
        defaults={
            "option": option,
            "correct": options[option - 1].correct,
            "answered_at": timezone.now(),
        },
    )
    return row


def feedback(lesson: Lesson, row: LessonAnswer) -> str:
    return lesson.questions[row.question - 1].options[row.option - 1].feedback


def mark_read(patient, lesson: Lesson) -> bool:
    """Mark a lesson read; False when it already was."""
    _, created = LessonRead.objects.get_or_create(patient=patient, lesson_id=lesson.id)
    return created


def practice_counts(patient) -> dict[str, int]:
    counts: dict[str, int] = {}
    for key in JournalEntry.objects.filter(patient=patient).values_list("module", flat=True):
        counts[key] = counts.get(key, 0) + 1
    return counts
