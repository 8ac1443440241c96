"""Writing diary entries: create (idempotent), update (version-checked), delete and restore.

The web pages and the API both call these functions, so every rule lives here once:
retrying a create with the same id never duplicates; an edit based on an old version is refused
with the current one; every change leaves a `Revision` with the values before it.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from pacewise.core.errors import RuleError
from pacewise.core.localtime import MAX_BACKFILL_DAYS, check_entry_day, today_in
from pacewise.core.text import text_problem

from .catalog import ACTIVITIES, catalog_key
from .models import ActivitySession, CheckIn, Revision, Tag

RESTORE_DAYS = 30
CHECKIN_FIELDS = (
    "kind",
    "pain_now",
    "pain_avg",
    "morning_pain",
    "fatigue",
    "sleep_hours",
    "sleep_quality",
    "stress",
    "mood",
    "in_flare",
    "locations",
    "note",
)
ACTIVITY_FIELDS = (
    "activity",
    "minutes",
    "sets",
    "reps",
    "exertion",
    "pain_before",
    "pain_peak",
    "pain_after",
    "note",
    "planned_item",
)
FIELDS = {CheckIn: CHECKIN_FIELDS, ActivitySession: ACTIVITY_FIELDS}
ENTRY_TYPE = {CheckIn: "checkin", ActivitySession: "activity"}


class EntryError(RuleError):
    """A value breaks a diary rule; `field` names it."""


class Conflict(Exception):
    """The entry changed since the writer last saw it (another device saved first)."""

    def __init__(self, current):
        super().__init__("This entry was changed elsewhere.")
        self.current = current


def snapshot(entry) -> dict:
    """The entry's values, JSON-safe, as kept in a revision."""
    values = {
        "local_date": entry.local_date.isoformat(),
        "entered_at": entry.entered_at.isoformat(),
    }
    for name in FIELDS[type(entry)]:
        value = getattr(entry, name)
        values[name] = float(value) if isinstance(value, Decimal) else value
    if isinstance(entry, CheckIn):
        values["tags"] = sorted(t.name for t in entry.tags.all())
    return values


def clean_tag_name(raw: str) -> str:
    name = " ".join(unicodedata.normalize("NFC", raw).split())
    if not name:
        raise EntryError("tags", "a tag cannot be empty")
    if len(name) > 40:
        raise EntryError("tags", "a tag can be at most 40 characters")
    if any(unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co"} for ch in name):
        raise EntryError("tags", "a tag cannot contain invisible or control characters")
    return name


def tags_for(patient, names) -> list[Tag]:
    """The person's tags by name, made when new. Two requests making the same new tag at
    once both get the one that won (the unique constraint decides, in a savepoint)."""
    tags = []
    for raw in dict.fromkeys(clean_tag_name(n) for n in names):
        tag = Tag.objects.filter(patient=patient, name__iexact=raw).first()
        if tag is None:
            try:
                with transaction.atomic():
                    tag = Tag.objects.create(patient=patient, name=raw)
            except IntegrityError:
                tag = Tag.objects.get(patient=patient, name__iexact=raw)
        tags.append(tag)
    return tags


def activity_identity(patient, name: str, *, new_ok: bool = True) -> str:
    """One identity per activity, whichever way it is written: a catalog key or label
    ("Walking" -> "walking"), else one of the person's own activities in any case, else
    (``new_ok``) a new one of their own. Without ``new_ok`` an unknown name is refused with
    the known ones, so nothing is stored that the plan would silently not count."""
    name = " ".join(name.split())
    key = catalog_key(name)
    if key:
        return key
    own = ActivitySession.objects.filter(patient=patient, activity__iexact=name)
    found = own.values_list("activity", flat=True).first()
    if found:
        return found
    if new_ok or not name:
        return name
    mine = ActivitySession.objects.filter(patient=patient).exclude(activity__in=ACTIVITIES)
    names = sorted(set(ACTIVITIES) | set(mine.values_list("activity", flat=True)))
    raise EntryError(
        "activity",
        f"{name!r} is not one of your activities; use one of: {', '.join(names)}, "
        "or send new_activity: true to add one of your own",
    )


def check_values(model, values: dict) -> None:
    """Rules that span fields (ranges are checked by the form or schema that read them), and
    the text rule (pacewise.core.text) for every text value, whichever way it came in."""
    for name, value in values.items():
        problem = text_problem(value) if isinstance(value, str) else None
        if problem:
            raise EntryError(name, problem)
    if model is ActivitySession:
        minutes, sets, reps = values.get("minutes"), values.get("sets"), values.get("reps")
        if (sets is None) != (reps is None):
            raise EntryError("reps" if reps is None else "sets", "give both sets and reps")
        if minutes is None and sets is None:
            raise EntryError("minutes", "give the minutes, or the sets and reps")
        if not (values.get("activity") or "").strip():
            raise EntryError("activity", "choose or type an activity")


def _revision(entry, action, actor, old_values):
    Revision.objects.create(
        patient=entry.patient,
        entry_type=ENTRY_TYPE[type(entry)],
        entry_id=entry.pk,
        version=entry.version,
        action=action,
        changed_by=actor,
        changed_by_label=actor.email if actor else "import",
        old_values=old_values,
    )


def _check_day(patient, local_date: date, entered_at: datetime | None, *, allow_old=False):
    now, zone = timezone.now(), patient.user.time_zone
    if allow_old:
        # A file import may bring years of history: only the future is refused, so the day is
        # checked as if it were the oldest one the back-fill limit allows.
        oldest = today_in(zone, now) - timedelta(days=MAX_BACKFILL_DAYS)
        local_date = max(local_date, oldest)
    problem = check_entry_day(local_date, now=now, zone=zone, entered_at=entered_at)
    if problem:
        raise EntryError(problem.field, problem.message)


@transaction.atomic
def create(
    model,
    patient,
    actor,
    *,
    values: dict,
    local_date: date,
    entered_at=None,
    entry_id=None,
    tags=(),
    allow_old=False,
    new_activity_ok=True,
):
    """Create an entry; with an `entry_id` already used by this patient, return that one.

    `allow_old=True` lifts the back-fill limit (MAX_BACKFILL_DAYS) for file imports of past
    diaries; future days are refused all the same. The web pages and the API never set it.
    """
    if entry_id is not None:
        existing = _stored(model, patient, entry_id)
        if existing is not None:
            return existing, False
    _check_day(patient, local_date, entered_at, allow_old=allow_old)
    if model is ActivitySession and "activity" in values:
        values = values | {
            "activity": activity_identity(patient, values["activity"], new_ok=new_activity_ok)
        }
    check_values(model, values)
    now = timezone.now()
    entry = model(
        patient=patient,
        local_date=local_date,
        # the device's own offset decided the day above; the instant is stored in UTC
        entered_at=entered_at.astimezone(UTC) if entered_at else now,
        created_at=now,
        updated_at=now,
        **values,
    )
    if entry_id is not None:
        entry.pk = entry_id
    try:
        with transaction.atomic():  # a savepoint: a retry racing this one may insert first
            entry.save(force_insert=True)
    except IntegrityError:
        existing = _stored(model, patient, entry_id) if entry_id is not None else None
        if existing is None:
            raise
        return existing, False
    if model is CheckIn and tags:
        entry.tags.add(*tags_for(patient, tags))  # a new entry has none: nothing to compare
    _revision(entry, Revision.Action.CREATE, actor, {})
    return entry, True


def _stored(model, patient, entry_id):
    """The entry already stored under a client's id, or None; another person's id is refused."""
    existing = model.objects.filter(pk=entry_id).first()
    if existing is not None and existing.patient_id != patient.pk:
        raise EntryError("id", "this id is already used; send a new UUID")
    return existing


def _locked(entry, expected_version):
    current = type(entry).objects.select_for_update().get(pk=entry.pk)
    if expected_version is not None and expected_version != current.version:
        raise Conflict(current)
    return current


@transaction.atomic
def update(
    entry,
    actor,
    *,
    values: dict,
    expected_version: int | None,
    local_date=None,
    tags=None,
    new_activity_ok=True,
):
    entry = _locked(entry, expected_version)
    if isinstance(entry, ActivitySession) and "activity" in values:
        values = values | {
            "activity": activity_identity(entry.patient, values["activity"], new_ok=new_activity_ok)
        }
    if entry.deleted_at is not None:
        raise EntryError("id", "this entry is deleted; restore it first")
    merged = {name: getattr(entry, name) for name in FIELDS[type(entry)]} | values
    check_values(type(entry), merged)
    if local_date is not None and local_date != entry.local_date:
        _check_day(entry.patient, local_date, None)
        entry.local_date = local_date
    old = snapshot(entry)
    for name, value in values.items():
        setattr(entry, name, value)
    entry.version += 1
    entry.updated_at = timezone.now()
    entry.save()
    if tags is not None and isinstance(entry, CheckIn):
        entry.tags.set(tags_for(entry.patient, tags))
    _revision(entry, Revision.Action.UPDATE, actor, old)
    return entry


@transaction.atomic
def delete(entry, actor, *, expected_version: int | None = None):
    entry = _locked(entry, expected_version)
    if entry.deleted_at is None:
        old = snapshot(entry)
        entry.deleted_at = timezone.now()
        entry.version += 1
        entry.save(update_fields=["deleted_at", "version"])
        _revision(entry, Revision.Action.DELETE, actor, old)
    return entry


@transaction.atomic
def restore(entry, actor):
    entry = _locked(entry, None)
    if entry.deleted_at is None:
        return entry
    if entry.deleted_at < timezone.now() - timedelta(days=RESTORE_DAYS):
        raise EntryError("id", f"deleted more than {RESTORE_DAYS} days ago; it cannot be restored")
    old = snapshot(entry)
    entry.deleted_at = None
    entry.version += 1
    entry.save(update_fields=["deleted_at", "version"])
    _revision(entry, Revision.Action.RESTORE, actor, old)
    return entry


def purge_deleted(now: datetime | None = None) -> int:
    """Really remove entries deleted more than 30 days ago (run daily: `pacewise purge-deleted`)."""
    cutoff = (now or timezone.now()) - timedelta(days=RESTORE_DAYS)
    removed = 0
    for model in (CheckIn, ActivitySession):
        old = model.objects.filter(deleted_at__lt=cutoff)
        ids = list(old.values_list("pk", flat=True))
        Revision.objects.filter(entry_id__in=ids).delete()
        removed += old.delete()[1].get(model._meta.label, 0)
    return removed
