"""The caseload's triage: each sharing person's reasons today (``core.care.triage``), read for the
whole caseload in a fixed number of queries (their diaries, questionnaires and "seen" marks
in one query each), so the page costs the same whoever is on it. Each person's reasons are
kept under a key that any change to their diary or questionnaires replaces (``_stamps``), so
a kept answer can never drift from the data.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Max, Sum

from pacewise.accounts.models import Patient
from pacewise.core import thresholds as t
from pacewise.core.care import triage as rules
from pacewise.core.care.triage import CaseFacts, OutlookFacts, Overdue, Reason, Worse
from pacewise.core.day_summary import summarize_days
from pacewise.core.facts import DayRecord
from pacewise.core.instruments.schedule import Done, schedule
from pacewise.core.pacing.day_plan import flare_days
from pacewise.diary.convert import entries_for_many
from pacewise.diary.days import last_days, today_for
from pacewise.diary.models import ActivitySession, CheckIn
from pacewise.insights.data import flare_outlook, planned
from pacewise.outcomes import registry
from pacewise.outcomes.models import Response
from pacewise.outcomes.progress import trends_from
from pacewise.outcomes.responses import program_start
from pacewise.plans.models import ProgramChange
from pacewise.today.models import OverrideSet, ReviewDecision
from pacewise.today.state import FLARE_LOOKBACK_DAYS, fatigue_dominant_many

from .models import OutlookKept, PlanKept, TriageKept, TriageSeen


@dataclass(frozen=True)
class Row:
    patient: Patient
    reasons: tuple[Reason, ...]  # not yet marked seen, most urgent first
    last_entry: date | None

    @property
    def rank(self) -> int:
        return min((r.rank for r in self.reasons), default=len(rules.KINDS))


def triage(user, patients: list[Patient]) -> list[Row]:
    """One row per person, the ones with reasons first (most urgent, then by name)."""
    if not patients:
        return []
    read = current(patients)
    seen = set(
        TriageSeen.objects.filter(
            clinic__memberships__user=user, patient_id__in=list(read)
        ).values_list("patient_id", "kind", "episode")
    )
    rows = []
    for patient in patients:
        reasons, last = read[patient.pk]
        unseen = tuple(r for r in reasons if (patient.pk, r.kind, r.episode) not in seen)
        rows.append(Row(patient, unseen, last))
    rows.sort(key=lambda r: (r.rank, r.patient.user.name.lower()))
    return rows


def current(patients: list[Patient], *, outlooks: bool = False) -> dict:
    """(reasons, last entry day) per person: kept ones whose key still matches, the rest read
    again and kept. ``pacewise warm-caseload`` calls it for everyone sharing with
    ``outlooks=True`` (each person's flare outlook, too slow for a page, is read then), so a
    clinic's first visit of the day finds the day's readings ready."""
    todays = {p.pk: today_for(p) for p in patients}
    keys = {pk: _key(todays[pk], stamp) for pk, stamp in _stamps(list(todays)).items()}
    renewed = _refresh_outlooks(patients, todays, keys) if outlooks else set()
    known = {
        row.patient_id: (_reasons(row.reasons), row.last_entry)
        for row in TriageKept.objects.filter(patient_id__in=list(keys))
        if row.key == keys[row.patient_id] and row.patient_id not in renewed
    }
    fresh = _read([p for p in patients if p.pk not in known], todays, keys)
    _keep(fresh, keys)
    return {**known, **fresh}


def _refresh_outlooks(patients: list[Patient], todays: dict, keys: dict) -> set:
    """Read the flare outlook of everyone whose kept one no longer matches their key (the
    Insights page's own reading, insights.data.flare_outlook); the people renewed."""
    kept = {row.patient_id: row for row in OutlookKept.objects.filter(patient_id__in=list(keys))}
    renewed = set()
    for patient in patients:
        old = kept.get(patient.pk)
        if old is not None and old.key == keys[patient.pk]:
            continue
        o = flare_outlook(patient)
        today = todays[patient.pk]
        since = old.since if old and old.level == o.level and old.since else today
        OutlookKept.objects.update_or_create(patient=patient, defaults={
            "key": keys[patient.pk], "level": o.level, "earned": o.earned, "chance": o.chance,
            "usual": o.usual_chance, "signals": [r.feature for r in o.reasons], "since": since,
        })  # fmt: skip
        renewed.add(patient.pk)
    return renewed


def _outlook_facts(ids, keys: dict) -> dict:
    """The kept outlooks still valid for each person's key (none: not read since a change)."""
    return {
        row.patient_id: OutlookFacts(row.level, row.earned, row.chance, row.usual,
                                     tuple(row.signals), row.since or date.min)  # fmt: skip
        for row in OutlookKept.objects.filter(patient_id__in=ids)
        if row.key == keys.get(row.patient_id)
    }


# Each person's reasons are kept (TriageKept, one row each) under a key made of their today and
# their diary's and questionnaires' change marks: any write through the diary's one write path
# (a new entry, an edit, a delete or a restore changes the count or the sum of versions) or a
# new questionnaire gives a new key, and so does a change to what the plan is made from (a
# program change, a clinician's override, a weekly-review decision), so a kept answer is never
# read for changed data. "Seen"
# marks are applied after, on every visit. Reading and writing the kept rows is one query
# each, whoever is on the caseload.
KEY_VERSION = 2


def _key(today: date, stamp) -> str:
    return f"{KEY_VERSION}:{today.isoformat()}:{stamp}"


def _keep(fresh: dict, keys: dict) -> None:
    rows = [
        TriageKept(patient_id=pk, key=keys[pk], reasons=[_as_dict(r) for r in reasons],
                   last_entry=last)  # fmt: skip
        for pk, (reasons, last) in fresh.items()
    ]
    TriageKept.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["patient"],
        update_fields=["key", "reasons", "last_entry"],
    )  # fmt: skip


def _as_dict(reason: Reason) -> dict:
    return {"kind": reason.kind, "text": reason.text, "episode": reason.episode.isoformat()}


def _reasons(stored: list[dict]) -> tuple[Reason, ...]:
    return tuple(
        Reason(r["kind"], r["text"], date.fromisoformat(r["episode"])) for r in stored
    )


DIARY = ((CheckIn, "updated_at"), (ActivitySession, "updated_at"))
PLAN_INPUTS = ((ProgramChange, "created_at"), (OverrideSet, "set_at"),
               (ReviewDecision, "decided_at"))  # fmt: skip


def _stamps(patient_ids) -> dict:
    """Per person, marks that change whenever their diary, questionnaires or plan change."""
    out: dict = {pk: [] for pk in patient_ids}
    for model, when in (*DIARY, (Response, "completed_at"), *PLAN_INPUTS):
        _add_marks(out, model.objects.filter(patient_id__in=patient_ids), when)
    return _digests(out)


def _add_marks(out: dict, rows, when: str) -> None:
    rows = (
        rows.values("patient_id")
        .annotate(n=Count("pk"), latest=Max(when), **_versions(rows.model))
        .values_list("patient_id", "n", "latest", "v")
    )
    marks = {pk: (n, latest.isoformat() if latest else "", v) for pk, n, latest, v in rows}
    for pk in out:
        out[pk].append(marks.get(pk))


def _digests(out: dict) -> dict:
    return {pk: hashlib.sha256(repr(marks).encode()).hexdigest()[:16] for pk, marks in out.items()}


def _plan_stamps(todays: dict) -> dict:
    """Per person, marks of what their past days' plans are made from: the plan's inputs and
    the diary before their today (entries dated today leave them standing). Entries before
    the earliest today are counted in one query per model; the few after it are read and
    split by each person's own today."""
    ids, first = list(todays), min(todays.values())
    out: dict = {pk: [] for pk in ids}
    for model, when in PLAN_INPUTS:
        _add_marks(out, model.objects.filter(patient_id__in=ids), when)
    for model, when in DIARY:
        _add_marks(out, model.objects.filter(patient_id__in=ids, local_date__lt=first), when)
        late = model.objects.filter(patient_id__in=ids, local_date__gte=first)
        recent: dict = defaultdict(list)
        for pk, day, at, v in late.values_list("patient_id", "local_date", when, "version"):
            if day < todays[pk]:
                recent[pk].append((day.isoformat(), at.isoformat(), v))
        for pk in ids:
            out[pk].append(sorted(recent[pk]))
    return _digests(out)


def _versions(model) -> dict:
    return {"v": Sum("version")} if hasattr(model, "version") else {"v": Count("pk")}


def _read(patients: list[Patient], todays: dict, keys: dict) -> dict:
    """(reasons, last entry day) per person, read from their diary and questionnaires."""
    if not patients:
        return {}
    ids = [p.pk for p in patients]
    start = min(todays[pk] for pk in ids) - timedelta(days=t.TRIAGE_LOOKBACK_DAYS)
    entries = entries_for_many(ids, start, max(todays[pk] for pk in ids))
    responses = _responses(ids)
    days_of = {pk: _summaries(entries[pk], todays[pk]) for pk in ids}  # summarised once
    diaries = {pk: [d.to_record() for d in days] for pk, days in days_of.items()}
    moved = {pk: {d.date: d.minutes for d in days if d.minutes} for pk, days in days_of.items()}
    flares = _flare_days(diaries, todays)
    plans = _plans(patients, todays, moved)
    outlooks = _outlook_facts(ids, keys)
    out = {}
    for patient in patients:
        today, days = todays[patient.pk], diaries[patient.pk]
        facts = CaseFacts(
            today,
            days,
            flare_days=flares.get(patient.pk, 0),
            overdue=_overdue(patient, today, responses[patient.pk]),
            worse=_worse(responses[patient.pk]),
            planned=plans.get(patient.pk),
            moved=moved[patient.pk],
            outlook=outlooks.get(patient.pk),
        )
        out[patient.pk] = (tuple(rules.reasons(facts)), days[-1].date if days else None)
    _older_last_entries(out)
    return out


def _older_last_entries(out: dict) -> None:
    """For people with nothing in the window, their real last entry (months ago, perhaps):
    "No entries yet" is only for people who never logged."""
    quiet = [pk for pk, (_, last) in out.items() if last is None]
    if not quiet:
        return
    for pk, last in last_days(quiet).items():
        out[pk] = (out[pk][0], last)


def _plans(patients: list[Patient], todays: dict, moved: dict) -> dict:
    """The plan's daily minutes over the triage window, per person who logged movement on
    enough of the last two weeks' days to be judged (everyone else — a morning-only diary, a
    quiet fortnight — cannot give the far-from-plan reason, and costs nothing). A replay
    (insights.data.planned, ~0.1 s a person) is kept in PlanKept under its inputs' key, so a
    new entry today does not replay it again."""
    judged = [p for p in patients if _judged(moved[p.pk], todays[p.pk])]
    if not judged:
        return {}
    keys = _plan_stamps({p.pk: todays[p.pk] for p in judged})
    keys = {pk: f"{KEY_VERSION}:{todays[pk].isoformat()}:{k}" for pk, k in keys.items()}
    kept = {
        row.patient_id: {date.fromisoformat(d): m for d, m in row.planned.items()}
        for row in PlanKept.objects.filter(patient_id__in=list(keys))
        if row.key == keys[row.patient_id]
    }
    fresh = {}
    for p in judged:
        if p.pk not in kept:
            today = todays[p.pk]
            first = today - timedelta(days=t.TRIAGE_LOOKBACK_DAYS - 1)
            fresh[p.pk] = planned(p, first, today)
    PlanKept.objects.bulk_create(
        [PlanKept(patient_id=pk, key=keys[pk], planned={d.isoformat(): m for d, m in plan.items()})
         for pk, plan in fresh.items()],
        update_conflicts=True, unique_fields=["patient"], update_fields=["key", "planned"],
    )  # fmt: skip
    return {pk: plan or None for pk, plan in {**kept, **fresh}.items()}


def _judged(moved: dict[date, float], today: date) -> bool:
    recent = [d for d in moved if d > today - timedelta(days=t.TRIAGE_PLAN_DAYS)]
    return len(recent) >= t.TRIAGE_PLAN_MIN_DAYS


def _summaries(entries, today: date):
    checkins, sessions = entries
    return [s for s in summarize_days(checkins, sessions) if s.date <= today]


def _records(entries, today: date) -> list[DayRecord]:
    return [s.to_record() for s in _summaries(entries, today)]


def _flare_days(diaries: dict, todays: dict) -> dict:
    """The flare length Today shows (core.pacing.day_plan.flare_days, which reads ~90 days), for the
    people whose last weeks may hold a flare; their longer diaries and whether fatigue
    dominates (which can lengthen a flare's settling by a day) are read for them all at once.
    Everyone else is not in a flare, as the weeks already read show."""
    maybe = [
        pk for pk, days in diaries.items() if flare_days(days, todays[pk], fatigue_dominant=True)
    ]
    if not maybe:
        return {}
    start = min(todays[pk] for pk in maybe) - timedelta(days=FLARE_LOOKBACK_DAYS)
    longer = entries_for_many(maybe, start, max(todays[pk] for pk in maybe))
    fatigue = fatigue_dominant_many(maybe)
    return {
        pk: flare_days(_records(longer[pk], todays[pk]), todays[pk], fatigue_dominant=fatigue[pk])
        for pk in maybe
    }


def _responses(patient_ids) -> dict[object, list[Response]]:
    out: dict[object, list[Response]] = defaultdict(list)
    rows = (
        Response.objects.scored()
        .filter(patient_id__in=patient_ids)
        .exclude(occasion="short")
        .order_by("completed_at")
    )
    for row in rows:
        out[row.patient_id].append(row)
    return out


def _overdue(patient, today: date, responses: list[Response]) -> tuple[Overdue, ...]:
    done = [Done(r.instrument_id, r.occasion, r.local_date) for r in responses]
    out = []
    for due in schedule(program_start(patient), today, done):
        if due.status != "open" or due.due > today:
            continue
        instrument = registry.get(due.instrument_id)
        name = instrument.name if instrument else due.instrument_id
        out.append(Overdue(f"{name} ({due.label.lower()})", due.due))
    return tuple(out)


def _worse(responses: list[Response]) -> tuple[Worse, ...]:
    out = []
    for trend in trends_from(responses):
        change = trend.change
        if change is None or change.direction != "worse" or not change.meaningful:
            continue
        mcid = trend.instrument.mcid.value if trend.instrument.mcid else 0.0
        out.append(
            Worse(trend.instrument.name, change.baseline, change.latest, mcid,
                  trend.latest.local_date)  # fmt: skip
        )
    return tuple(out)


def mark_seen(grant, user, kind: str, episode: date, note: str) -> TriageSeen:
    return TriageSeen.objects.create(
        patient=grant.patient, clinic=grant.clinic, kind=kind, episode=episode, note=note,
        seen_by=user,
    )  # fmt: skip
