"""Reminders the person shapes: which ones, at what time of their day, quiet hours, "not today",
and spacing out by themselves after reminders that went unanswered. Never streaks or guilt.

Which reminders are due is decided here, from the person's wishes, their time zone and what
was already sent; the caller gives the instant (no clock here). Times are wall-clock times in
the person's current zone, so a traveller is reminded at 08:30 where they are, and a
reminder set inside the hour a clock change skips comes when the clock reaches it (02:30 on
the spring change comes at 03:00); on the autumn change it is not sent twice.

Spacing out (a convention, not a trial figure): after ``SPACE_OUT_AFTER`` reminders of a kind in
a row that were not followed by the thing itself that day, the kind is sent every second day,
after twice as many every third; anything answered, or "not today", resets it. The reminder
says so in plain words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

KINDS = ("morning", "evening", "bouts", "weekly_review")
LABELS = {
    "morning": "Morning check-in",
    "evening": "Evening check-in",
    "bouts": "Movement for today",
    "weekly_review": "Weekly review",
}
DEFAULT_TIMES = {
    "morning": time(8, 30),
    "evening": time(20, 0),
    "bouts": time(14, 0),
    "weekly_review": time(18, 0),
}
SPACE_OUT_AFTER = 3
# A reminder not sent within this long of its time (the sender was stopped, quiet hours ran
# long) is left for the next day: a morning check-in reminder at 23:00 helps nobody.
LATE_BY = timedelta(hours=3)


@dataclass(frozen=True)
class Wish:
    kind: str
    on: bool
    at: time


@dataclass(frozen=True)
class Wishes:
    wishes: tuple[Wish, ...]
    quiet_from: time | None = None  # quiet hours, e.g. 21:30 to 07:30 (may pass midnight)
    quiet_until: time | None = None

    def wish(self, kind: str) -> Wish | None:
        return next((w for w in self.wishes if w.kind == kind), None)


@dataclass(frozen=True)
class Sent:
    kind: str
    day: date  # the person's local day it was sent on
    answered: bool  # the thing itself was done that day, or they said "not today"


@dataclass(frozen=True)
class Due:
    kind: str
    day: date
    every: int  # 1: daily; 2: every second day (spaced out), ...

    @property
    def spacing_words(self) -> str:
        if self.every == 1:
            return ""
        return (
            f"You haven't needed these lately, so they now come every {self.every} days. "
            "Change that any time in Reminders."
        )


def wishes_or_defaults(stored: dict | None) -> Wishes:
    """The person's stored wishes (``{"kinds": {kind: {"on", "at"}}, "quiet": [from, until]}``),
    every kind off at its default time when nothing is stored: reminders are asked for, never
    assumed."""
    kinds = (stored or {}).get("kinds", {})
    wishes = []
    for kind in KINDS:
        mine = kinds.get(kind, {})
        at = time.fromisoformat(mine["at"]) if mine.get("at") else DEFAULT_TIMES[kind]
        wishes.append(Wish(kind, bool(mine.get("on")), at))
    quiet = (stored or {}).get("quiet") or [None, None]
    start, end = (time.fromisoformat(q) if q else None for q in quiet)
    return Wishes(tuple(wishes), start, end)


def in_quiet_hours(wishes: Wishes, at: time) -> bool:
    start, end = wishes.quiet_from, wishes.quiet_until
    if start is None or end is None or start == end:
        return False
    if start < end:
        return start <= at < end
    return at >= start or at < end  # quiet hours past midnight


def every(history: Sequence[Sent], kind: str) -> int:
    """1, 2 or 3: how often a kind is sent, from how many in a row went unanswered."""
    unanswered = 0
    for sent in sorted((s for s in history if s.kind == kind), key=lambda s: s.day, reverse=True):
        if sent.answered:
            break
        unanswered += 1
    if unanswered >= 2 * SPACE_OUT_AFTER:
        return 3
    return 2 if unanswered >= SPACE_OUT_AFTER else 1


def due(
    wishes: Wishes,
    zone: str,
    now: datetime,
    history: Iterable[Sent],
    *,
    needed: set[str],
    skipped_today: bool = False,
) -> list[Due]:
    """The reminders to send at ``now`` (aware): switched on, useful today (``needed``: not
    done yet, e.g. no morning check-in so far today), at or after their time and within
    ``LATE_BY`` of it, outside quiet hours, not sent today, the person has not said "not
    today", and spaced out when earlier ones went unanswered."""
    if now.tzinfo is None:
        raise ValueError("now must carry a time zone")
    local = now.astimezone(ZoneInfo(zone))
    today, clock = local.date(), local.time().replace(tzinfo=None)
    if skipped_today or in_quiet_hours(wishes, clock):
        return []
    past = list(history)
    out = []
    for wish in wishes.wishes:
        if not wish.on or wish.kind not in needed:
            continue
        start = _starts(wishes, wish, today)
        if start is None or not start <= datetime.combine(today, clock) < start + LATE_BY:
            continue
        mine = [s for s in past if s.kind == wish.kind]
        if any(s.day == today for s in mine):
            continue
        spacing = every(past, wish.kind)
        last = max((s.day for s in mine), default=None)
        if last is not None and (today - last).days < spacing:
            continue
        out.append(Due(wish.kind, today, spacing))
    return out


def _starts(wishes: Wishes, wish: Wish, today: date) -> datetime | None:
    """When a reminder may come today: at its time, or, set inside quiet hours, when they end
    later the same day (quiet hours ending the next morning hold it for the day)."""
    if not in_quiet_hours(wishes, wish.at):
        return datetime.combine(today, wish.at)
    end = wishes.quiet_until
    return datetime.combine(today, end) if end is not None and end > wish.at else None
