"""Where a person's symptoms start to answer the load, learned from their own diary.

A day *went well* for an activity when it was no flare, pain during stayed within the
pain-monitoring limit and the next morning (fatigue-dominant: the next two mornings, NICE
NG206) settled, not 2+ points above usual (Thomeé 1997). From the days that did and did not:

* ``settled``: an amount shown to go well on a full day. The upper quartile of the good days'
  amounts (a light day shows what the person had time for, not what they tolerate), and never
  less than the usual amount they reported at onboarding until their symptoms answer a load
  below it: a short day with settled symptoms is no evidence of a lower tolerance.
* ``answered``: the smallest amount above the person's ordinary good day (the median) after
  which symptoms answered. A response after a day no bigger than the days that went well is
  noise or another cause, not the load, so it moves nothing.

Uncertainty is carried by ``days``: with few days a single lucky or unlucky one would decide,
so the weekly step only uses the estimate from ``t.TOLERANCE_MIN_DAYS`` good days.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median, quantiles

from pacewise.core import thresholds as t
from pacewise.core.diary import Diary, Usual, pain_limit
from pacewise.core.facts import DayRecord

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Tolerance:
    settled: float | None  # an amount shown (or reported) to go well on a full day
    answered: float | None  # the smallest load above an ordinary day that symptoms answered
    good_days: int  # days that went well, the evidence behind ``settled``
    from_report: bool = False  # ``settled`` is the reported usual amount, not yet exceeded
    best: float | None = None  # the second-largest amount that went well (done twice or more)


def went_well(
    record: DayRecord, key: str, diary: Diary, usual: Usual, limit: float, fatigue: bool
) -> bool:
    if record.flare:
        return False
    during = [s.pain_during for s in record.sessions if s.activity == key]
    if any(p is not None and p > limit for p in during):
        return False
    if usual.pain is None:
        return True
    ahead = t.LOOKAHEAD_MORNINGS_FATIGUE if fatigue else t.LOOKAHEAD_MORNINGS
    for k in range(1, ahead + 1):
        pain = diary.pain(record.date + k * ONE_DAY)
        if pain is not None and pain >= usual.pain + t.FLARE_PAIN_MARGIN:
            return False
    return True


def learn(
    key: str,
    days: Sequence[DayRecord],
    diary: Diary,
    usual: Usual,
    fatigue: bool,
    reported: float | None = None,
) -> Tolerance:
    """The tolerance shown by ``days`` (records on which ``key`` was done), ``diary`` giving
    the mornings after them."""
    limit = pain_limit(usual.pain)
    well = [went_well(r, key, diary, usual, limit, fatigue) for r in days]
    ok = [r.amount(key) for r, w in zip(days, well, strict=True) if w]
    not_ok = [r.amount(key) for r, w in zip(days, well, strict=True) if not w]
    shown = upper_quartile(ok)
    answered = _answered_load(ok, not_ok)
    best = sorted(ok)[-2] if len(ok) >= 2 else None
    if reported is None or reported <= 0:
        return Tolerance(shown, answered, len(ok), best=best)
    believed = reported if answered is None else min(reported, answered)
    if shown is not None and shown >= believed:
        return Tolerance(shown, answered, len(ok), best=best)
    return Tolerance(believed, answered, len(ok), from_report=True, best=best)


def recent(
    key: str,
    diary: Diary,
    usual: Usual,
    fatigue: bool,
    since: date,
    end: date,
    reported: float | None = None,
) -> Tolerance:
    """The tolerance shown in the ``t.TOLERANCE_WINDOW_DAYS`` up to ``end`` (inclusive) and
    from ``since`` (the plan's first day: the baseline's amounts already set the first plan),
    reading only mornings up to ``end``: a weekly review made at the end of its week never
    reads a day after it."""
    ahead = t.LOOKAHEAD_MORNINGS_FATIGUE if fatigue else t.LOOKAHEAD_MORNINGS
    last = end - ahead * ONE_DAY
    first = max(since, end - timedelta(days=t.TOLERANCE_WINDOW_DAYS - 1))
    records = diary.logged(first, last)
    days = [r for r in records if r.did(key)]
    return learn(key, days, diary, usual, fatigue, reported)


def upper_quartile(amounts: Sequence[float]) -> float | None:
    if not amounts:
        return None
    if len(amounts) == 1:
        return float(amounts[0])
    return float(quantiles(amounts, n=4, method="inclusive")[2])


def _answered_load(ok: list[float], not_ok: list[float]) -> float | None:
    """The load symptoms answer: the second-smallest amount above an ordinary good day (their
    median) after which symptoms answered, when such days answered clearly more often than
    the days up to the ordinary amount (``t.ANSWER_MARGIN`` more of them). A response after a
    day no bigger than the days that went well, or one as common below as above, is noise or
    another cause, not the load."""
    ordinary = float(median(ok)) if ok else 0.0
    above = [x for x in not_ok if x > ordinary]
    if len(above) < 2:
        return min(above) if above and not ok else None
    below = len(not_ok) - len(above)
    share_above = len(above) / (len(above) + sum(1 for x in ok if x > ordinary))
    share_below = below / max(1, below + sum(1 for x in ok if x <= ordinary))
    if share_above < share_below + t.ANSWER_MARGIN:
        return None
    return sorted(above)[1]
