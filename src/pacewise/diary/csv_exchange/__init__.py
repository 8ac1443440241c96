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

# Re-exported: callers read a header as csv_exchange.csv.reader(...).
import csv  # noqa: F401

from .cells import MAX_TAGS
from .columns import (
    ACTIVITY_NUMBERS,
    ACTIVITY_ONLY,
    CHECKIN_ONLY,
    CHECKIN_SCALES,
    COLUMNS,
    KINDS,
    RISKY_START,
)
from .export import export_diary
from .mapped_import import import_mapped
from .mapping import (
    FLAGS,
    REPEATABLE,
    SCALED,
    SYNONYMS,
    TARGETS,
    Target,
    check_mapping,
    suggest_mapping,
)
from .native_import import import_diary
from .reading import BATCH, ROW_NAMESPACE
from .report import MAX_ERRORS, ImportReport, Progress

__all__ = [
    "ACTIVITY_NUMBERS",
    "ACTIVITY_ONLY",
    "BATCH",
    "CHECKIN_ONLY",
    "CHECKIN_SCALES",
    "COLUMNS",
    "FLAGS",
    "ImportReport",
    "KINDS",
    "MAX_ERRORS",
    "MAX_TAGS",
    "Progress",
    "REPEATABLE",
    "RISKY_START",
    "ROW_NAMESPACE",
    "SCALED",
    "SYNONYMS",
    "TARGETS",
    "Target",
    "check_mapping",
    "export_diary",
    "import_diary",
    "import_mapped",
    "suggest_mapping",
]
