"""What free text may hold: the one rule for notes, labels and every string the API reads.

Refused: U+0000 (PostgreSQL cannot store it) and the bidirectional embedding and override
controls U+202A-U+202E, which make text display in an order other than the one it was
written in ("Trojan Source", CVE-2021-42574). Right-to-left writing needs none of them; the
marks U+200E/U+200F and the isolates U+2066-U+2069 stay allowed.
"""

from __future__ import annotations

BIDI_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e")


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be stored as text, or None."""
    if "\x00" in value:
        return "must not contain the NUL character (U+0000)"
    if any(ch in BIDI_OVERRIDES for ch in value):
        return "must not contain direction override characters (U+202A to U+202E)"
    return None
