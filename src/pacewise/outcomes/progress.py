"""Each questionnaire's history, and change from the start judged by the core's MCID rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pacewise.core import instruments as core

from . import registry
from .models import Response


@dataclass(frozen=True)
class Trend:
    instrument: core.Instrument
    points: list[tuple[date, float]]
    responses: list[Response]
    baseline: Response
    latest: Response
    change: core.Change | None


def trends(patient) -> list[Trend]:
    rows = (
        Response.objects.scored()
        .filter(patient=patient)
        .exclude(occasion="short")
        .order_by("completed_at")
    )
    return trends_from(rows)


def trends_from(rows) -> list[Trend]:
    """``trends`` from one person's scored responses (not short forms), oldest first."""
    out = []
    by_instrument: dict[str, list[Response]] = {}
    for row in rows:
        by_instrument.setdefault(row.instrument_id, []).append(row)
    for instrument_id, responses in sorted(by_instrument.items()):
        instrument = registry.get(instrument_id)
        if instrument is None:
            continue
        first, last = responses[0], responses[-1]
        change = None
        if len(responses) > 1 and instrument.mcid is not None:
            change = core.change(
                instrument,
                core.score(instrument, first.answers),
                core.score(instrument, last.answers),
            )
        points = [(r.local_date, r.total) for r in responses]
        out.append(Trend(instrument, points, responses, first, last, change))
    return out
