"""A realistic made-up visit report (12 weeks, two flares, three questionnaires).

For previews, tests and bench/visit_report.py. Deterministic: the same every time.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from pacewise.core.day_summary import DaySummary, SessionEntry
from pacewise.core.instruments import score
from pacewise.exchange.report import (
    ActivityWeek,
    DateRange,
    VisitReportData,
    questionnaire_result,
)

START = date(2026, 1, 5)
WEEKS = 12
FLARES = (
    DateRange(date(2026, 2, 2), date(2026, 2, 5)),
    DateRange(date(2026, 3, 10), date(2026, 3, 12)),
)
ACTIVITIES = {"Walking": 60, "Stationary bike": 30, "Stretching": 35}


def sample_days(start: date = START, weeks: int = WEEKS) -> list[DaySummary]:
    rng = random.Random(7)
    flare = {d for r in FLARES for d in r.days()}
    days = []
    for i in range(weeks * 7):
        day = start + timedelta(days=i)
        if rng.random() < 0.12:
            continue  # a day without entries stays a gap
        bump = 2.0 if day in flare else 0.0
        pain = min(10.0, round(6.2 - 1.5 * i / (weeks * 7) + bump + rng.uniform(-0.8, 0.8)))
        fatigue = min(10, round(6.5 - 1.0 * i / (weeks * 7) + bump / 2 + rng.uniform(-1, 1)))
        minutes = 0 if day in flare else round(15 + 20 * i / (weeks * 7) + rng.uniform(-5, 5))
        sessions = (SessionEntry(day, "walking", minutes=minutes),) if minutes else ()
        days.append(
            DaySummary(
                date=day,
                avg_pain=float(pain),
                morning_pain=int(pain),
                fatigue=int(fatigue),
                sleep_hours=6.5,
                sleep_quality=3,
                stress=4,
                mood=5,
                flare=day in flare,
                minutes=float(minutes),
                checkins=1,
                sessions=sessions,
            )
        )
    return days


def sample_capacity(start: date = START, weeks: int = WEEKS) -> list[ActivityWeek]:
    out = []
    for activity, first in ACTIVITIES.items():
        for w in range(weeks):
            week = start + timedelta(weeks=w)
            in_flare = any(r.start <= week + timedelta(days=3) <= r.end for r in FLARES)
            total = first * (1.07**w) * (0.55 if in_flare else 1.0)
            out.append(ActivityWeek(activity, week, round(total)))
    return out


def sample_questionnaires() -> list:
    from pacewise.instruments import load_all

    instruments = load_all()
    forms = {
        "phq9": [
            [2, 2, 2, 2, 1, 2, 1, 1, 0],
            [2, 1, 2, 1, 1, 1, 1, 1, 0],
            [1, 1, 1, 1, 1, 1, 1, 1, 0],
        ],
        "gad7": [[2, 2, 2, 1, 1, 2, 1], [2, 1, 2, 1, 1, 2, 1], [1, 1, 2, 1, 1, 2, 1]],
        "peg": [[7, 6, 7], [6, 6, 6], [5, 5, 5]],
    }
    when = [START, START + timedelta(weeks=4), START + timedelta(weeks=WEEKS) - timedelta(days=1)]
    results = []
    for inst_id, answer_rows in forms.items():
        inst = instruments[inst_id]
        history = []
        for values, day in zip(answer_rows, when, strict=True):
            ids = [i.id for i in inst.scored_items]
            history.append((score(inst, dict(zip(ids, values, strict=True))), day))
        results.append(questionnaire_result(inst, history[0], history[-1], history))
    return results


def sample_report(**changes) -> VisitReportData:
    end = START + timedelta(weeks=WEEKS) - timedelta(days=1)
    data = dict(
        person_name="Sam Rivera",
        period_start=START,
        period_end=end,
        generated_on=end + timedelta(days=2),
        days=sample_days(),
        capacity=sample_capacity(),
        flares=FLARES,
        questionnaires=sample_questionnaires(),
        plan=[
            "Walking: 12 minutes a day, split into two sessions if needed.",
            "Stationary bike: 8 minutes, three days a week, easy effort.",
            "Stretching: 10 minutes in the evening, gentle range only.",
            "Flare plan: halve the quotas, keep gentle mobility, build back over 1-2 weeks.",
        ],
        insights=[
            "Walking time grew from about 60 to about 120 minutes a week without more flares.",
            "Both flares followed weeks with less sleep; not enough data yet to call it a trigger.",
            "Morning pain settles back to usual within a day after bike sessions.",
        ],
        questions=[
            "Is it safe to add a short walk on flare days?",
            "Could my sleep be part of why the flares happen?",
            "Should I try a different medicine for the night pain?",
        ],
    )
    data.update(changes)
    return VisitReportData(**data)
