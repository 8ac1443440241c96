"""Diary files: one long CSV out and back in, and imports from other trackers' CSV exports.

The Pacewise diary CSV (`export_diary`, `import_diary`): UTF-8, comma-separated, RFC 4180
quoting, a header row with COLUMNS (any order on import), one row per entry. `record_type` is
`checkin` or `activity`; columns that do not belong to the row's type are empty.

- `local_date` is the person's own day (YYYY-MM-DD); `entered_at` is UTC, ISO 8601.
- `in_flare` is `true` or `false`; `sleep_hours` has at most one decimal.
- `locations` (body-region keys) and `tags` are separated by `;`; inside a tag, `;` and `\\` are
  written `\\;` and `\\\\`.
- `version` is the entry's edit counter where it was exported. It is informational: an import
  starts a new history (version 1, with a revision naming the importer).
- Spreadsheet formulas: a cell that starts with `=`, `+`, `-`, `@`, a tab, a carriage return or
  `'` is written with one extra leading `'`, so a spreadsheet shows it as text instead of running
  it. `import_diary` removes exactly one leading `'` from every cell, so the round trip is exact.
- Deleted entries are not exported. Import never overwrites: a row whose `id` is already in the
  diary counts as "already there", even if that entry was changed or deleted since. A row without
  an `id` gets one derived from its content, so importing the same file twice adds nothing.

Import checks every value as strictly as the API, keeps good lines, reports each bad line with
its number and reason, and may fill days older than the usual back-fill limit (never the future).
Rows are written in batches of BATCH, one savepoint per line.

`import_mapped` reads another tracker's CSV with a column mapping, one check-in per row; see its
docstring for targets and scaling.
"""

from __future__ import annotations

import csv
import heapq
import re
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from itertools import islice

from django.db import DatabaseError, transaction

from . import entries
from .catalog import BODY_REGIONS
from .models import ActivitySession, CheckIn

COLUMNS = (
    "record_type", "id", "local_date", "entered_at", "kind",
    "pain_now", "pain_avg", "morning_pain", "fatigue", "sleep_hours", "sleep_quality",
    "stress", "mood", "in_flare", "locations", "tags",
    "activity", "minutes", "sets", "reps", "exertion", "pain_before", "pain_peak", "pain_after",
    "planned_item", "note", "version",
)  # fmt: skip
CHECKIN_ONLY = COLUMNS[4:16]
ACTIVITY_ONLY = COLUMNS[16:25]
CHECKIN_SCALES = (
    "pain_now",
    "pain_avg",
    "morning_pain",
    "fatigue",
    "sleep_quality",
    "stress",
    "mood",
)
ACTIVITY_NUMBERS = {
    "minutes": (0, 1440), "sets": (1, 100), "reps": (1, 1000), "exertion": (0, 10),
    "pain_before": (0, 10), "pain_peak": (0, 10), "pain_after": (0, 10),
}  # fmt: skip
KINDS = {k.value for k in CheckIn.Kind}
RISKY_START = ("=", "+", "-", "@", "\t", "\r", "'")
BATCH = 500
MAX_ERRORS = 1000
MAX_TAGS = 20
# Fixed, so a row without an id gets the same derived id on every import.
ROW_NAMESPACE = uuid.UUID("6f1d2b8e-3c4a-5e7f-9a0b-1c2d3e4f5a6b")

Progress = Callable[[int, int | None], None]


@dataclass
class ImportReport:
    created: int = 0
    already_there: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (line, field, message)
    errors_not_listed: int = 0

    def add_error(self, line: int, name: str, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append((line, name, message))
        else:
            self.errors_not_listed += 1

    def summary(self) -> str:
        def count(n, one, many):
            return f"{n} {one if n == 1 else many}"

        text = f"Imported {count(self.created, 'new entry', 'new entries')}"
        if self.already_there:
            was = "was" if self.already_there == 1 else "were"
            text += f"; {count(self.already_there, 'entry', 'entries')} {was} already there"
        bad = len(self.errors) + self.errors_not_listed
        if bad:
            text += f"; {count(bad, 'line', 'lines')} could not be imported (listed by line number)"
        return text + "."


# ---------------------------------------------------------------------------------------- export


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


# ------------------------------------------------------------------------------ reading values


def _whole(text: str, name: str, low: int, high: int) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not re.fullmatch(r"[0-9]{1,6}", text) or not low <= int(text) <= high:
        raise entries.EntryError(name, f"must be a whole number from {low} to {high}")
    return int(text)


def _number(text: str, name: str) -> Decimal:
    if not re.fullmatch(r"[0-9]{1,9}(\.[0-9]{1,9})?", text):
        raise entries.EntryError(name, f"{text[:20]!r} is not a number")
    return Decimal(text)


def _hours(text: str) -> Decimal | None:
    text = text.strip()
    if not text:
        return None
    value = _number(text, "sleep_hours")
    if value > 24:
        raise entries.EntryError("sleep_hours", "must be a number of hours from 0 to 24")
    return value.quantize(Decimal("0.1"), ROUND_HALF_UP)


def _day(text: str, date_format: str | None = None) -> date:
    text = text.strip()
    if not text:
        raise entries.EntryError("local_date", "is missing")
    try:
        if date_format:
            day = datetime.strptime(text, date_format).date()
        elif re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            day = date.fromisoformat(text)
        else:
            day = datetime.fromisoformat(text).date()
    except ValueError as exc:
        hint = f"in the format {date_format}" if date_format else "like 2026-05-04"
        raise entries.EntryError("local_date", f"must be a date {hint}") from exc
    if day.year < 1900:
        raise entries.EntryError("local_date", "must be in 1900 or later")
    return day


def _instant(text: str) -> datetime | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError as exc:
        raise entries.EntryError(
            "entered_at", "must be an ISO 8601 date and time with an offset"
        ) from exc
    if value.tzinfo is None:
        raise entries.EntryError("entered_at", "must include a time zone offset or Z")
    return value.astimezone(UTC)


def _text(text: str, name: str, limit: int, *, required=False) -> str:
    if required and not text.strip():
        raise entries.EntryError(name, "is missing")
    if len(text) > limit:
        raise entries.EntryError(name, f"can be at most {limit} characters")
    return text


def _split(text: str) -> list[str]:
    """Split a `;`-list, honouring `\\;` and `\\\\` escapes."""
    items, current, chars = [], [], iter(text)
    for ch in chars:
        if ch == "\\":
            current.append(next(chars, "\\"))
        elif ch == ";":
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    return [] if items == [""] else items


def _regions(names: Iterable[str]) -> list[str]:
    keys = []
    labels = {label.casefold(): key for key, label in BODY_REGIONS.items()}
    for name in names:
        key = name.strip()
        key = key if key in BODY_REGIONS else labels.get(key.casefold(), key.casefold())
        if key not in BODY_REGIONS:
            raise entries.EntryError(
                "locations",
                f"unknown body region {name[:40]!r}; use one of {', '.join(BODY_REGIONS)}",
            )
        keys.append(key)
    return list(dict.fromkeys(keys))


def _tags(names: list[str]) -> list[str]:
    if len(names) > MAX_TAGS:
        raise entries.EntryError("tags", f"at most {MAX_TAGS} tags per entry")
    return [entries.clean_tag_name(n) for n in names]


# ----------------------------------------------------------------------------- reading the file


def _lines(lines, report: ImportReport) -> Iterator[str]:
    if isinstance(lines, str | bytes):
        lines = lines.splitlines(keepends=True)
    for number, line in enumerate(lines, 1):
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError:
                report.add_error(number, "file", "is not UTF-8 text here; the rest was not read")
                return
        yield line.removeprefix("\ufeff") if number == 1 else line


def _records(lines, report: ImportReport) -> Iterator[tuple[int, list[str]]]:
    """(line number where the record starts, its cells); blank lines are skipped."""
    reader = csv.reader(_lines(lines, report), strict=True)
    read = 0
    try:
        for cells in reader:
            start, read = read + 1, reader.line_num
            if any(c.strip() for c in cells):
                yield start, cells
    except csv.Error as exc:
        report.add_error(read + 1, "file", f"is not readable CSV ({exc}); the rest was not read")


def _run(lines, report, progress, handle) -> ImportReport:
    """Feed each record after the header to `handle(line, cells, header)` in batches."""
    total = len(lines) if hasattr(lines, "__len__") and not isinstance(lines, str) else None
    records = _records(lines, report)
    first = next(records, None)
    if first is None:
        report.add_error(1, "file", "is empty")
        return report
    header = [h.strip() for h in first[1]]
    if not handle(first[0], None, header):
        return report
    line = first[0]
    while batch := list(islice(records, BATCH)):
        with transaction.atomic():
            for line, cells in batch:
                try:
                    with transaction.atomic():
                        handle(line, cells, header)
                except entries.EntryError as exc:
                    report.add_error(line, exc.field, exc.message)
                except DatabaseError as exc:
                    report.add_error(line, "line", f"could not be saved ({type(exc).__name__})")
        if progress and line != total:
            progress(line, total)
    if progress:
        progress(total or line, total)
    report.errors.sort(key=lambda e: e[0])
    return report


def _save(model, patient, actor, report, **kwargs) -> None:
    _, created = entries.create(model, patient, actor, allow_old=True, **kwargs)
    if created:
        report.created += 1
    else:
        report.already_there += 1


def _derived_id(patient, cells: list[str], seen: Counter) -> uuid.UUID:
    key = "\x1f".join(cells)
    seen[key] += 1
    return uuid.uuid5(ROW_NAMESPACE, f"{patient.pk}\x1f{seen[key]}\x1f{key}")


def _clean_cell(text: str) -> str:
    if "\x00" in text:
        raise entries.EntryError("line", "contains a NUL character")
    return text[1:] if text.startswith("'") else text


# ------------------------------------------------------------------------------ Pacewise format


def _native(record: dict, patient, seen: Counter) -> tuple[type, dict]:
    record_type = record["record_type"].strip()
    if record_type not in ("checkin", "activity"):
        raise entries.EntryError("record_type", "must be checkin or activity")
    model = CheckIn if record_type == "checkin" else ActivitySession
    for name in ACTIVITY_ONLY if model is CheckIn else CHECKIN_ONLY:
        if record[name].strip():
            raise entries.EntryError(name, f"must be empty on a {record_type} line")
    values = {"note": _text(record["note"], "note", 2000)}
    tags: list[str] = []
    if model is CheckIn:
        kind = record["kind"].strip() or "full"
        if kind not in KINDS:
            raise entries.EntryError("kind", f"must be one of {', '.join(sorted(KINDS))}")
        values["kind"] = kind
        values |= {name: _whole(record[name], name, 0, 10) for name in CHECKIN_SCALES}
        values["sleep_hours"] = _hours(record["sleep_hours"])
        flare = record["in_flare"].strip().lower() or "false"
        if flare not in ("true", "false"):
            raise entries.EntryError("in_flare", "must be true or false")
        values["in_flare"] = flare == "true"
        values["locations"] = _regions(_split(record["locations"]))
        tags = _tags(_split(record["tags"]))
    else:
        values["activity"] = _text(record["activity"], "activity", 60, required=True)
        values |= {n: _whole(record[n], n, *limits) for n, limits in ACTIVITY_NUMBERS.items()}
        values["planned_item"] = _text(record["planned_item"], "planned_item", 80)
    _whole(record["version"], "version", 1, 999_999)
    entry_id = record["id"].strip()
    try:
        entry_id = (
            uuid.UUID(entry_id) if entry_id else _derived_id(patient, [*record.values()], seen)
        )
    except ValueError as exc:
        raise entries.EntryError("id", "must be a UUID") from exc
    return model, {
        "values": values,
        "local_date": _day(record["local_date"]),
        "entered_at": _instant(record["entered_at"]),
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
        _save(model, patient, actor, report, **kwargs)
        return True

    return _run(lines, report, progress, handle)


# ------------------------------------------------------------------------- other trackers' CSV

SCALED = {name: (0, 10) for name in CHECKIN_SCALES} | {"sleep_hours": (0, 24)}
TARGETS = {"local_date", "entered_at", "year", "month", "day", "kind", "in_flare"}
TARGETS |= {"locations", "tags", "note", "ignore", *SCALED}
REPEATABLE = {"tags", "note", "locations", "ignore"}
FLAGS = {"true": True, "yes": True, "y": True, "1": True, "false": False, "no": False}
FLAGS |= {"n": False, "0": False}


@dataclass(frozen=True)
class Target:
    """One mapped column: the field it fills and, optionally, the source scale to rescale."""

    field: str
    scale: tuple[Decimal, Decimal] | None = None

    @classmethod
    def parse(cls, text: str) -> Target:
        match = re.fullmatch(r"\s*([a-z_]+)\s*(?::\s*([0-9.]+)\s*-\s*([0-9.]+)\s*)?", text)
        if not match or match[1] not in TARGETS:
            raise ValueError(
                f"{text!r} is not a diary field; use one of {', '.join(sorted(TARGETS))}"
            )
        if match[2] is None:
            return cls(match[1])
        if match[1] not in SCALED:
            raise ValueError(f"only {', '.join(SCALED)} can be rescaled")
        try:
            low, high = Decimal(match[2]), Decimal(match[3])
        except InvalidOperation as exc:
            raise ValueError(f"{text!r}: the scale must be two numbers, e.g. 1-5") from exc
        if low == high:
            raise ValueError(f"{text!r}: the scale needs two different ends")
        return cls(match[1], (low, high))

    def convert(self, text: str) -> Decimal | int:
        name, (out_low, out_high) = self.field, SCALED[self.field]
        value = _number(text, name)
        if self.scale:
            low, high = self.scale
            if not min(low, high) <= value <= max(low, high):
                raise entries.EntryError(name, f"must be from {min(low, high)} to {max(low, high)}")
            value = out_low + (value - low) * (out_high - out_low) / (high - low)
        if name == "sleep_hours":
            value = value.quantize(Decimal("0.1"), ROUND_HALF_UP)
        elif self.scale:
            value = value.quantize(Decimal(1), ROUND_HALF_UP)
        elif value != value.to_integral_value():
            raise entries.EntryError(
                name, f"must be a whole number; to round, map it as {name}:{out_low}-{out_high}"
            )
        if not out_low <= value <= out_high:
            raise entries.EntryError(name, f"must be from {out_low} to {out_high}")
        return value if name == "sleep_hours" else int(value)


def _plan(mapping: dict[str, str]) -> list[tuple[str, Target]]:
    plan = [(column, Target.parse(target)) for column, target in mapping.items()]
    fields = [t.field for _, t in plan if t.field not in REPEATABLE]
    repeated = {f for f in fields if fields.count(f) > 1}
    if repeated:
        raise ValueError(f"more than one column is mapped to {', '.join(sorted(repeated))}")
    parts = {t.field for _, t in plan} & {"year", "month", "day"}
    if parts and (len(parts) != 3 or "local_date" in fields):
        raise ValueError("map all of year, month and day, or local_date, not both")
    if not parts and "local_date" not in fields:
        raise ValueError("map a column to local_date (or to year, month and day)")
    return plan


def _mapped(cells: dict[str, str], plan, date_format) -> dict:
    values: dict = {}
    parts: dict[str, int] = {}
    tags, notes, regions = [], [], []
    local_date = entered_at = None
    for column, target in plan:
        raw, name = cells.get(column, "").strip(), target.field
        if not raw or name == "ignore":
            continue
        if name in SCALED:
            values[name] = target.convert(raw)
        elif name in ("year", "month", "day"):
            parts[name] = _whole(raw, name, 1, 9999)
        elif name == "local_date":
            local_date = _day(raw, date_format)
        elif name == "entered_at":
            entered_at = _instant(raw)
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
    values["note"] = _text("\n".join(notes), "note", 2000)
    values["locations"] = _regions(regions)
    return {
        "values": values,
        "local_date": local_date,
        "entered_at": entered_at,
        "tags": _tags(tags),
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
    plan = _plan(mapping)
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
        entry_id = _derived_id(patient, cells, seen)
        _save(CheckIn, patient, actor, report, entry_id=entry_id, **kwargs)
        return True

    return _run(lines, report, progress, handle)


SYNONYMS = {
    "local_date": "date day_date localdate entry_date datum fecha",
    "entered_at": "entered_at timestamp datetime created_at time_stamp",
    "year": "year startyear",
    "month": "month startmonth",
    "day": "startday",
    "pain_avg": "pain pain_avg pain_level pain_score average_pain avg_pain pain_intensity "
    "overall_pain intensity pain_rating",
    "pain_now": "pain_now current_pain",
    "morning_pain": "morning_pain pain_on_waking",
    "fatigue": "fatigue tiredness tired fatigue_level",
    "sleep_hours": "sleep slept sleep_hours hours_slept hours_of_sleep sleep_duration",
    "sleep_quality": "sleep_quality",
    "stress": "stress stress_level",
    "mood": "mood mood_score",
    "in_flare": "flare in_flare flare_up flareup",
    "locations": "location locations pain_location pain_locations body_part body_parts region",
    "tags": "tags tag triggers labels",
    "note": "note notes comment comments journal description",
}
_KNOWN = {word.replace("_", ""): target for target, ws in SYNONYMS.items() for word in ws.split()}


def suggest_mapping(header: Iterable[str]) -> dict[str, str]:
    """Guess a mapping from common column names (first match wins); check it before use."""
    columns = [h.strip() for h in header]
    guess, used = {}, set()
    keys = {c: re.sub(r"[^a-z0-9]", "", c.lower().removeprefix("\ufeff")) for c in columns}
    has_parts = {"year", "month"} <= {_KNOWN.get(k) for k in keys.values()}
    for column in columns:
        target = _KNOWN.get(keys[column])
        if keys[column] == "day" and has_parts:
            target = "day"
        if target and (target in REPEATABLE or target not in used):
            guess[column] = target
            used.add(target)
    if {"year", "month", "day"} <= used:
        guess = {c: t for c, t in guess.items() if t != "local_date"}
    return guess


def check_mapping(mapping: dict[str, str]) -> None:
    """Raise ValueError (with a message for people) when `mapping` cannot work."""
    _plan(mapping)
