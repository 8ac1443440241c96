"""The caseload's triage: each sharing person's reasons today (``core.triage``), read for the
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
from pacewise.core import triage as rules
from pacewise.core.day_summary import summarize_days
from pacewise.core.pacing import flare_days
from pacewise.core.records import DayRecord
from pacewise.core.schedule import Done, schedule
from pacewise.core.triage import CaseFacts, Overdue, Reason, Worse
from pacewise.diary.convert import entries_for_many
from pacewise.diary.days import today_for
from pacewise.diary.models import ActivitySession, CheckIn
from pacewise.outcomes import registry
from pacewise.outcomes.models import Response
from pacewise.outcomes.progress import trends_from
from pacewise.outcomes.responses import program_start
from pacewise.today.state import FLARE_LOOKBACK_DAYS, fatigue_dominant_many

from .models import TriageKept, TriageSeen


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
    todays = {p.pk: today_for(p) for p in patients}
    keys = {pk: _key(todays[pk], stamp) for pk, stamp in _stamps(list(todays)).items()}
    known = {
        row.patient_id: (_reasons(row.reasons), row.last_entry)
        for row in TriageKept.objects.filter(patient_id__in=list(keys))
        if row.key == keys[row.patient_id]
    }
    fresh = _read([p for p in patients if p.pk not in known], todays)
    _keep(fresh, keys)
    seen = set(
        TriageSeen.objects.filter(
            clinic__memberships__user=user, patient_id__in=list(todays)
        ).values_list("patient_id", "kind", "episode")
    )
    rows = []
    for patient in patients:
        reasons, last = fresh.get(patient.pk) or known[patient.pk]
        unseen = tuple(r for r in reasons if (patient.pk, r.kind, r.episode) not in seen)
        rows.append(Row(patient, unseen, last))
    rows.sort(key=lambda r: (r.rank, r.patient.user.name.lower()))
    return rows


# Each person's reasons are kept (TriageKept, one row each) under a key made of their today and
# their diary's and questionnaires' change marks: any write through the diary's one write path
# (a new entry, an edit, a delete or a restore changes the count or the sum of versions) or a
# new questionnaire gives a new key, so a kept answer is never read for changed data. "Seen"
# marks are applied after, on every visit. Reading and writing the kept rows is one query
# each, whoever is on the caseload.
KEY_VERSION = 1


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


def _stamps(patient_ids) -> dict:
    """Per person, marks that change whenever their diary or questionnaires change."""
    out: dict = {pk: [] for pk in patient_ids}
    for model, when in ((CheckIn, "updated_at"), (ActivitySession, "updated_at"),
                        (Response, "completed_at")):  # fmt: skip
        rows = (
            model.objects.filter(patient_id__in=patient_ids)
            .values("patient_id")
            .annotate(n=Count("pk"), latest=Max(when), **_versions(model))
            .values_list("patient_id", "n", "latest", "v")
        )
        marks = {pk: (n, latest.isoformat() if latest else "", v) for pk, n, latest, v in rows}
        for pk in patient_ids:
            out[pk].append(marks.get(pk))
    return {pk: hashlib.sha256(repr(marks).encode()).hexdigest()[:16] for pk, marks in out.items()}


def _versions(model) -> dict:
    return {"v": Sum("version")} if hasattr(model, "version") else {"v": Count("pk")}


def _read(patients: list[Patient], todays: dict) -> dict:
    """(reasons, last entry day) per person, read from their diary and questionnaires."""
    if not patients:
        return {}
    ids = [p.pk for p in patients]
    start = min(todays[pk] for pk in ids) - timedelta(days=t.TRIAGE_LOOKBACK_DAYS)
    entries = entries_for_many(ids, start, max(todays[pk] for pk in ids))
    responses = _responses(ids)
    diaries = {pk: _records(entries[pk], todays[pk]) for pk in ids}
    flares = _flare_days(diaries, todays)
    out = {}
    for patient in patients:
        today, days = todays[patient.pk], diaries[patient.pk]
        facts = CaseFacts(
            today,
            days,
            flare_days=flares.get(patient.pk, 0),
            overdue=_overdue(patient, today, responses[patient.pk]),
            worse=_worse(responses[patient.pk]),
        )
        out[patient.pk] = (tuple(rules.reasons(facts)), days[-1].date if days else None)
    return out


def _records(entries, today: date) -> list[DayRecord]:
    checkins, sessions = entries
    return [s.to_record() for s in summarize_days(checkins, sessions) if s.date <= today]


def _flare_days(diaries: dict, todays: dict) -> dict:
    """The flare length Today shows (core.pacing.flare_days, which reads ~90 days), for the
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
