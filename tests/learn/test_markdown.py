"""The tiny Markdown renderer: the lesson subset in, safe HTML out."""

from __future__ import annotations

import pytest

from pacewise.learn.content import load_lessons
from pacewise.learn.markdown import inline, render


def test_headings_paragraphs_and_lists():
    text = "## Why\n\nFirst line\nsame paragraph.\n\n- one\n- two\n\n1. first\n2. second\n"
    assert render(text) == (
        "<h2>Why</h2>\n<p>First line same paragraph.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n"
        "</ul>\n<ol>\n<li>first</li>\n<li>second</li>\n</ol>"
    )


def test_bold_and_italic():
    assert inline("a **big** and *small* and _soft_ word") == (
        "a <strong>big</strong> and <em>small</em> and <em>soft</em> word"
    )


def test_snake_case_and_lone_stars_are_left_alone():
    assert inline("file_name_here and 2 * 3 * 4") == "file_name_here and 2 * 3 * 4"


@pytest.mark.parametrize(
    "evil",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "**<b>bold</b>**",
        '"><svg onload=alert(1)>',
    ],
)
def test_everything_else_is_escaped(evil):
    html = render(f"## {evil}\n\n{evil}\n\n- {evil}")
    assert "<script" not in html and "<img" not in html and "<svg" not in html
    assert "<b>" not in html and "href" not in html
    assert "&lt;" in html or "[click]" in html


def test_heading_offset_is_capped():
    assert render("##### Deep", heading_offset=3) == "<h6>Deep</h6>"


def test_a_list_item_can_run_on_to_an_indented_line():
    assert render("- one\n  more\n- two") == "<ul>\n<li>one more</li>\n<li>two</li>\n</ul>"


def test_every_lesson_renders_without_leftover_markers():
    for lesson in load_lessons():
        html = render(lesson.body)
        assert "##" not in html and "**" not in html, lesson.filename
        assert html.count("<ul>") == html.count("</ul>")
