"""When questionnaires are due: at the start, then at about 1, 3 and 6 months.

Each occasion opens a little before its date and stays open for two weeks after it, so a busy
or hard week does not mean a missed measurement. These windows are conventions chosen for
Pacewise (see docs/evidence/instruments.md), not figures from a trial.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

# (occasion key, label, weeks after the start)
OCCASIONS: tuple[tuple[str, str, int], ...] = (
    ("baseline", "At the start", 0),
    ("week4", "After 1 month", 4),
    ("week12", "After 3 months", 12),
    ("week26", "After 6 months", 26),
)
OPENS_BEFORE = timedelta(days=7)
STAYS_OPEN = timedelta(days=14)
# Instruments asked at every occasion, in the order they are offered.
SCHEDULED = ("peg", "phq9", "gad7")
# Valid short forms a person may use on a flare day (the full form stays due).
FLARE_SHORT_FORMS = {"phq9": "phq2", "gad7": "gad2"}


@dataclass(frozen=True)
class Done:
    instrument_id: str
    occasion: str
    on: date


@dataclass(frozen=True)
class Due:
    instrument_id: str
    occasion: str
    label: str
    due: date
    opens: date
    closes: date
    status: str  # "open", "upcoming", "done", "missed"
    short_form: str | None = None  # offered instead today, when in a flare


def occasion_dates(start: date) -> list[tuple[str, str, date]]:
    return [(key, label, start + timedelta(weeks=weeks)) for key, label, weeks in OCCASIONS]


def window(start: date, occasion: str) -> tuple[date, date]:
    for key, _label, due in occasion_dates(start):
        if key == occasion:
            opens = due if key == "baseline" else due - OPENS_BEFORE
            return opens, due + STAYS_OPEN
    raise ValueError(f"unknown occasion {occasion!r}")


def current_occasion(start: date, today: date) -> str | None:
    """The occasion whose window contains `today`, if any."""
    for key, _label, _due in occasion_dates(start):
        opens, closes = window(start, key)
        if opens <= today <= closes:
            return key
    return None


def schedule(
    start: date,
    today: date,
    done: Iterable[Done],
    *,
    instruments: Sequence[str] = SCHEDULED,
    in_flare: bool = False,
) -> list[Due]:
    """Every scheduled questionnaire with its status on `today`, earliest first."""
    finished = {(d.instrument_id, d.occasion) for d in done}
    out = []
    for key, label, due in occasion_dates(start):
        opens, closes = window(start, key)
        for instrument_id in instruments:
            if (instrument_id, key) in finished:
                status = "done"
            elif today < opens:
                status = "upcoming"
            elif today <= closes:
                status = "open"
            else:
                status = "missed"
            short = FLARE_SHORT_FORMS.get(instrument_id) if in_flare and status == "open" else None
            out.append(Due(instrument_id, key, label, due, opens, closes, status, short))
    return out


def next_reminder(items: Sequence[Due], today: date) -> Due | None:
    """The one questionnaire to mention gently today: the open one closing soonest."""
    open_items = [d for d in items if d.status == "open"]
    return min(open_items, key=lambda d: (d.closes, d.instrument_id), default=None)
