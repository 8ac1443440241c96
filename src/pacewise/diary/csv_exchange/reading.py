"""Reading a CSV file record by record, in batches of BATCH, and saving each entry."""

from __future__ import annotations

import csv
import uuid
from collections import Counter
from collections.abc import Iterator
from itertools import islice

from django.db import DatabaseError, transaction

from .. import entries
from .report import ImportReport

BATCH = 500
# Fixed, so a row without an id gets the same derived id on every import.
ROW_NAMESPACE = uuid.UUID("6f1d2b8e-3c4a-5e7f-9a0b-1c2d3e4f5a6b")


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


def run_import(lines, report, progress, handle) -> ImportReport:
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


def save_entry(model, patient, actor, report, **kwargs) -> None:
    _, created = entries.create(model, patient, actor, allow_old=True, **kwargs)
    if created:
        report.created += 1
    else:
        report.already_there += 1


def own_id(model, patient, file_id: uuid.UUID) -> uuid.UUID:
    """The id a file's entry gets in this person's diary: its own id, unless that id belongs to
    someone else's entry (a Pacewise export brought into another account), then one derived
    from it for this person, so that importing the same file twice still changes nothing."""
    owner = model.objects.filter(pk=file_id).values_list("patient_id", flat=True).first()
    if owner is None or owner == patient.pk:
        return file_id
    return uuid.uuid5(ROW_NAMESPACE, f"{patient.pk}\x1fimported\x1f{file_id}")


def derived_id(patient, cells: list[str], seen: Counter) -> uuid.UUID:
    key = "\x1f".join(cells)
    seen[key] += 1
    return uuid.uuid5(ROW_NAMESPACE, f"{patient.pk}\x1f{seen[key]}\x1f{key}")
