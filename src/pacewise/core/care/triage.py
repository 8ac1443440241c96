"""Who on a caseload needs their clinician today, and why: one pure rule per reason.

Each rule reads a person's ``CaseFacts`` (their recent diary and a few figures the shell
gathers) and returns a ``Reason`` with a plain sentence that carries its figures, or None.
Every threshold is in ``thresholds`` with its source (docs/evidence/triage.md).

A reason has an ``episode``: the day the data began to give it (the flare's first day, the
last entry before the silence, the first day the pain rise showed). A clinician's "seen"
mark names the episode, so the reason leaves the list until the data give a new one (a new
flare, a new silence, a rise that settled and came back), never merely because a day passed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import mean, median

from pacewise.core import thresholds as t
from pacewise.core.facts import DayRecord
from pacewise.core.pacing.flare import declared_runs

ONE_DAY = timedelta(days=1)

# Most urgent first: the order of the caseload. Open safety answers and red flags are above
# every reason here, each with its own follow-up form (care/caseload.html).
KINDS = ("long_flare", "pain_rising", "questionnaire_worse", "drop_off", "far_from_plan",
         "high_outlook", "questionnaire_overdue")  # fmt: skip
TITLES = {
    "high_outlook": "Flare outlook higher",
    "far_from_plan": "Far from the plan",
    "long_flare": "Flare longer than usual",
    "pain_rising": "Pain rising",
    "questionnaire_worse": "Questionnaire worse",
    "drop_off": "Stopped logging",
    "questionnaire_overdue": "Questionnaire overdue",
}


@dataclass(frozen=True)
class Reason:
    kind: str
    text: str
    episode: date  # the day the data began to give this reason

    @property
    def rank(self) -> int:
        return KINDS.index(self.kind)

    @property
    def title(self) -> str:
        return TITLES[self.kind]


@dataclass(frozen=True)
class Overdue:
    name: str  # "PEG (3 months)"
    due: date


@dataclass(frozen=True)
class Worse:
    name: str  # "PHQ-9"
    before: float
    after: float
    mcid: float
    answered: date


@dataclass(frozen=True)
class OutlookFacts:
    """The person's flare outlook as the Insights page gives it (core.insights.forecast.outlook),
    read ahead of the visit: the level, whether its number is earned, the chance and the
    usual chance, the signals behind it (forecast feature names), and since when it has been
    at this level."""

    level: str
    earned: bool
    chance: float | None
    usual: float | None
    signals: tuple[str, ...]
    since: date


SIGNAL_WORDS = {  # core.insights.forecast.FEATURES, in the third person for the care team
    "spike": "activity well above their 4-week average",
    "overdid": "a lot more than usual in the last two days",
    "sleep_debt": "less sleep than usual",
    "stress": "more stress than usual",
    "pain_trend": "pain creeping up",
}


@dataclass(frozen=True)
class CaseFacts:
    """What the rules read about one person. ``days``: their diary days (oldest first), at
    least the last ``t.TRIAGE_LOOKBACK_DAYS``; ``flare_days``: how long the current flare has
    lasted (``pacing.flare_days``, 0: none)."""

    today: date
    days: Sequence[DayRecord]
    flare_days: int = 0
    overdue: tuple[Overdue, ...] = ()
    worse: tuple[Worse, ...] = ()
    planned: dict[date, float] | None = None  # the plan's daily minutes (None: no plan)
    moved: dict[date, float] | None = None  # minutes of movement logged (DaySummary.minutes)
    outlook: OutlookFacts | None = None


def reasons(facts: CaseFacts) -> list[Reason]:
    """Every reason the data give today, most urgent first."""
    found = [
        rule(facts)
        for rule in (long_flare, pain_rising, questionnaire_worse, drop_off, far_from_plan,
                     high_outlook, questionnaire_overdue)  # fmt: skip
    ]
    return sorted((r for r in found if r is not None), key=lambda r: r.rank)


def long_flare(f: CaseFacts) -> Reason | None:
    """In a flare for ``t.LONG_FLARE_DAYS`` or more, or for longer than their own flares
    usually last (``t.TRIAGE_FLARE_LONGER`` × the median of at least
    ``t.TRIAGE_MIN_PAST_FLARES`` earlier ones, and at least ``t.TRIAGE_FLARE_MIN_DAYS``)."""
    if f.flare_days <= 0:
        return None
    start = f.today - (f.flare_days - 1) * ONE_DAY
    past = [(last - first).days + 1 for first, last in declared_runs(f.days) if first < start]
    usual = median(past) if len(past) >= t.TRIAGE_MIN_PAST_FLARES else None
    longer = (
        usual is not None
        and f.flare_days >= t.TRIAGE_FLARE_MIN_DAYS
        and f.flare_days > t.TRIAGE_FLARE_LONGER * usual
    )
    if f.flare_days < t.LONG_FLARE_DAYS and not longer:
        return None
    than = f" (their flares usually last about {usual:g} days)" if usual is not None else ""
    return Reason(
        "long_flare",
        f"In a flare for {f.flare_days} days{than}. Get in touch, and check for symptoms that "
        "need a doctor.",
        start,
    )


def pain_rising(f: CaseFacts) -> Reason | None:
    """The last 7 days' mean pain (today included) at least ``t.TRIAGE_PAIN_RISE`` points, or
    ``t.TRIAGE_PAIN_RISE_SHARE`` of it and at least ``t.TRIAGE_PAIN_RISE_MIN`` points, above
    the mean of the 28 days before them (the meaningful change, Farrar 2001), each with enough
    values. The episode is the first day on which the rise showed, looking back while it held."""
    rise = _rise_on(f.days, f.today)
    if rise is None:
        return None
    episode = f.today
    while episode > f.today - t.TRIAGE_LOOKBACK_DAYS * ONE_DAY:
        if _rise_on(f.days, episode - ONE_DAY) is None:
            break
        episode -= ONE_DAY
    recent, before = rise
    return Reason(
        "pain_rising",
        f"{recent:.1f}/10 on average over the last 7 days, against {before:.1f} over the 4 "
        "weeks before.",
        episode,
    )


def _rise_on(days: Sequence[DayRecord], today: date) -> tuple[float, float] | None:
    week = _pains(days, today - 6 * ONE_DAY, today + ONE_DAY)  # today included
    month = _pains(days, today - 34 * ONE_DAY, today - 6 * ONE_DAY)
    if len(week) < t.TRIAGE_MIN_WEEK_PAINS or len(month) < t.TRIAGE_MIN_MONTH_PAINS:
        return None
    recent, before = mean(week), mean(month)
    rise = recent - before
    relative = before > 0 and rise / before >= t.TRIAGE_PAIN_RISE_SHARE
    if rise >= t.TRIAGE_PAIN_RISE or (relative and rise >= t.TRIAGE_PAIN_RISE_MIN):
        return recent, before
    return None


def _pains(days: Sequence[DayRecord], first: date, end: date) -> list[float]:
    """The day's pain (``core.day_summary.day_pain``: the latest "pain today" answer, else the
    mean of "pain now", else pain on waking; a morning-only diary still counts) on days in
    [first, end): the figure the diary and the charts show, not the engine's morning-first
    readiness figure."""
    return [r.avg_pain for r in days if first <= r.date < end and r.avg_pain is not None]


def drop_off(f: CaseFacts) -> Reason | None:
    """Logging regularly (``t.TRIAGE_ACTIVE_DAYS`` days in the 4 weeks before), then nothing
    for the last ``t.TRIAGE_SILENT_DAYS`` days."""
    silent_from = f.today - t.TRIAGE_SILENT_DAYS * ONE_DAY
    logged = [r.date for r in f.days if r.date < f.today]
    if not logged or logged[-1] >= silent_from:
        return None
    last = logged[-1]
    active = [d for d in logged if last - 28 * ONE_DAY < d <= last]
    if len(active) < t.TRIAGE_ACTIVE_DAYS:
        return None
    quiet = (f.today - last).days - 1
    return Reason(
        "drop_off",
        f"No entries for {quiet} days, after {len(active)} days logged in the 4 weeks before "
        f"(last on {last:%-d %b}). A short, kind message often helps.",
        last,
    )


def questionnaire_worse(f: CaseFacts) -> Reason | None:
    if not f.worse:
        return None
    parts = [
        f"{w.name} went from {w.before:g} to {w.after:g} (a meaningful change is {w.mcid:g})"
        for w in f.worse
    ]
    return Reason(
        "questionnaire_worse",
        "; ".join(parts) + ".",
        max(w.answered for w in f.worse),
    )


def questionnaire_overdue(f: CaseFacts) -> Reason | None:
    late = [o for o in f.overdue if (f.today - o.due).days >= t.TRIAGE_OVERDUE_DAYS]
    if not late:
        return None
    names = "; ".join(f"{o.name}, due {o.due:%-d %b}" for o in late)
    first = min(o.due for o in late)
    return Reason("questionnaire_overdue", f"{names}.", first)


def far_from_plan(f: CaseFacts) -> Reason | None:
    """Well above the plan (boom-bust) or well below it (avoidance) for two weeks: over the
    last ``t.TRIAGE_PLAN_DAYS`` days, on at least ``t.TRIAGE_PLAN_MIN_DAYS`` days with both a
    plan and movement logged, at least ``t.TRIAGE_PLAN_SHARE`` of them over
    ``t.TRIAGE_PLAN_OVER`` × the plan or under ``t.TRIAGE_PLAN_UNDER`` × it. The episode is the
    first far day of the current run (far days no more than ``t.TRIAGE_PLAN_RUN_GAP`` apart)."""
    if not f.planned:
        return None
    first = f.today - (t.TRIAGE_PLAN_DAYS - 1) * ONE_DAY
    ratios = _plan_ratios(f, f.today - (t.TRIAGE_LOOKBACK_DAYS - 1) * ONE_DAY)
    recent = {d: r for d, r in ratios.items() if d >= first}
    if len(recent) < t.TRIAGE_PLAN_MIN_DAYS:
        return None
    for way, far in (("above", lambda r: r > t.TRIAGE_PLAN_OVER),
                     ("below", lambda r: r < t.TRIAGE_PLAN_UNDER)):  # fmt: skip
        hits = [d for d, r in recent.items() if far(r)]
        if len(hits) < t.TRIAGE_PLAN_SHARE * len(recent):
            continue
        typical = median(recent[d] for d in hits)
        return Reason("far_from_plan", _plan_words(way, len(hits), len(recent), typical),
                      _run_start(sorted(d for d, r in ratios.items() if far(r))))  # fmt: skip
    return None


def _plan_ratios(f: CaseFacts, first: date) -> dict[date, float]:
    """Movement done ÷ planned, on days from `first` with a plan and movement logged."""
    planned, moved = f.planned or {}, f.moved or {}
    return {
        day: minutes / planned[day]
        for day, minutes in moved.items()
        if first <= day <= f.today and minutes and planned.get(day)
    }


def _run_start(days: list[date]) -> date:
    start = days[-1]
    for earlier in reversed(days[:-1]):
        if (start - earlier).days > t.TRIAGE_PLAN_RUN_GAP:
            break
        start = earlier
    return start


def _plan_words(way: str, hits: int, judged: int, typical: float) -> str:
    if way == "above":
        return (f"Moving well above the plan: on {hits} of {judged} logged days in the last two "
                f"weeks, typically {typical:.1f}× what was asked. Big days followed by harder "
                "ones is the boom-bust pattern; a chat about pacing may help.")  # fmt: skip
    return (f"Moving well below the plan: on {hits} of {judged} logged days in the last two "
            f"weeks, typically {typical:.0%} of what was asked. The plan may be too much for "
            "now, or moving may feel risky; worth asking which.")  # fmt: skip


def high_outlook(f: CaseFacts) -> Reason | None:
    """The flare outlook is "higher" than the person's usual and its number is earned (it has
    beaten their usual rate on their own days: core.insights.forecast), so it is worth a word about
    pacing the next two days. The episode is the day it reached this level."""
    o = f.outlook
    if o is None or o.level != "higher" or not o.earned or o.chance is None:
        return None
    usual = f" (their usual: about {round(100 * o.usual)} in 100)" if o.usual is not None else ""
    why = [SIGNAL_WORDS[s] for s in o.signals if s in SIGNAL_WORDS]
    because = f", with {'; '.join(why)}" if why else ""
    return Reason(
        "high_outlook",
        f"About {round(100 * o.chance)} in 100 chance of a flare starting in the next two "
        f"days{usual}{because}. A word about an easier couple of days may help.",
        o.since,
    )
