"""What the plan asked for on past days: its daily movement minutes, replayed from the diary.

Plans are never stored (today/models.py): the plan for a past day is what ``plan_day`` gives
with the diary as it was before that day. Within a plan week the daily quota is the same (a
weekly review, once made, stands: ``progression.replay``), so walking back from the last day,
one replay covers its week; in the baseline weeks, before weekly steps begin, there is one
replay per day. The replays share their weekly reviews (``progression.ReplayCache``). The
amount is the quota of the plan's minute-based activities, before the day-to-day adjustments
for a flare, a rough morning or "easier today".

Pure: no Django, no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from pacewise.core.facts import DayRecord, Profile
from pacewise.core.pacing.day_plan import plan_day
from pacewise.core.pacing.progression import ReplayCache


def planned_minutes(
    profile: Profile, history: Sequence[DayRecord], start: date, end: date
) -> dict[date, float]:
    """Planned minutes of movement (whole minutes) for each day from `start` to `end`."""
    minute_keys = {a.key for a in profile.activities if a.unit == "minutes"}
    out: dict[date, float] = {}
    day = end
    cache = ReplayCache()  # the first replay (to `end`) serves every earlier week
    while minute_keys and day >= start:
        plan = plan_day(profile, history, day, cache=cache)
        # an exercise done on some days a week counts its week's amount spread over the days
        amount = float(round(sum(x.weekly / 7 for x in plan.targets if x.activity in minute_keys)))
        first = plan.week_start if plan.week_start and plan.week_start <= day else day
        first = max(first, start)
        while day >= first:
            out[day] = amount
            day -= timedelta(days=1)
    return out
