"""One day's summary, derived from all of that day's entries (never by overwriting any).

The rule (documented in docs/diary.md):
- the day's pain: the day's latest "average pain" answer; if none, the mean of the day's
  "pain now" answers; if none, the pain on waking (so a person who checks in only in the
  morning has a day's pain). ``pain_source`` says which ("day", "now" or "waking");
- pain on waking, sleep hours and sleep quality: from the day's earliest check-in that gave
  them (they describe the night and the morning);
- fatigue, stress and mood: from the day's latest check-in that gave them (the day as a whole);
- flare: yes if any check-in that day said so (a declared flare is taken at face value for
  the whole day; one said by mistake is undone on Today, which takes the answer back);
- activity: every session counts; amounts add up (minutes, or sets x reps).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from pacewise.core.facts import ActivitySession, DayRecord
from pacewise.core.tag_kinds import marks_cycle_start


@dataclass(frozen=True)
class CheckInEntry:
    local_date: date
    entered_at: datetime
    pain_now: int | None = None
    pain_avg: int | None = None
    morning_pain: int | None = None
    fatigue: int | None = None
    sleep_hours: float | None = None
    sleep_quality: int | None = None
    stress: int | None = None
    mood: int | None = None
    in_flare: bool = False
    kind: str = "full"  # full | morning | flare
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class SessionEntry:
    local_date: date
    activity: str
    minutes: int | None = None
    sets: int | None = None
    reps: int | None = None
    exertion: int | None = None
    pain_peak: int | None = None
    pain_after: int | None = None
    planned: bool = False

    @property
    def amount(self) -> float:
        if self.minutes is not None:
            return float(self.minutes)
        if self.sets is not None and self.reps is not None:
            return float(self.sets * self.reps)
        return 0.0


@dataclass(frozen=True)
class DaySummary:
    date: date
    avg_pain: float | None
    morning_pain: int | None
    fatigue: int | None
    sleep_hours: float | None
    sleep_quality: int | None
    stress: int | None
    mood: int | None
    flare: bool
    minutes: float
    checkins: int
    sessions: tuple[SessionEntry, ...]
    pain_source: str | None = None  # "day", "now" or "waking": where the day's pain came from
    cycle_start: bool = False  # a check-in tagged the day a period began

    def to_record(self) -> DayRecord:
        """The pacing engine's view of this day."""
        return DayRecord(
            date=self.date,
            avg_pain=self.avg_pain,
            morning_pain=self.morning_pain,
            fatigue=self.fatigue,
            sleep_hours=self.sleep_hours,
            stress=self.stress,
            flare=self.flare,
            cycle_start=self.cycle_start,
            sessions=tuple(
                ActivitySession(
                    activity=s.activity,
                    amount=s.amount,
                    exertion=s.exertion,
                    pain_during=s.pain_peak,
                    pain_after=s.pain_after,
                    planned=s.planned,
                )
                for s in self.sessions
            ),
        )


def _first(values: Iterable):
    return next((v for v in values if v is not None), None)


def summarize_day(
    day: date, checkins: Sequence[CheckInEntry], sessions: Sequence[SessionEntry]
) -> DaySummary:
    ordered = sorted((c for c in checkins if c.local_date == day), key=lambda c: c.entered_at)
    latest_first = list(reversed(ordered))
    avg, source = day_pain(ordered)
    todays = tuple(s for s in sessions if s.local_date == day)
    return DaySummary(
        date=day,
        avg_pain=avg,
        morning_pain=_first(c.morning_pain for c in ordered),
        fatigue=_first(c.fatigue for c in latest_first),
        sleep_hours=_first(c.sleep_hours for c in ordered),
        sleep_quality=_first(c.sleep_quality for c in ordered),
        stress=_first(c.stress for c in latest_first),
        mood=_first(c.mood for c in latest_first),
        flare=any(c.in_flare for c in ordered),
        minutes=sum(s.minutes or 0 for s in todays),
        checkins=len(ordered),
        sessions=todays,
        pain_source=source,
        cycle_start=any(marks_cycle_start(t) for c in ordered for t in c.tags),
    )


def day_pain(ordered: Sequence[CheckInEntry]) -> tuple[float | None, str | None]:
    """The day's pain from its check-ins (oldest first), and which answer it came from."""
    avg = _first(c.pain_avg for c in reversed(ordered))
    if avg is not None:
        return float(avg), "day"
    now_values = [c.pain_now for c in ordered if c.pain_now is not None]
    if now_values:
        return round(sum(now_values) / len(now_values), 1), "now"
    waking = _first(c.morning_pain for c in ordered)
    if waking is not None:
        return float(waking), "waking"
    return None, None


def summarize_days(
    checkins: Sequence[CheckInEntry], sessions: Sequence[SessionEntry]
) -> list[DaySummary]:
    """Summaries for every day that has any entry, oldest first. Days without entries are gaps."""
    days = sorted({c.local_date for c in checkins} | {s.local_date for s in sessions})
    by_day_c: dict[date, list[CheckInEntry]] = {}
    by_day_s: dict[date, list[SessionEntry]] = {}
    for c in checkins:
        by_day_c.setdefault(c.local_date, []).append(c)
    for s in sessions:
        by_day_s.setdefault(s.local_date, []).append(s)
    return [summarize_day(d, by_day_c.get(d, []), by_day_s.get(d, [])) for d in days]

