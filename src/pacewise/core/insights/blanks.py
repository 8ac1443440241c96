"""What other programs write in a cell that was left empty.

R writes NA, pandas and spreadsheets NaN or #N/A, databases null, SAS and Stata ".", and people
"-". Reading them as blanks keeps the rest of the day instead of refusing it. Shared by
`pacewise analyze` and the mapped import of another tracker's CSV (the native Pacewise CSV
stays exact). Pure: no Django, no I/O.
"""

from __future__ import annotations

MISSING_MARKERS = frozenset({"na", "n/a", "nan", "null", "#n/a", ".", "-"})


def is_blank(cell: str) -> bool:
    """An empty cell, or one holding only a missing-value marker (any case)."""
    text = cell.strip()
    return not text or text.lower() in MISSING_MARKERS
