"""The visit report: what the PDF says, how long it is, its charts, and hostile text."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest

from pacewise.core.charts import rolling_mean
from pacewise.core.day_summary import DaySummary
from pacewise.core.instruments import score, short_form
from pacewise.exchange.report import (
    NOT_DIAGNOSTIC,
    questionnaire_result,
    render_html,
    render_pdf,
    trend_sentence,
)
from pacewise.exchange.report_sample import sample_report
from pacewise.instruments import load_all

CHART_TITLES = (
    "Pain and fatigue (0-10), day by day",
    "Weekly activity, by activity",
    "Questionnaire scores over time",
)
HOSTILE_NAME = "<script>alert('x')</script> Ana"
LONG_WORD = "Wolfeschlegelsteinhausenbergerdorff" * 8
RTL = "\u0633\u0624\u0627\u0644\u064a \u0639\u0646 \u0627\u0644\u0646\u0648\u0645"
EMOJI = "Can I swim again? \U0001f3ca\U0001f3fd\u200d\u2640\ufe0f \U0001f4aa"


def pdftotext(pdf: bytes, *args: str) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(
        ["pdftotext", *args, "-", "-"], input=pdf, capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def data():
    return sample_report()


@pytest.fixture(scope="module")
def pdf(data) -> bytes:
    return render_pdf(data)


@pytest.fixture(scope="module")
def text(pdf) -> str:
    return pdftotext(pdf)


def test_it_is_a_pdf_of_one_or_two_pages(pdf, text):
    assert pdf.startswith(b"%PDF-")
    pages = text.count("\f")
    assert 1 <= pages <= 2
    assert f"Page 1 of {pages}" in text


def test_it_names_the_person_and_the_period(text):
    assert "Sam Rivera" in text
    assert "5 Jan 2026 \u2013 29 Mar 2026" in text
    assert "Prepared 31 Mar 2026" in text


def test_it_describes_the_pain_trend_in_words(text):
    assert "Pain went down from 5.8 in the first week to 4.7 in the last week" in flat(text)
    assert "7 flare days (2 Feb\u20135 Feb, 10 Mar\u201312 Mar)" in flat(text)


def test_it_lists_questionnaires_with_their_change_sentences(data, text):
    for result in data.questionnaires:
        assert result.name in text
        assert flat(result.change) in flat(text)
    assert "Your PHQ-9 score went down by 5 points" in flat(text)


def test_it_carries_the_plan_insights_and_the_persons_questions(data, text):
    for line in [*data.plan, *data.insights, *data.questions]:
        assert flat(line) in flat(text)


def test_every_page_says_it_is_not_a_diagnostic_device(text):
    pages = [p for p in text.split("\f") if p.strip()]
    assert all(flat(NOT_DIAGNOSTIC) in flat(page) for page in pages)


def test_the_pdf_shows_each_charts_title_and_caption(text):
    for title in CHART_TITLES:
        assert title in text
    assert "Walking: 60 min in the week of 5 Jan" in flat(text)


class Svgs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.svgs: list[dict] = []
        self.ids: dict[str, str] = {}
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg":
            self.svgs.append(attrs)
        if tag in ("title", "desc") and self.svgs and "id" in attrs:
            self._open = attrs["id"]
            self.ids[self._open] = ""

    def handle_data(self, data):
        if self._open:
            self.ids[self._open] += data

    def handle_endtag(self, tag):
        if tag in ("title", "desc"):
            self._open = None


def test_the_html_has_three_labelled_svg_charts(data):
    parser = Svgs()
    parser.feed(render_html(data))
    assert len(parser.svgs) == 3
    titles = []
    for svg in parser.svgs:
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        titles.append(parser.ids[title_id])
        assert len(parser.ids[desc_id]) > 40  # a real text alternative, with figures
    assert tuple(titles) == CHART_TITLES


def test_flare_days_are_shaded_in_the_trend_chart(data):
    html = render_html(data)
    trend = html[html.index('aria-labelledby="trend-title') : html.index("</svg>")]
    assert trend.count('fill="#f6dcc7"') == 2 + 1  # two flares and the legend swatch


# ---------------------------------------------------------------- hostile text


@pytest.fixture(scope="module")
def hostile(data):
    return replace(
        data,
        person_name=HOSTILE_NAME + " " + LONG_WORD,
        questions=[
            '<img src="http://evil.example/x.png" onerror="alert(1)">',
            "</style><h1>Injected</h1>",
            RTL,
            EMOJI,
        ],
        plan=[*data.plan, "Walk & rest; \"quotes\" 'single' ${css} $name"],
    )


def test_hostile_text_is_escaped_in_the_html(hostile):
    html = render_html(hostile)
    assert "<script>" not in html and "<img" not in html and "<h1>Injected" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "${css} $name" in html  # template placeholders in data are not substituted
    assert f'<li dir="auto">{RTL}</li>' in html


def test_hostile_text_prints_as_text_and_keeps_the_layout(hostile):
    pdf = render_pdf(hostile)
    text = pdftotext(pdf)
    assert "<script>alert('x')</script> Ana" in text
    assert '<img src="http://evil.example/x.png"' in flat(text)
    assert 1 <= text.count("\f") <= 2
    # The long word wraps: no word runs past the right edge of an A4 page (595 pt).
    boxes = pdftotext(pdf, "-bbox")
    right_edges = [float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes)]
    assert right_edges and max(right_edges) < 595.3 - 14 * 72 / 25.4 + 1


def test_an_empty_period_still_renders_one_page():
    empty = replace(sample_report(), days=[], capacity=[], flares=[], questionnaires=[], plan=[])
    text = pdftotext(render_pdf(empty))
    assert text.count("\f") == 1
    assert "No pain scores were recorded in this period." in text
    assert "No activity was logged in this period." in text
    assert "No questionnaires were completed in this period." in text


# ---------------------------------------------------------------- words and helpers


def day(n: int, pain: float | None, fatigue: int | None = None) -> DaySummary:
    return DaySummary(
        date(2026, 1, 1) + timedelta(days=n), pain, None, fatigue, None, None, None, None,
        False, 0.0, 1, (),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("pains", "expected"),
    [
        ([7] * 7 + [6] * 7 + [5] * 7, "Pain went down from 7 in the first week to 5 in the last"),
        ([3] * 7 + [4] * 7 + [5] * 7, "Pain went up from 3 in the first week to 5 in the last"),
        ([5] * 21, "Pain stayed about the same (5 in the first week, 5 in the last)"),
        ([4, 6, 5], "Pain averaged 5 out of 10."),
        ([], "No pain scores were recorded in this period."),
    ],
)
def test_trend_sentence(pains, expected):
    days = [day(i, float(p)) for i, p in enumerate(pains)]
    assert trend_sentence(days, "avg_pain", "Pain").startswith(expected)


def test_rolling_mean_needs_three_days_in_the_window():
    values = [4, None, None, 6, 8, None, None, None, None, None]
    assert rolling_mean(values) == [None, None, None, None, 6.0, 6.0, 6.0, None, None, None]


def test_questionnaire_result_takes_its_words_from_the_core():
    phq9 = load_all()["phq9"]
    first = score(phq9, {f"phq9_{i}": 2 for i in range(1, 10)})
    last = score(phq9, {f"phq9_{i}": 1 for i in range(1, 10)})
    result = questionnaire_result(phq9, (first, date(2026, 1, 5)), (last, date(2026, 3, 29)))
    assert result.change.startswith("Your PHQ-9 score went down by 9 points")
    assert result.mcid == "5 points"
    assert result.latest_band == "Mild"
    assert result.score_range == (0, 27)
    phq2 = short_form(phq9, "phq2")
    one = score(phq2, {"phq9_1": 2, "phq9_2": 2})
    screener = questionnaire_result(phq2, (one, date(2026, 1, 5)), (one, date(2026, 3, 1)))
    assert screener.change == "From 4 to 4."
    assert screener.mcid == "none (a screener)"


def test_a_period_across_new_year_labels_the_years(data):
    shifted = replace(
        data, period_start=date(2025, 12, 1), period_end=date(2026, 2, 1), questionnaires=[]
    )
    assert "1 Dec 2025 \u2013 1 Feb 2026" in render_html(shifted)


def test_a_backwards_period_is_refused(data):
    with pytest.raises(ValueError, match="period_end"):
        render_html(replace(data, period_end=data.period_start - timedelta(days=1)))
