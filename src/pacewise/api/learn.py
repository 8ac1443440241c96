"""/api/patients/{id}/... for lessons and mind-body tools.

- Lessons: the course with each lesson's unlock state; answers to the understanding checks.
- Thought records: private to the person. A sharing clinician may read one only after the
  person has shared that record (`shared: true`); otherwise 403, as on the web.
- Goals: list and create. With confidence below 7 the create is refused (422) until the
  client either picks one of the offered `smaller_version`s or sends `keep_as_is: true`.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from pydantic import BeforeValidator

from pacewise.accounts.access import Role, api_grant
from pacewise.core.errors import RuleError
from pacewise.core.learn.goals import (
    UNITS,
    GoalDraft,
    goal_sentence,
    needs_shrinking,
    smaller_versions,
)
from pacewise.learn import course, mind_body
from pacewise.learn.models import Goal, LessonAssignment, ThoughtRecord
from pacewise.learn.privacy import grant_for_entry

from .errors import ApiError
from .outcomes import CrisisLine
from .schemas import Body, whole

router = Router(tags=["learn"])
TEXT = 2000


def _strict_bool(value):
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


Ruler = whole(0, 10)
Intensity = whole(0, 100)
LaterIntensity = whole(0, 100, optional=True)
QuestionNumber = whole(1, 3)
OptionNumber = whole(1, 5)
GoalAmount = whole(1, 500)
TimesPerWeek = whole(1, 7)
SmallerVersion = whole(1, 3, optional=True)
Flag = Annotated[bool, BeforeValidator(_strict_bool)]


# --- Lessons ------------------------------------------------------------------------------


class LessonOut(Schema):
    id: str
    title: str
    week: int
    order: int
    minutes: int
    summary: str
    topics: list[str]
    questions: int
    opens_on: date
    is_open: bool
    is_read: bool
    answered: int


class CourseOut(Schema):
    started_on: date
    read_count: int
    total: int
    lessons: list[LessonOut]


class AnswerIn(Body):
    question: QuestionNumber = Field(description="1-based question number")
    option: OptionNumber = Field(description="1-based option number")


class AnswerOut(Schema):
    question: int
    option: int
    correct: bool
    feedback: str
    answered_at: datetime


@router.get("/patients/{patient_id}/lessons", response=CourseOut, operation_id="list_lessons")
def list_lessons(request, patient_id: uuid.UUID):
    """The course, every lesson with its unlock date and the person's progress.

    Sharing clinicians may read it; the person's first visit starts their course."""
    grant = api_grant(request, patient_id, "api-lessons")
    view = course.overview(grant.patient, start=grant.is_owner)
    states = view.open + view.locked
    return {
        "started_on": view.started_on,
        "read_count": view.read_count,
        "total": view.total,
        "lessons": [
            {
                **{k: getattr(s.lesson, k) for k in ("id", "title", "week", "order", "minutes")},
                "summary": s.lesson.summary,
                "topics": list(s.lesson.topics),
                "questions": len(s.lesson.questions),
                "opens_on": s.opens_on,
                "is_open": s.is_open,
                "is_read": s.is_read,
                "answered": s.answered,
            }
            for s in states
        ],
    }


def _answer_out(lesson, row):
    return {
        "question": row.question,
        "option": row.option,
        "correct": row.correct,
        "feedback": course.feedback(lesson, row),
        "answered_at": row.answered_at,
    }


@router.get(
    "/patients/{patient_id}/lessons/{lesson_id}/answers",
    response=list[AnswerOut],
    operation_id="list_lesson_answers",
)
def list_lesson_answers(request, patient_id: uuid.UUID, lesson_id: str):
    """The person's latest answer to each understanding check of a lesson (owner only)."""
    grant = api_grant(request, patient_id, "api-lesson-answers", role=Role.OWNER)
    lesson = course.lesson_or_404(lesson_id)
    answers = course.answers(grant.patient, lesson)
    return [_answer_out(lesson, answers[q]) for q in sorted(answers)]


@router.post(
    "/patients/{patient_id}/lessons/{lesson_id}/answers",
    response=AnswerOut,
    operation_id="answer_lesson_question",
)
def answer_lesson_question(request, patient_id: uuid.UUID, lesson_id: str, payload: AnswerIn):
    """Answer one understanding check; the reply carries the kind feedback for that answer."""
    grant = api_grant(request, patient_id, "api-lesson-answers", write=True, role=Role.OWNER)
    lesson = course.lesson_or_404(lesson_id)
    if not course.can_open(grant.patient, lesson):
        raise RuleError("lesson_id", "this lesson has not opened yet")
    row = course.answer(grant.patient, lesson, payload.question, payload.option)
    return _answer_out(lesson, row)


# --- Thought records -----------------------------------------------------------------------


class FeelingIn(Body):
    name: str = Field(min_length=1, max_length=40)
    before: Intensity
    after: LaterIntensity = None


class ThoughtIn(Body):
    situation: str = Field(min_length=1, max_length=TEXT)
    thought: str = Field(min_length=1, max_length=TEXT)
    feelings: list[FeelingIn] = Field(min_length=1, max_length=3)
    evidence_for: str = Field("", max_length=TEXT)
    evidence_against: str = Field("", max_length=TEXT)
    balanced_thought: str = Field("", max_length=TEXT)
    shared: Flag = False


class TrapOut(Schema):
    key: str
    name: str
    prompt: str
    phrase: str


class ThoughtOut(Schema):
    id: uuid.UUID
    local_date: date
    situation: str
    thought: str
    feelings: list[FeelingIn]
    evidence_for: str
    evidence_against: str
    balanced_thought: str
    shared: bool
    finished: bool
    traps: list[TrapOut]
    created_at: datetime
    updated_at: datetime
    crisis_lines: list[CrisisLine] = Field(
        description="For the person, when their words are about ending their life or "
        "self-harm: the crisis lines for their country, to show at once (else empty; the "
        "record stays private all the same)."
    )


def _thought_out(record: ThoughtRecord, owner: bool = True) -> dict:
    out = {name: getattr(record, name) for name in ThoughtOut.model_fields
           if name not in ("traps", "crisis_lines")}  # fmt: skip
    out["traps"] = [hit.__dict__ for hit in mind_body.traps_in(record)]
    worry = mind_body.thought_worry(record) if owner else None
    out["crisis_lines"] = worry.as_api() if worry else []
    return out


def _thought_values(payload: ThoughtIn) -> dict:
    return payload.model_dump()


@router.get(
    "/patients/{patient_id}/thoughts", response=list[ThoughtOut], operation_id="list_thoughts"
)
def list_thoughts(request, patient_id: uuid.UUID):
    """The person's thought records, newest first (owner only)."""
    grant = api_grant(request, patient_id, "api-thoughts", role=Role.OWNER)
    return [_thought_out(r) for r in ThoughtRecord.objects.filter(patient=grant.patient)[:500]]


@router.post(
    "/patients/{patient_id}/thoughts",
    response={201: ThoughtOut},
    operation_id="create_thought",
)
def create_thought(request, patient_id: uuid.UUID, payload: ThoughtIn):
    """Write a thought record; the reply lists thinking-trap prompts found in the thought."""
    grant = api_grant(request, patient_id, "api-thoughts", write=True, role=Role.OWNER)
    record = mind_body.save_thought(grant.patient, _thought_values(payload))
    return Status(201, _thought_out(record))


@router.get(
    "/patients/{patient_id}/thoughts/{entry_id}",
    response=ThoughtOut,
    operation_id="get_thought",
)
def get_thought(request, patient_id: uuid.UUID, entry_id: uuid.UUID):
    """One thought record: the person, or a sharing clinician once the person has shared it."""
    grant = grant_for_entry(request, patient_id, ThoughtRecord, {"pk": entry_id}, via="api")
    record = get_object_or_404(ThoughtRecord, pk=entry_id, patient_id=patient_id)
    return _thought_out(record, owner=grant.is_owner)


@router.put(
    "/patients/{patient_id}/thoughts/{entry_id}",
    response=ThoughtOut,
    operation_id="update_thought",
)
def update_thought(request, patient_id: uuid.UUID, entry_id: uuid.UUID, payload: ThoughtIn):
    """Replace a thought record's contents (owner only)."""
    grant = api_grant(request, patient_id, "api-thoughts", write=True, role=Role.OWNER)
    record = get_object_or_404(ThoughtRecord, pk=entry_id, patient=grant.patient)
    return _thought_out(mind_body.save_thought(grant.patient, _thought_values(payload), record))


@router.delete(
    "/patients/{patient_id}/thoughts/{entry_id}",
    response={204: None},
    operation_id="delete_thought",
)
def delete_thought(request, patient_id: uuid.UUID, entry_id: uuid.UUID):
    """Delete a thought record for good (owner only)."""
    grant = api_grant(request, patient_id, "api-thoughts", write=True, role=Role.OWNER)
    get_object_or_404(ThoughtRecord, pk=entry_id, patient=grant.patient).delete()
    return Status(204, None)


# --- Goals ---------------------------------------------------------------------------------


class GoalIn(Body):
    value: str = Field("", max_length=TEXT, description="What matters to the person")
    what: str = Field(min_length=1, max_length=120)
    amount: GoalAmount
    unit: str = Field(
        description=f"One of: {', '.join(UNITS)}", json_schema_extra={"enum": list(UNITS)}
    )
    times_per_week: TimesPerWeek
    by_date: date
    activity: str = Field("", max_length=60, description="A diary activity this goal counts")
    importance: Ruler
    confidence: Ruler
    importance_why: str = Field("", max_length=TEXT)
    confidence_why: str = Field("", max_length=TEXT)
    confidence_lift: str = Field("", max_length=TEXT)
    smaller_version: SmallerVersion = Field(
        None, description="With confidence below 7: which smaller version to save (1-based)"
    )
    keep_as_is: Flag = Field(False, description="With confidence below 7: save it unchanged")


class GoalOut(Schema):
    id: uuid.UUID
    sentence: str
    value: str
    what: str
    amount: int
    unit: str
    times_per_week: int
    by_date: date
    activity: str
    importance: int
    confidence: int
    status: str
    started_on: date
    created_at: datetime


def _goal_out(goal: Goal) -> dict:
    out = {name: getattr(goal, name) for name in GoalOut.model_fields if name != "sentence"}
    out["sentence"] = goal_sentence(goal.draft())
    return out


@router.get("/patients/{patient_id}/goals", response=list[GoalOut], operation_id="list_goals")
def list_goals(request, patient_id: uuid.UUID):
    """The person's goals, newest first (owner only; goals being set are left out)."""
    grant = api_grant(request, patient_id, "api-goals", role=Role.OWNER)
    rows = Goal.objects.filter(patient=grant.patient).exclude(status=Goal.Status.DRAFT)
    return [_goal_out(g) for g in rows[:200]]


@router.post("/patients/{patient_id}/goals", response={201: GoalOut}, operation_id="create_goal")
def create_goal(request, patient_id: uuid.UUID, payload: GoalIn):
    """Set a goal. Below 7 confidence, first offer the smaller versions named in the 422."""
    grant = api_grant(request, patient_id, "api-goals", write=True, role=Role.OWNER)
    draft = GoalDraft(
        what=payload.what,
        amount=payload.amount,
        unit=payload.unit,
        times_per_week=payload.times_per_week,
        by_date=payload.by_date,
        activity=payload.activity,
    )
    undecided = not payload.keep_as_is and payload.smaller_version is None
    if needs_shrinking(payload.confidence) and undecided:
        versions = enumerate(smaller_versions(draft), start=1)
        offers = " ".join(f"{i}: {goal_sentence(v)}" for i, v in versions)
        raise ApiError(
            422,
            "Confidence is below 7: a smaller step may feel more doable.",
            [
                {
                    "field": "smaller_version",
                    "message": f"choose one ({offers}) or send keep_as_is: true",
                }
            ],
        )
    answers = payload.model_dump(include={"importance_why", "confidence_why", "confidence_lift"})
    version = 0 if payload.keep_as_is else (payload.smaller_version or 0)
    with transaction.atomic():
        goal = mind_body.start_goal(
            grant.patient,
            draft,
            value=payload.value,
            importance=payload.importance,
            confidence=payload.confidence,
        )
        goal = mind_body.confirm_goal(goal, answers=answers, version=version)
    return Status(201, _goal_out(goal))


class SuggestIn(Body):
    lesson_id: str = Field(max_length=80, description="A lesson's id, as list_lessons gives it.")
    note: str = Field("", max_length=300, description="Why (the person sees it).")


class SuggestedOut(Schema):
    lesson_id: str
    signed: str = Field(description="Who suggested it: name, role, clinic.")
    note: str
    assigned_at: datetime


@router.get(
    "/patients/{patient_id}/lessons/suggested",
    response=list[SuggestedOut],
    operation_id="list_suggested_lessons",
)
def list_suggested(request, patient_id: uuid.UUID):
    """Lessons the care team suggested, newest first."""
    grant = api_grant(request, patient_id, "api-lessons")
    return list(LessonAssignment.objects.filter(patient=grant.patient)[:100])


@router.post(
    "/patients/{patient_id}/lessons/suggested",
    response={201: SuggestedOut},
    operation_id="suggest_lesson",
)
def suggest_lesson(request, patient_id: uuid.UUID, payload: SuggestIn):
    """Suggest a lesson: it opens for the person at once and leads their suggestions with
    the clinician's name and note. Sharing clinicians only."""
    grant = api_grant(request, patient_id, "api-lessons", write=True, role=Role.CLINICIAN)
    return Status(201, course.assign(grant, payload.lesson_id, payload.note))
