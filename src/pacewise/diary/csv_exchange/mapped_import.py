"""Importing another tracker's CSV through a column mapping, one check-in per row."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from pacewise.core.blanks import is_blank

from .. import entries
from ..models import CheckIn
from .cells import read_day, read_instant, read_regions, read_tags, read_text, read_whole
from .columns import KINDS
from .mapping import FLAGS, SCALED, plan_columns
from .records import derived_id, run_import, save_entry
from .report import ImportReport, Progress


def _mapped(cells: dict[str, str], plan, date_format) -> dict:
    values: dict = {}
    parts: dict[str, int] = {}
    tags, notes, regions = [], [], []
    local_date = entered_at = None
    for column, target in plan:
        raw, name = cells.get(column, "").strip(), target.field
        if is_blank(raw) or name == "ignore":  # NA, NaN, #N/A... as other trackers write them
            continue
        if name in SCALED:
            values[name] = target.convert(raw)
        elif name in ("year", "month", "day"):
            parts[name] = read_whole(raw, name, 1, 9999)
        elif name == "local_date":
            local_date = read_day(raw, date_format)
        elif name == "entered_at":
            entered_at = read_instant(raw)
        elif name == "kind":
            if raw.lower() not in KINDS:
                raise entries.EntryError("kind", f"must be one of {', '.join(sorted(KINDS))}")
            values["kind"] = raw.lower()
        elif name == "in_flare":
            if raw.lower() not in FLAGS:
                raise entries.EntryError("in_flare", "must be yes or no (or true/false, 1/0)")
            values["in_flare"] = FLAGS[raw.lower()]
        elif name == "tags":
            tags += [t for t in re.split(r"[;,|]", raw) if t.strip()]
        elif name == "locations":
            regions += [r for r in re.split(r"[;,|]", raw) if r.strip()]
        else:
            notes.append(raw)
    if len(parts) == 3:
        try:
            local_date = date(parts["year"], parts["month"], parts["day"])
        except ValueError as exc:
            raise entries.EntryError("local_date", f"is not a real date ({exc})") from exc
    if local_date is None:
        raise entries.EntryError("local_date", "is missing")
    if not (values or tags or notes or regions):
        raise entries.EntryError("line", "has nothing to import besides the date")
    values["note"] = read_text("\n".join(notes), "note", 2000)
    values["locations"] = read_regions(regions)
    return {
        "values": values,
        "local_date": local_date,
        "entered_at": entered_at,
        "tags": read_tags(tags),
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
