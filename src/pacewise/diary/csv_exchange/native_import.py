"""Reading a Pacewise diary CSV (as written by `export_diary`) back into a diary."""

from __future__ import annotations

import uuid
from collections import Counter

from .. import entries
from ..models import ActivitySession, CheckIn
from .cells import (
    read_day,
    read_hours,
    read_instant,
    read_regions,
    read_tags,
    read_text,
    read_whole,
    split_list,
)
from .columns import ACTIVITY_NUMBERS, ACTIVITY_ONLY, CHECKIN_ONLY, CHECKIN_SCALES, COLUMNS, KINDS
from .reading import derived_id, own_id, run_import, save_entry
from .report import ImportReport, Progress


def _clean_cell(text: str) -> str:
    if "\x00" in text:
        raise entries.EntryError("line", "contains a NUL character")
    return text[1:] if text.startswith("'") else text


def _native(record: dict, patient, seen: Counter) -> tuple[type, dict]:
    record_type = record["record_type"].strip()
    if record_type not in ("checkin", "activity"):
        raise entries.EntryError("record_type", "must be checkin or activity")
    model = CheckIn if record_type == "checkin" else ActivitySession
    for name in ACTIVITY_ONLY if model is CheckIn else CHECKIN_ONLY:
        if record[name].strip():
            raise entries.EntryError(name, f"must be empty on a {record_type} line")
    values = {"note": read_text(record["note"], "note", 2000)}
    tags: list[str] = []
    if model is CheckIn:
        kind = record["kind"].strip() or "full"
        if kind not in KINDS:
            raise entries.EntryError("kind", f"must be one of {', '.join(sorted(KINDS))}")
        values["kind"] = kind
        values |= {name: read_whole(record[name], name, 0, 10) for name in CHECKIN_SCALES}
        values["sleep_hours"] = read_hours(record["sleep_hours"])
        flare = record["in_flare"].strip().lower() or "false"
        if flare not in ("true", "false"):
            raise entries.EntryError("in_flare", "must be true or false")
        values["in_flare"] = flare == "true"
        values["locations"] = read_regions(split_list(record["locations"]))
        tags = read_tags(split_list(record["tags"]))
    else:
        values["activity"] = read_text(record["activity"], "activity", 60, required=True)
        values |= {n: read_whole(record[n], n, *limits) for n, limits in ACTIVITY_NUMBERS.items()}
        values["planned_item"] = read_text(record["planned_item"], "planned_item", 80)
    read_whole(record["version"], "version", 1, 999_999)
    entry_id = record["id"].strip()
    try:
        entry_id = (
            own_id(model, patient, uuid.UUID(entry_id))
            if entry_id
            else derived_id(patient, [*record.values()], seen)
        )
    except ValueError as exc:
        raise entries.EntryError("id", "must be a UUID") from exc
    return model, {
        "values": values,
        "local_date": read_day(record["local_date"]),
        "entered_at": read_instant(record["entered_at"]),
        "entry_id": entry_id,
        "tags": tags,
    }


def import_diary(patient, actor, lines, *, progress: Progress | None = None) -> ImportReport:
    """Read a Pacewise diary CSV (see the module docstring) into `patient`'s diary.

    `lines`: an iterable of text lines (a file opened with `newline=""`), or of UTF-8 bytes;
    a leading BOM is ignored. `progress(lines_read, total_lines_or_None)` is called after each
    batch. `actor` is the user named in the revisions (None: "import").
    """
    report = ImportReport()
    seen: Counter = Counter()

    def handle(line, cells, header):
        if cells is None:
            missing = [c for c in COLUMNS if c not in header]
            unknown = [c for c in header if c not in COLUMNS]
            if missing or unknown or len(set(header)) != len(header):
                problem = f"missing {', '.join(missing)}" if missing else "has unknown or repeated"
                if unknown:
                    problem += f" columns {', '.join(unknown[:5])}"
                report.add_error(line, "header", f"{problem}; for other files use a column map")
                return False
            return True
        if len(cells) != len(header):
            raise entries.EntryError(
                "line", f"has {len(cells)} cells; the header has {len(header)}"
            )
        record = dict(zip(header, (_clean_cell(c) for c in cells), strict=True))
        model, kwargs = _native(record, patient, seen)
        save_entry(model, patient, actor, report, **kwargs)
        return True

    return run_import(lines, report, progress, handle)
