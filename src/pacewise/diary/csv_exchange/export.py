"""Writing a person's diary as one Pacewise diary CSV."""

from __future__ import annotations

import csv
import heapq
from datetime import UTC

from ..models import ActivitySession, CheckIn
from .columns import ACTIVITY_ONLY, CHECKIN_ONLY, COLUMNS, RISKY_START


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "'" + text if text.startswith(RISKY_START) else text


def _join(items) -> str:
    return ";".join(i.replace("\\", "\\\\").replace(";", "\\;") for i in items)


def _row(entry) -> dict:
    row = {
        "id": entry.pk,
        "local_date": entry.local_date.isoformat(),
        "entered_at": entry.entered_at.astimezone(UTC).isoformat(),
        "note": entry.note,
        "version": entry.version,
    }
    if isinstance(entry, CheckIn):
        row |= {name: getattr(entry, name) for name in CHECKIN_ONLY[:-2]}
        row["record_type"] = "checkin"
        row["locations"] = _join(entry.locations)
        row["tags"] = _join(sorted((t.name for t in entry.tags.all()), key=str.casefold))
    else:
        row |= {name: getattr(entry, name) for name in ACTIVITY_ONLY}
        row["record_type"] = "activity"
    return row


def export_diary(patient, stream) -> int:
    """Write the patient's diary (not deleted entries), oldest first, to a text `stream`.

    Rows are read in chunks, so years of entries never sit in memory at once. Open files with
    `newline=""`. Returns the number of entries written.
    """
    order = ("local_date", "entered_at", "pk")
    checkins = (
        CheckIn.objects.filter(patient=patient, deleted_at__isnull=True)
        .order_by(*order)
        .prefetch_related("tags")
        .iterator(chunk_size=1000)
    )
    sessions = (
        ActivitySession.objects.filter(patient=patient, deleted_at__isnull=True)
        .order_by(*order)
        .iterator(chunk_size=1000)
    )
    writer = csv.writer(stream)
    writer.writerow(COLUMNS)
    written = 0
    for entry in heapq.merge(checkins, sessions, key=lambda e: (e.local_date, e.entered_at)):
        row = _row(entry)
        writer.writerow([_cell(row.get(name)) for name in COLUMNS])
        written += 1
    return written
