"""The "bring this to your appointment" visit report: one HTML document, shown or printed.

`render_html` gives the document (a browser preview); `render_pdf` prints the
same HTML with WeasyPrint on A4, with a footer on every page carrying the page
number and the not-a-diagnostic-device line. Everything the person typed is
HTML-escaped and wrapped so that it reads in its own direction (`dir="auto"`)
and breaks inside long words. Charts are inline SVG (report_charts), each with a
title, a description and a printed caption saying the same in words.

Aimed at one or two A4 pages for a typical 4-12 week period; long lists of
questions or plan lines are never cut, so they can push it to a third.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from string import Template

from pacewise.core.day_summary import DaySummary
from pacewise.core.instruments import CannotCompare, Instrument, Score, change
from pacewise.exchange import report_charts as charts
from pacewise.exchange.report_charts import day_label

NOT_DIAGNOSTIC = (
    "Pacewise is not a diagnostic device. These are self-recorded figures to support "
    "a conversation with a clinician, not a diagnosis."
)


@dataclass(frozen=True)
class DateRange:
    start: date
    end: date

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]


@dataclass(frozen=True)
class ActivityWeek:
    """One activity's total in one week (weeks start on `week_start`)."""

    activity: str
    week_start: date
    total: float
    unit: str = "min"


@dataclass(frozen=True)
class ScorePoint:
    date: date
    score: float


@dataclass(frozen=True)
class QuestionnaireResult:
    name: str
    baseline_score: float
    baseline_date: date
    latest_score: float
    latest_date: date
    change: str  # the change sentence, e.g. core.instruments.change(...).message
    mcid: str  # the minimal important change, e.g. "5 points"
    score_range: tuple[float, float]
    better: str = "lower"
    latest_band: str | None = None
    history: Sequence[ScorePoint] = ()  # every score in the period; baseline/latest if empty


@dataclass(frozen=True)
class VisitReportData:
    person_name: str
    period_start: date
    period_end: date
    generated_on: date
    days: Sequence[DaySummary]
    capacity: Sequence[ActivityWeek] = ()
    flares: Sequence[DateRange] = ()
    questionnaires: Sequence[QuestionnaireResult] = ()
    # each safety item's answer (e.g. PHQ-9 item 9), one line per form, for the care team
    safety: Sequence[str] = ()
    plan: Sequence[str] = ()
    insights: Sequence[str] = ()
    questions: Sequence[str] = ()
    # the clinic version only: the clinic's own notes in the period (care.notes), signed
    clinical_notes: Sequence[str] = ()
    note: str = NOT_DIAGNOSTIC


def questionnaire_result(
    instrument: Instrument,
    baseline: tuple[Score, date],
    latest: tuple[Score, date],
    history: Sequence[tuple[Score, date]] = (),
    *,
    answers: int = 2,
) -> QuestionnaireResult:
    """Build a result from core scores: the change sentence and MCID text come from the core.
    With one answer (``answers=1``) it says so instead of describing a change."""
    (first, first_day), (last, last_day) = baseline, latest
    if answers == 1:
        sentence = (
            f"Answered once so far ({day_label(first_day, True)}); "
            "a change shows from the second answer."
        )
        mcid = _points(instrument.mcid.value) if instrument.mcid else ""
        return _result(instrument, first, first_day, last, last_day, sentence, mcid, history)
    try:
        sentence = change(instrument, first, last).message
        mcid = _points(instrument.mcid.value) if instrument.mcid else ""
    except CannotCompare as exc:
        sentence = f"From {first.total:g} to {last.total:g}."
        mcid = "none (a screener)" if "screener" in str(exc) else ""
    return _result(instrument, first, first_day, last, last_day, sentence, mcid, history)


def _result(instrument, first, first_day, last, last_day, sentence, mcid, history):
    return QuestionnaireResult(
        name=instrument.name,
        baseline_score=first.total,
        baseline_date=first_day,
        latest_score=last.total,
        latest_date=last_day,
        change=sentence,
        mcid=mcid,
        score_range=instrument.score_range,
        better=instrument.better,
        latest_band=last.band_label,
        history=tuple(ScorePoint(d, s.total) for s, d in history),
    )


# ---------------------------------------------------------------- words


def flare_days(data: VisitReportData) -> set[date]:
    days = {d.date for d in data.days if d.flare}
    for r in data.flares:
        days |= set(r.days())
    return {d for d in days if data.period_start <= d <= data.period_end}


def trend_sentence(days: Sequence[DaySummary], attr: str, label: str) -> str:
    """'Pain went down from 6.2 in the first week to 4.8 in the last week (0-10).'"""
    known = sorted((d.date, getattr(d, attr)) for d in days if getattr(d, attr) is not None)
    if not known:
        return f"No {label.lower()} scores were recorded in this period."
    first = [v for day, v in known if day < known[0][0] + timedelta(days=7)]
    last = [v for day, v in known if day > known[-1][0] - timedelta(days=7)]
    a, b = sum(first) / len(first), sum(last) / len(last)
    if known[-1][0] - known[0][0] < timedelta(days=13):
        return f"{label} averaged {_num(sum(v for _, v in known) / len(known))} out of 10."
    if abs(b - a) < 0.5:
        way = f"stayed about the same ({_num(a)} in the first week, {_num(b)} in the last)"
    else:
        word = "went down" if b < a else "went up"
        way = f"{word} from {_num(a)} in the first week to {_num(b)} in the last week"
    return f"{label} {way}, out of 10."


def _glance(data: VisitReportData) -> list[str]:
    period_days = (data.period_end - data.period_start).days + 1
    logged = sum(1 for d in data.days if data.period_start <= d.date <= data.period_end)
    flares = flare_days(data)
    ranges = [f"{day_label(r.start)}\u2013{day_label(r.end)}" for r in data.flares]
    flare_text = f"{len(flares)} flare {'day' if len(flares) == 1 else 'days'}"
    if ranges:
        flare_text += f" ({', '.join(ranges)})"
    return [
        trend_sentence(data.days, "avg_pain", "Pain"),
        trend_sentence(data.days, "fatigue", "Fatigue"),
        f"Entries on {logged} of {period_days} days; {flare_text}.",
    ]


def _capacity_series(weeks: Sequence[ActivityWeek]) -> list[tuple[str, str, list]]:
    by_activity: dict[tuple[str, str], dict[date, float]] = {}
    for w in weeks:
        slot = by_activity.setdefault((w.activity, w.unit), {})
        slot[w.week_start] = slot.get(w.week_start, 0.0) + w.total
    ordered = sorted(by_activity.items(), key=lambda kv: -sum(kv[1].values()))
    return [(a, u, sorted(v.items())) for (a, u), v in ordered]


def _capacity_words(series: list[tuple[str, str, list]]) -> str:
    parts = [
        f"{a}: {_num(w[0][1])} {u} in the week of {day_label(w[0][0])}, "
        f"{_num(w[-1][1])} {u} in the week of {day_label(w[-1][0])}"
        for a, u, w in series[: charts.MAX_PANELS]
    ]
    more = len(series) - charts.MAX_PANELS
    if more > 0:
        parts.append(f"{more} more {'activity' if more == 1 else 'activities'} not drawn")
    return "Weekly totals. " + "; ".join(parts) + "."


def _scores_words(results: Sequence[QuestionnaireResult]) -> str:
    parts = [
        f"{r.name}: {_num(r.baseline_score)} on {day_label(r.baseline_date)}, "
        f"{_num(r.latest_score)} on {day_label(r.latest_date)} ({r.better} is better)"
        for r in results[: charts.MAX_PANELS]
    ]
    return "; ".join(parts) + "."


# ---------------------------------------------------------------- HTML


def _e(text: str) -> str:
    return escape(str(text), quote=True)


def _list(items: Sequence[str], tag: str = "ul", empty: str = "") -> str:
    if not items:
        return f'<p class="muted">{_e(empty)}</p>' if empty else ""
    lis = "".join(f'<li dir="auto">{_e(i)}</li>' for i in items)
    return f"<{tag}>{lis}</{tag}>"


def _figure(chart: charts.Chart) -> str:
    return (
        f'<figure class="chart-figure"><h3>{_e(chart.title)}</h3>{chart.svg}'
        f"<figcaption>{_e(chart.description)}</figcaption></figure>"
    )


def _questionnaires(results: Sequence[QuestionnaireResult]) -> str:
    if not results:
        return '<p class="muted">No questionnaires were completed in this period.</p>'
    rows = "".join(
        f'<tr><th scope="row">{_e(r.name)}</th>'
        f"<td>{_e(_num(r.baseline_score))}<br><small>{_e(day_label(r.baseline_date, True))}"
        f"</small></td><td>{_e(_num(r.latest_score))}{_band(r)}"
        f"<br><small>{_e(day_label(r.latest_date, True))}</small></td>"
        f'<td dir="auto">{_e(r.change)}</td><td>{_e(r.mcid)}</td></tr>'
        for r in results
    )
    head = (
        "<tr><th>Questionnaire</th><th>First</th><th>Latest</th><th>Change</th>"
        "<th>Meaningful change</th></tr>"
    )
    panels = [
        (
            r.name,
            r.score_range[0],
            r.score_range[1],
            r.better,
            [(p.date, p.score) for p in r.history]
            or [(r.baseline_date, r.baseline_score), (r.latest_date, r.latest_score)],
        )
        for r in results
    ]
    chart = charts.scores_chart(panels, _scores_words(results))
    return f'<table class="scores"><thead>{head}</thead><tbody>{rows}</tbody></table>' + _figure(
        chart
    )


def _safety(lines: Sequence[str]) -> str:
    if not lines:
        return ""
    return '<div class="safety"><h3>Safety questions</h3>' + _list(lines) + "</div>"


def _band(r: QuestionnaireResult) -> str:
    return f" <small>({_e(r.latest_band)})</small>" if r.latest_band else ""


def render_html(data: VisitReportData) -> str:
    """The whole report as one self-contained HTML document (no external resources)."""
    if data.period_end < data.period_start:
        raise ValueError("period_end is before period_start")
    flares = flare_days(data)
    days = [d for d in data.days if data.period_start <= d.date <= data.period_end]
    glance = _glance(data)
    trend = charts.trend_chart(days, data.period_start, data.period_end, flares, " ".join(glance))
    series = _capacity_series(data.capacity)
    capacity = (
        _figure(charts.capacity_chart(series, _capacity_words(series)))
        if series
        else '<p class="muted">No activity was logged in this period.</p>'
    )
    period = f"{day_label(data.period_start, True)} \u2013 {day_label(data.period_end, True)}"
    return _PAGE.substitute(
        css=_CSS,
        name=_e(data.person_name),
        period=_e(period),
        generated=_e(day_label(data.generated_on, True)),
        glance=_list(glance),
        trend=_figure(trend),
        capacity=capacity,
        questionnaires=_safety(data.safety) + _questionnaires(data.questionnaires),
        plan=_list(data.plan, empty="No plan lines were included."),
        insights=_list(data.insights, empty="No insights were included."),
        questions=_list(data.questions, "ol", "No questions were added."),
        clinical=_clinical(data.clinical_notes),
        note=_e(data.note),
    )


def _clinical(notes: Sequence[str]) -> str:
    """The clinic's notes, in the clinic's version only (the person's has no such section)."""
    if not notes:
        return ""
    return ('<section class="clinical"><h2>Clinical notes (clinic copy)</h2>'
            + _list(notes) + "</section>")  # fmt: skip


def render_pdf(data: VisitReportData) -> bytes:
    """The report as A4 PDF bytes. Fetches nothing: the document is self-contained."""
    from weasyprint import HTML

    return HTML(string=render_html(data), url_fetcher=_refuse_fetch).write_pdf()


def _refuse_fetch(url: str, *args, **kwargs):
    raise ValueError(f"the visit report loads no external resources ({url[:60]!r})")


def _points(x: float) -> str:
    return f"{_num(x)} {'point' if _num(x) == '1' else 'points'}"


def _num(x: float) -> str:
    x = round(float(x), 1)
    return str(int(x)) if x.is_integer() else f"{x:.1f}"


_PAGE = Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Visit summary: $name</title>
<style>$css</style>
</head>
<body>
<footer class="page-footer">$note</footer>
<header>
<h1>Visit summary</h1>
<p class="who"><bdi class="name">$name</bdi></p>
<p class="meta">Period: $period &middot; Prepared $generated &middot;
Recorded in Pacewise by the person themselves</p>
</header>
<section class="glance"><h2>At a glance</h2>$glance</section>
$trend
<section><h2>Activity capacity</h2>$capacity</section>
<section><h2>Questionnaires</h2>$questionnaires</section>
<section class="cols">
<div><h2>Current plan</h2>$plan</div>
<div><h2>What stands out</h2>$insights</div>
</section>
<section class="questions"><h2>My questions for today</h2>$questions</section>
$clinical
<p class="note">$note</p>
</body>
</html>
""")

_CSS = """
@page {
  size: A4; margin: 14mm 14mm 18mm 14mm;
  @bottom-left { content: element(footer); vertical-align: top; width: 78%; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages);
    font: 7.5pt "DejaVu Sans", sans-serif; color: #5b6770; vertical-align: top; }
}
html { font: 9pt/1.35 "DejaVu Sans", "Noto Color Emoji", sans-serif; color: #1d2327; }
body { margin: 0; overflow-wrap: anywhere; word-break: break-word; }
.page-footer { position: running(footer); font-size: 7.5pt; color: #5b6770; }
@media screen { .page-footer { display: none; } body { max-width: 190mm; margin: 1em auto; } }
h1 { font-size: 16pt; margin: 0; }
h2 { font-size: 11pt; margin: 9pt 0 3pt; border-bottom: 1px solid #d5dadd; }
h3 { font-size: 9.5pt; margin: 6pt 0 2pt; }
header .who { font-size: 12pt; margin: 2pt 0; }
.meta, .muted, figcaption, small { color: #5b6770; }
.meta { margin: 0; font-size: 8.5pt; }
ul, ol { margin: 2pt 0; padding-left: 14pt; }
li { margin: 1pt 0; }
figure { margin: 4pt 0; break-inside: avoid; }
figcaption { font-size: 8pt; }
svg.chart { width: 100%; height: auto; display: block; }
.safety { border: 2px solid #8a1c1c; padding: 0 10px 6px; margin-bottom: 10px;
  break-inside: avoid; }
table.scores { width: 100%; border-collapse: collapse; break-inside: avoid; }
.scores th, .scores td { text-align: left; vertical-align: top; padding: 3pt 4pt;
  border-bottom: 1px solid #d5dadd; }
.scores td:nth-child(4) { width: 50%; }
.scores td:nth-child(5) { width: 14%; }
.cols { display: flex; gap: 12pt; }
.cols > div { flex: 1; min-width: 0; }
.questions, .cols, .glance { break-inside: avoid; }
.note { margin-top: 10pt; font-size: 8pt; color: #5b6770; }
"""
