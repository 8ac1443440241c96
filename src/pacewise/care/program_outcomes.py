"""A clinic's program outcomes (core.care.program_outcomes) read from the records of everyone who
shares with it now, in a constant number of queries, and as CSV."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import timedelta

from pacewise.accounts.models import Patient, active_share
from pacewise.core import instruments as core
from pacewise.core.care import program_outcomes as rules
from pacewise.core.day_summary import summarize_days
from pacewise.core.instruments.schedule import SCHEDULED
from pacewise.diary.convert import entries_for_many
from pacewise.diary.days import today_for
from pacewise.outcomes import registry
from pacewise.outcomes.models import Response
from pacewise.outcomes.responses import program_start

LAST_MILESTONE = max(days for _, _, days in rules.MILESTONES)


def instruments() -> list[tuple[str, str]]:
    """The scheduled questionnaires that have a minimal important change, as (id, name)."""
    out = []
    for inst_id in SCHEDULED:
        instrument = registry.get(inst_id)
        if instrument is not None and instrument.mcid is not None:
            out.append((inst_id, instrument.name))
    return out


def mcid_words() -> str:
    """"PEG 1 point, PHQ-9 5 points, …": each questionnaire's minimal important change."""
    parts = []
    for inst_id, name in instruments():
        value = registry.get(inst_id).mcid.value
        parts.append(f"{name} {value:g} point{'' if value == 1 else 's'}")
    return ", ".join(parts)


def clinic_outcomes(clinic) -> tuple[int, list[rules.Row]]:
    """(people sharing now, the table's rows)."""
    patients = list(
        Patient.objects.filter(active_share("shares__"), shares__clinic=clinic)
        .select_related("user")
        .distinct()
    )
    return len(patients), rules.outcomes(people(patients), instruments())


def people(patients) -> list[rules.PersonOutcome]:
    if not patients:
        return []
    starts = {p.pk: program_start(p) for p in patients}
    todays = {p.pk: today_for(p) for p in patients}
    ids = list(starts)
    end = max(min(todays[pk], starts[pk] + timedelta(LAST_MILESTONE)) for pk in ids)
    entries = entries_for_many(ids, min(starts.values()), end)
    answers = _questionnaires(ids)
    out = []
    for pk in ids:
        days = summarize_days(*entries[pk])
        out.append(rules.PersonOutcome(
            start=starts[pk], today=todays[pk], **answers[pk],
            logged=frozenset(d.date for d in days),
            flare=frozenset(d.date for d in days if d.flare),
            minutes={d.date: d.minutes for d in days},
        ))  # fmt: skip
    return out


def _questionnaires(ids) -> dict:
    """Per person: the (instrument, occasion) pairs answered, compared with a baseline, and
    better than the baseline by the instrument's MCID (core.instruments.change)."""
    rows = Response.objects.scored().filter(patient_id__in=ids).exclude(occasion="short")
    firsts: dict = {}
    by_occasion: dict = defaultdict(dict)
    for r in rows.order_by("completed_at").only("patient_id", "instrument_id", "occasion",
                                                 "answers"):  # fmt: skip
        if r.occasion == "baseline":
            firsts.setdefault((r.patient_id, r.instrument_id), r)
        else:
            by_occasion[r.patient_id][(r.instrument_id, r.occasion)] = r  # the latest counts
    out = {pk: {"answered": set(), "compared": set(), "better": set()} for pk in ids}
    for pk, answered in by_occasion.items():
        for key, response in answered.items():
            out[pk]["answered"].add(key)
            baseline, instrument = firsts.get((pk, key[0])), registry.get(key[0])
            if baseline is None or instrument is None or instrument.mcid is None:
                continue
            out[pk]["compared"].add(key)
            change = core.change(instrument, core.score(instrument, baseline.answers),
                                 core.score(instrument, response.answers))  # fmt: skip
            if change.meaningful and change.direction == "better":
                out[pk]["better"].add(key)
    return {pk: {k: frozenset(v) for k, v in sets.items()} for pk, sets in out.items()}


def outcomes_csv(rows: list[rules.Row]) -> str:
    """One line per measure and milestone; hidden cells say so instead of a figure."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["measure", "milestone", "people", "count", "value", "low_95", "high_95",
                     "note"])  # fmt: skip
    for row in rows:
        for (_, label, _), cell in zip(rules.MILESTONES, row.cells, strict=True):
            if cell.hidden or cell.value is None:
                note = f"fewer than {rules.MIN_CELL} people" if cell.hidden else "no data"
                writer.writerow([row.title, label, "", "", "", "", "", note])
                continue
            writer.writerow([row.title, label, cell.n, "" if cell.count is None else cell.count,
                             round(cell.value, 3), round(cell.low, 3), round(cell.high, 3),
                             row.unit])  # fmt: skip
    return buffer.getvalue()


def cell_text(row: rules.Row, cell: rules.Cell) -> str:
    """A cell in words for the page's table: "42% (28–57%), 12 of 29"."""
    if cell.hidden:
        return f"not shown (fewer than {rules.MIN_CELL} people)"
    if cell.value is None:
        return "no one yet"
    if row.unit == "share":
        return f"{cell.value:.0%} ({cell.low:.0%}–{cell.high:.0%}), {cell.count} of {cell.n}"
    if row.unit == "ratio":
        return f"×{cell.value:.2f} (×{cell.low:.2f}–×{cell.high:.2f}), {cell.n} people"
    return f"{cell.value:.1f} ({cell.low:.1f}–{cell.high:.1f}), {cell.n} people"
