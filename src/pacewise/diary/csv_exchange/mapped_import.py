"""Importing another tracker's CSV through a column mapping, one check-in per row."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from pacewise.core.insights.blanks import is_blank

from .. import entries
from ..models import CheckIn
from .cells import read_day, read_instant, read_regions, read_tags, read_text, read_whole
from .columns import KINDS
from .mapping import FLAGS, SCALED, plan_columns
from .reading import derived_id, run_import, save_entry
from .report import ImportReport, Progress


@dataclass
class _Row:
    """What one line gives, column by column, before the entry is built."""

    values: dict = field(default_factory=dict)
    parts: dict = field(default_factory=dict)  # year, month, day in separate columns
    tags: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    regions: list = field(default_factory=list)
    local_date: date | None = None
    entered_at: object = None


def _cell(row: _Row, name: str, raw: str, target, date_format) -> None:
    """Read one non-blank cell into the row, by the field its column is mapped to."""
    if name in SCALED:
        row.values[name] = target.convert(raw)
    elif name in ("year", "month", "day"):
        row.parts[name] = read_whole(raw, name, 1, 9999)
    elif name == "local_date":
        row.local_date = read_day(raw, date_format)
    elif name == "entered_at":
        row.entered_at = read_instant(raw)
    elif name == "kind":
        if raw.lower() not in KINDS:
            raise entries.EntryError("kind", f"must be one of {', '.join(sorted(KINDS))}")
        row.values["kind"] = raw.lower()
    elif name == "in_flare":
        if raw.lower() not in FLAGS:
            raise entries.EntryError("in_flare", "must be yes or no (or true/false, 1/0)")
        row.values["in_flare"] = FLAGS[raw.lower()]
    elif name in ("tags", "locations"):
        items = [t for t in re.split(r"[;,|]", raw) if t.strip()]
        (row.tags if name == "tags" else row.regions).extend(items)
    else:
        row.notes.append(raw)


def _day_of(row: _Row) -> date:
    if len(row.parts) == 3:
        try:
            return date(row.parts["year"], row.parts["month"], row.parts["day"])
        except ValueError as exc:
            raise entries.EntryError("local_date", f"is not a real date ({exc})") from exc
    if row.local_date is None:
        raise entries.EntryError("local_date", "is missing")
    return row.local_date


def _mapped(cells: dict[str, str], plan, date_format) -> dict:
    row = _Row()
    for column, target in plan:
        raw, name = cells.get(column, "").strip(), target.field
        if not (is_blank(raw) or name == "ignore"):  # NA, NaN, #N/A... as trackers write them
            _cell(row, name, raw, target, date_format)
    local_date = _day_of(row)
    if not (row.values or row.tags or row.notes or row.regions):
        raise entries.EntryError("line", "has nothing to import besides the date")
    values = row.values | {
        "note": read_text("\n".join(row.notes), "note", 2000),
        "locations": read_regions(row.regions),
    }
    return {
        "values": values,
        "local_date": local_date,
        "entered_at": row.entered_at,
        "tags": read_tags(row.tags),
    }


def import_mapped(
    patient,
    actor,
    lines,
    mapping: dict[str, str],
    *,
    date_format: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import another tracker's CSV: one check-in per row, columns chosen by `mapping`.

    `mapping` maps a column name to a diary field: local_date (or year, month and day),
    entered_at (ISO 8601 with offset), kind, pain_now, pain_avg, morning_pain, fatigue,
    sleep_hours, sleep_quality, stress, mood, in_flare (yes/no, true/false, 1/0), locations,
    tags (both split on `;`, `,` or `|`), note (several columns are joined by new lines), or
    ignore. Unmapped columns are ignored.

    Scaling: write `field:LOW-HIGH` to rescale linearly from the tracker's LOW..HIGH to the
    field's own range (0-10; 0-24 for sleep_hours), rounding half up to a whole number (to one
    decimal for sleep hours). `pain_avg:1-5` turns 1->0, 3->5, 5->10; `mood:5-1` also reverses
    the direction; `sleep_hours:0-1440` reads minutes; `pain_avg:0-10` just rounds 3.6 to 4.
    Without a scale, values must already be whole numbers in range.

    Dates are ISO (2026-05-04, or a date and time) unless `date_format` (strptime) is given.
    Each row's id is derived from its content, so importing the same file again adds nothing.
    Raises ValueError for a mapping that cannot work, before anything is read.
    """
    plan = plan_columns(mapping)
    report = ImportReport()
    seen: Counter = Counter()

    def handle(line, cells, header):
        if cells is None:
            missing = [column for column, _ in plan if column not in header]
            if missing:
                report.add_error(line, "header", f"has no column {', '.join(missing)}")
                return False
            return True
        if "\x00" in "".join(cells):
            raise entries.EntryError("line", "contains a NUL character")
        kwargs = _mapped(dict(zip(header, cells, strict=False)), plan, date_format)
        entry_id = derived_id(patient, cells, seen)
        save_entry(CheckIn, patient, actor, report, entry_id=entry_id, **kwargs)
        return True

    return run_import(lines, report, progress, handle)
