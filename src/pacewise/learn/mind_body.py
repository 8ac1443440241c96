"""Writing mind-body records: the flare kit, thought records, practice entries and goals.

The web pages and the API both call these functions, so every rule lives here once (the pure
rules themselves are in ``pacewise.core.learn.goals``, ``positive`` and ``thinking_traps``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from pacewise.accounts.crisis import CrisisHelp, help_for_patient
from pacewise.core.errors import RuleError
from pacewise.core.learn import positive
from pacewise.core.learn.goals import GoalDraft, check_goal, smaller_versions
from pacewise.core.learn.thinking_traps import TrapHit, find_traps
from pacewise.core.safety.crisis_words import SHOWN_HOURS, mentions_self_harm

from .course import practice_counts, start_date, today_for
from .models import FlareKit, Goal, GoalReflection, JournalEntry, ThoughtRecord

FLARE_KIT_FIELDS = ("helps", "avoid", "contacts", "kind_words", "shared")
THOUGHT_FIELDS = (
    "situation",
    "thought",
    "feelings",
    "evidence_for",
    "evidence_against",
    "balanced_thought",
    "shared",
)


class RecordError(RuleError):
    """A value breaks a rule; ``field`` names it."""


def save_flare_kit(patient, values: dict) -> FlareKit:
    kit = FlareKit.objects.filter(patient=patient).first() or FlareKit(patient=patient)
    for name in FLARE_KIT_FIELDS:
        if name in values:
            setattr(kit, name, values[name])
    kit.updated_at = timezone.now()
    kit.save()
    return kit


def check_feelings(feelings: list[dict]) -> None:
    if not feelings:
        raise RecordError("feelings", "name at least one feeling")
    if len(feelings) > 3:
        raise RecordError("feelings", "name at most three feelings")
    for feeling in feelings:
        for key in ("before", "after"):
            value = feeling.get(key)
            if value is not None and not 0 <= value <= 100:
                raise RecordError("feelings", "intensities are from 0 to 100")


def save_thought(patient, values: dict, record: ThoughtRecord | None = None) -> ThoughtRecord:
    """Create or change a thought record. It is finished once it has a balanced thought and
    every feeling has been re-rated."""
    if "feelings" in values:
        check_feelings(values["feelings"])
    now = timezone.now()
    if record is None:
        record = ThoughtRecord(patient=patient, local_date=today_for(patient), created_at=now)
    for name in THOUGHT_FIELDS:
        if name in values:
            setattr(record, name, values[name])
    if not record.situation.strip() or not record.thought.strip():
        raise RecordError("thought" if record.situation.strip() else "situation", "fill this in")
    record.finished = bool(record.balanced_thought.strip()) and all(
        f.get("after") is not None for f in record.feelings
    )
    record.updated_at = now
    record.save()
    return record


def traps_in(record: ThoughtRecord) -> tuple[TrapHit, ...]:
    """Thinking traps in the person's automatic thought (the situation is facts, not read)."""
    return find_traps(record.thought)


def module_week(patient) -> int:
    """Week of the practice sequence (1-based), counted from the course start."""
    days = (today_for(patient) - start_date(patient, start=True)).days
    return days // 7 + 1


def add_journal_entry(patient, module_key: str, text: str, *, shared=False) -> JournalEntry:
    if module_key not in positive.KEYS:
        raise RecordError("module", "choose one of the practice exercises")
    if not positive.is_open(module_key, practice_counts(patient), module_week(patient)):
        raise RecordError("module", "this exercise opens after the earlier ones")
    if not text.strip():
        raise RecordError("text", "write a few words")
    return JournalEntry.objects.create(
        patient=patient,
        module=module_key,
        text=text,
        shared=shared,
        local_date=today_for(patient),
    )


def _raise_problems(draft: GoalDraft, today) -> None:
    problems = check_goal(draft, today)
    if problems:
        raise RecordError(problems[0].field, problems[0].message)


def start_goal(patient, draft: GoalDraft, *, value: str, importance: int, confidence: int) -> Goal:
    """A goal being set: stored as a draft until the person has seen the follow-up questions."""
    today = today_for(patient)
    _raise_problems(draft, today)
    for name, score in (("importance", importance), ("confidence", confidence)):
        if not 0 <= score <= 10:
            raise RecordError(name, "choose a number from 0 to 10")
    return Goal.objects.create(
        patient=patient,
        value=value,
        what=draft.what,
        amount=draft.amount,
        unit=draft.unit,
        times_per_week=draft.times_per_week,
        by_date=draft.by_date,
        activity=draft.activity,
        importance=importance,
        confidence=confidence,
        started_on=today,
    )


@transaction.atomic
def confirm_goal(goal: Goal, *, answers: dict, version: int = 0) -> Goal:
    """Save the follow-up answers and, if chosen, a smaller version (1-based; 0 keeps it)."""
    if version:
        versions = smaller_versions(goal.draft())
        if not 1 <= version <= len(versions):
            raise RecordError("version", "choose one of the smaller versions")
        chosen = versions[version - 1]
        goal.amount, goal.times_per_week = chosen.amount, chosen.times_per_week
    for name in ("importance_why", "confidence_why", "confidence_lift"):
        if name in answers:
            setattr(goal, name, answers[name])
    goal.status = Goal.Status.ACTIVE
    goal.save()
    return goal


def reflect(goal: Goal, values: dict) -> GoalReflection:
    if not any(str(v).strip() for v in values.values()):
        raise RecordError("went_well", "write a few words in any of the boxes")
    return GoalReflection.objects.create(
        goal=goal, patient=goal.patient, local_date=today_for(goal.patient), **values
    )


def as_draft(goal: Goal, **changes) -> GoalDraft:
    return replace(goal.draft(), **changes)


def worry(patient, *texts: str) -> CrisisHelp | None:
    """Crisis lines to show at once when the person's own words are about ending their life
    or self-harm (core.safety.crisis_words); the entry stays private all the same."""
    return help_for_patient(patient) if any(mentions_self_harm(t or "") for t in texts) else None


def recent_worry(patient, entries) -> CrisisHelp | None:
    """``worry`` for journal entries written in the last day (the page that follows a save)."""
    since = timezone.now() - timedelta(hours=SHOWN_HOURS)
    return worry(patient, *(e.text for e in entries if e.created_at >= since))


def thought_worry(record: ThoughtRecord) -> CrisisHelp | None:
    """``worry`` over everything a thought record's writer put in words (web and API alike)."""
    return worry(record.patient, record.situation, record.thought, record.balanced_thought)
