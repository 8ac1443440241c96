"""Small rules shared by parsing, scoring and comparing: value kinds, tolerance, wording."""

from __future__ import annotations

from typing import Any

#: Tolerance for floating-point totals (means) against band bounds and the MCID.
EPSILON = 1e-9


def is_kind(value: Any, kind: type | tuple[type, ...]) -> bool:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool) and bool not in kinds:
        return False
    return isinstance(value, kinds)


def format_score(x: float) -> str:
    x = round(float(x), 1)
    return str(int(x)) if x.is_integer() else f"{x:.1f}"
