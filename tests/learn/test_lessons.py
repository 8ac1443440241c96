"""The 12-week pain-science course: every lesson file, the loader's checks and the unlock rule.

Run without Django: ``.venv/bin/pytest -p no:django tests/learn/test_lessons.py``.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest
import yaml

from pacewise.core.learn.lessons import (
    REQUIRED_FIELDS,
    TOPICS,
    Lesson,
    LessonError,
    Option,
    Question,
    count_syllables,
    lessons_for_topic,
    parse_lesson,
    reading_grade,
    strip_markdown,
    unlock_date,
    unlocked_lessons,
)
from pacewise.learn.content import LESSONS_DIR, load_lessons

FILES = sorted(LESSONS_DIR.glob("*.md"))
IDS = [p.name for p in FILES]

MAX_GRADE = 9.0
MIN_WORDS, MAX_WORDS = 300, 550  # a 2-4 minute read at an easy pace
MIN_WPM, MAX_WPM = 100, 200  # the `minutes` field must match the length at a plausible pace


@cache
def lesson_at(path: Path) -> Lesson:
    return parse_lesson(path.read_text(encoding="utf-8"), path)


# ---------------------------------------------------------------------------------------
# The course as shipped


def test_course_has_two_lessons_in_every_week_and_loads_in_order():
    lessons = load_lessons()
    assert len(lessons) >= 24
    assert len(lessons) == len(FILES)
    slots = [(lesson.week, lesson.order) for lesson in lessons]
    assert slots == sorted(slots)
    assert {w for w, _ in slots} == set(range(1, 13))
    for week in range(1, 13):
        assert {o for w, o in slots if w == week} == {1, 2}, f"week {week}"
    assert [lesson.number for lesson in lessons] == list(range(1, len(lessons) + 1))
    assert len({lesson.id for lesson in lessons}) == len(lessons)


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_lesson_file_parses(path):
    lesson = lesson_at(path)
    assert lesson.filename == path.name
    assert path.name == f"w{lesson.week:02d}-{lesson.order}-{lesson.id}.md"


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_reading_grade_at_most_nine(path):
    lesson = lesson_at(path)
    grade = reading_grade(lesson.body)
    assert grade <= MAX_GRADE, f"{path.name}: Flesch-Kincaid grade {grade:.1f} > {MAX_GRADE}"


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_two_to_four_minute_read(path):
    lesson = lesson_at(path)
    words = lesson.word_count
    assert MIN_WORDS <= words <= MAX_WORDS, f"{path.name}: {words} words"
    assert 2 <= lesson.minutes <= 4
    assert MIN_WPM <= words / lesson.minutes <= MAX_WPM, f"{path.name}: minutes does not fit length"


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_questions_have_one_right_answer_and_feedback_everywhere(path):
    lesson = lesson_at(path)
    assert 1 <= len(lesson.questions) <= 3
    for question in lesson.questions:
        assert sum(option.correct for option in question.options) == 1
        assert question.correct_option.correct
        assert len({option.text for option in question.options}) == len(question.options)
        for option in question.options:
            assert option.feedback.strip()
            if not option.correct:
                # Wrong answers get an explanation, not a bare "No."
                assert len(option.feedback.split()) >= 12, f"{path.name}: {option.text!r}"


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_sources_are_citations(path):
    lesson = lesson_at(path)
    assert len(lesson.sources) >= 1
    for source in lesson.sources:
        assert re.search(r"\b(19|20)\d\d\b", source), f"{path.name}: no year in {source!r}"
        assert len(source) >= 40, f"{path.name}: citation too short: {source!r}"


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_body_is_plain_markdown_and_summary_is_one_sentence(path):
    lesson = lesson_at(path)
    assert not re.search(r"<[a-zA-Z/!]", lesson.body), "no HTML"
    assert "![" not in lesson.body, "no images"
    assert "\n" not in lesson.summary
    assert len(re.findall(r"[.!?](\s|$)", lesson.summary)) == 1


SHAMING = ("you failed", "no pain, no gain", "your own fault", "lazy person", "stop complaining")


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_no_shaming_phrases(path):
    text = path.read_text(encoding="utf-8").lower()
    for phrase in SHAMING:
        assert phrase not in text, f"{path.name}: {phrase!r}"


# Topic tag -> a lesson that must carry it (the brief's required topics, plus our own).
REQUIRED_TOPICS = {
    "alarm": "pain-is-an-alarm",
    "pain-science": "pain-is-an-alarm",
    "hurt-vs-harm": "hurt-is-not-harm",
    "sensitisation": "when-the-alarm-gets-sensitive",
    "movement": "why-movement-helps",
    "flare": "flare-ups-happen-and-pass",
    "boom-bust": "the-boom-bust-cycle",
    "pacing": "pacing-steady-does-it",
    "graded-activity": "graded-activity-small-steps",
    "pain-monitoring": "the-pain-traffic-light",
    "soreness": "soreness-or-warning-sign",
    "red-flags": "soreness-or-warning-sign",
    "sleep": "sleep-and-pain",
    "stress": "stress-mood-and-pain",
    "mood": "stress-mood-and-pain",
    "relaxation": "breathing-and-relaxation",
    "fear": "when-moving-feels-scary",
    "catastrophizing": "when-worry-runs-ahead",
    "self-compassion": "being-kind-to-yourself",
    "values": "what-matters-to-you",
    "goals": "setting-goals-that-fit",
    "medicines": "medicines-and-movement",
    "clinicians": "working-with-your-clinician",
    "family": "talking-with-family-and-friends",
    "setbacks": "setbacks-are-part-of-the-path",
    "maintenance": "keeping-your-gains",
}


@pytest.mark.parametrize("topic", sorted(REQUIRED_TOPICS))
def test_required_topic_is_covered(topic):
    ids = [lesson.id for lesson in lessons_for_topic(load_lessons(), topic)]
    assert REQUIRED_TOPICS[topic] in ids


def test_every_known_topic_tag_is_used():
    used = {tag for lesson in load_lessons() for tag in lesson.topics}
    assert used == set(TOPICS)


def test_flare_topic_suggests_the_flare_lesson_first():
    found = lessons_for_topic(load_lessons(), "flare")
    assert found[0].id == "flare-ups-happen-and-pass"
    assert "your-flare-plan" in [lesson.id for lesson in found]
    assert lessons_for_topic(load_lessons(), "no-such-topic") == ()


def test_red_flag_lesson_names_the_urgent_signs():
    lesson = next(x for x in load_lessons() if x.id == "soreness-or-warning-sign")
    text = lesson.body.lower()
    for sign in ("bladder", "bowel", "saddle", "weakness", "chest pain", "fainting", "urgent"):
        assert sign in text, sign


def test_course_says_it_is_not_a_diagnostic_tool():
    lessons = {lesson.id: lesson for lesson in load_lessons()}
    for lesson_id in (
        "pain-is-an-alarm",
        "soreness-or-warning-sign",
        "working-with-your-clinician",
    ):
        assert "diagnose" in lessons[lesson_id].body


def test_dataclasses_are_frozen():
    lesson = load_lessons()[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        lesson.week = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        lesson.questions[0].prompt = "x"  # type: ignore[misc]
    assert isinstance(lesson.questions[0], Question)
    assert isinstance(lesson.questions[0].options[0], Option)
    assert isinstance(lesson.topics, tuple) and isinstance(lesson.sources, tuple)


# ---------------------------------------------------------------------------------------
# Validation: broken files name the file and the field


def valid_meta(**changes):
    meta = {
        "id": "test-lesson",
        "title": "A test lesson",
        "week": 1,
        "order": 1,
        "minutes": 3,
        "summary": "A lesson used only in tests.",
        "topics": ["flare"],
        "questions": [
            {
                "prompt": "Which is right?",
                "options": [
                    {"text": "This one", "correct": True, "feedback": "Yes."},
                    {"text": "That one", "correct": False, "feedback": "Not quite, because."},
                ],
            }
        ],
        "sources": ["Author A. A title. Journal. 2020;1:1-2."],
    }
    meta.update(changes)
    return meta


def write_lesson(folder: Path, meta: dict, name: str | None = None, body="Some text.\n") -> Path:
    name = name or f"w{meta.get('week', 1):02d}-{meta.get('order', 1)}-{meta.get('id', 'x')}.md"
    path = folder / name
    path.write_text("---\n" + yaml.safe_dump(meta, sort_keys=False) + "---\n\n" + body)
    return path


def load_error(folder: Path) -> LessonError:
    with pytest.raises(LessonError) as info:
        load_lessons(folder)
    return info.value


def test_valid_test_lesson_loads(tmp_path):
    write_lesson(tmp_path, valid_meta())
    (lesson,) = load_lessons(tmp_path)
    assert lesson.id == "test-lesson" and lesson.body == "Some text."


@pytest.mark.parametrize("field", REQUIRED_FIELDS)
def test_missing_field_is_named(tmp_path, field):
    meta = valid_meta()
    del meta[field]
    path = write_lesson(tmp_path, meta, name="w01-1-test-lesson.md")
    err = load_error(tmp_path)
    assert err.field == field
    assert path.name in str(err) and f"'{field}'" in str(err) and "missing" in str(err)


def q_with(*options):
    return [{"prompt": "Which?", "options": list(options)}]


RIGHT = {"text": "A", "correct": True, "feedback": "Yes."}
WRONG = {"text": "B", "correct": False, "feedback": "No, because."}

BROKEN = {
    "week too high": (dict(week=13), "week"),
    "week zero": (dict(week=0), "week"),
    "week not a number": (dict(week="one"), "week"),
    "week is a bool": (dict(week=True), "week"),
    "order three": (dict(order=3), "order"),
    "minutes zero": (dict(minutes=0), "minutes"),
    "empty title": (dict(title="  "), "title"),
    "id not a slug": (dict(id="Test Lesson"), "id"),
    "unknown topic": (dict(topics=["flares"]), "topics"),
    "topic twice": (dict(topics=["flare", "flare"]), "topics"),
    "no topics": (dict(topics=[]), "topics"),
    "no questions": (dict(questions=[]), "questions"),
    "four questions": (dict(questions=q_with(RIGHT, WRONG) * 4), "questions"),
    "two correct": (
        dict(questions=q_with(RIGHT, {**WRONG, "correct": True})),
        "questions[1].options",
    ),
    "none correct": (
        dict(questions=q_with({**RIGHT, "correct": False}, WRONG)),
        "questions[1].options",
    ),
    "one option": (dict(questions=q_with(RIGHT)), "questions[1].options"),
    "no feedback": (
        dict(questions=q_with(RIGHT, {"text": "B", "correct": False})),
        "questions[1].options[2].feedback",
    ),
    "correct is text": (
        dict(questions=q_with(RIGHT, {**WRONG, "correct": "no"})),
        "questions[1].options[2].correct",
    ),
    "no prompt": (dict(questions=[{"options": [RIGHT, WRONG]}]), "questions[1].prompt"),
    "no sources": (dict(sources=[]), "sources"),
    "blank source": (dict(sources=[""]), "sources"),
    "unknown field": (dict(auther="me"), "auther"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_front_matter_is_named(tmp_path, case):
    changes, field = BROKEN[case]
    path = write_lesson(tmp_path, valid_meta(**changes), name="w01-1-test-lesson.md")
    err = load_error(tmp_path)
    assert err.field == field
    assert Path(err.path).name == path.name
    assert str(err).startswith(f"{path.name}: field '{field}': ")


def test_file_name_must_match_week_order_and_id(tmp_path):
    write_lesson(tmp_path, valid_meta(), name="w01-1-other-name.md")
    err = load_error(tmp_path)
    assert err.field == "id" and "w01-1-other-name.md" in str(err)
    assert "w01-1-test-lesson.md" in str(err)


def test_missing_front_matter_names_the_file(tmp_path):
    (tmp_path / "w01-1-plain.md").write_text("# Just a heading\n\nNo front matter.\n")
    err = load_error(tmp_path)
    assert err.field is None and str(err).startswith("w01-1-plain.md: ")


def test_invalid_yaml_names_the_file(tmp_path):
    (tmp_path / "w01-1-bad.md").write_text("---\nid: [unclosed\n---\nBody.\n")
    err = load_error(tmp_path)
    assert "w01-1-bad.md" in str(err) and "YAML" in str(err)


def test_empty_body_is_named(tmp_path):
    write_lesson(tmp_path, valid_meta(), body="   \n")
    err = load_error(tmp_path)
    assert err.field == "body" and "w01-1-test-lesson.md" in str(err)


def test_duplicate_id_is_named(tmp_path):
    write_lesson(tmp_path, valid_meta(week=1, order=1))
    second = write_lesson(tmp_path, valid_meta(week=2, order=1))
    err = load_error(tmp_path)
    assert err.field == "id" and Path(err.path).name == second.name
    assert "duplicate id 'test-lesson'" in str(err) and "w01-1-test-lesson.md" in str(err)


def test_two_lessons_in_one_slot_are_named(tmp_path):
    write_lesson(tmp_path, valid_meta(id="first"))
    write_lesson(tmp_path, valid_meta(id="second"))
    err = load_error(tmp_path)
    assert err.field == "order" and "w01-1-second.md" in str(err) and "w01-1-first.md" in str(err)


def test_missing_directory_is_an_error(tmp_path):
    err = load_error(tmp_path / "nope")
    assert "not found" in str(err)


# ---------------------------------------------------------------------------------------
# Unlock rule: week w, order 1 opens on day 7(w-1); order 2 on day 7(w-1)+3 (day 0 = start)


def make_lesson(week: int, order: int) -> Lesson:
    option = Option(text="a", correct=True, feedback="b")
    return Lesson(
        id=f"l{week}-{order}",
        title="t",
        week=week,
        order=order,
        minutes=3,
        summary="s.",
        topics=("flare",),
        questions=(Question(prompt="p", options=(option,)),),
        sources=("x 2020",),
        body="b",
        filename=f"w{week:02d}-{order}-l{week}-{order}.md",
    )


COURSE = tuple(make_lesson(w, o) for w in range(12, 0, -1) for o in (2, 1))  # shuffled order
START = date(2025, 1, 6)


@pytest.mark.parametrize(
    ("week", "order", "opens"),
    [
        (1, 1, date(2025, 1, 6)),  # day 0: the start date itself
        (1, 2, date(2025, 1, 9)),  # day 3
        (2, 1, date(2025, 1, 13)),  # day 7
        (2, 2, date(2025, 1, 16)),  # day 10
        (4, 2, date(2025, 1, 30)),  # day 24: Jan 6 + 24
        (12, 1, date(2025, 3, 24)),  # day 77: Jan 6 + 31 (Feb 6) + 28 (Mar 6) + 18
        (12, 2, date(2025, 3, 27)),  # day 80
    ],
)
def test_unlock_dates_by_hand(week, order, opens):
    assert unlock_date(make_lesson(week, order), START) == opens


def test_unlock_across_a_leap_day():
    assert unlock_date(make_lesson(1, 2), date(2024, 2, 26)) == date(2024, 2, 29)
    assert unlock_date(make_lesson(2, 1), date(2024, 2, 26)) == date(2024, 3, 4)


@pytest.mark.parametrize(
    ("today", "count"),
    [
        (date(2025, 1, 5), 0),  # before the start: nothing
        (date(2025, 1, 6), 1),
        (date(2025, 1, 8), 1),
        (date(2025, 1, 9), 2),
        (date(2025, 1, 12), 2),
        (date(2025, 1, 13), 3),
        (date(2025, 3, 26), 23),
        (date(2025, 3, 27), 24),
        (date(2026, 1, 1), 24),
    ],
)
def test_unlocked_lessons_by_hand(today, count):
    opened = unlocked_lessons(COURSE, START, today)
    assert len(opened) == count
    # Always a prefix of the course, in course order: one lesson opens at a time.
    assert [(x.week, x.order) for x in opened] == [(w, o) for w in range(1, 13) for o in (1, 2)][
        :count
    ]


def test_unlock_never_opens_two_lessons_on_one_day():
    dates = [unlock_date(lesson, START) for lesson in COURSE]
    assert len(set(dates)) == len(dates)
    for day in range(0, 90):
        today = START + timedelta(days=day)
        newly = len(unlocked_lessons(COURSE, START, today)) - len(
            unlocked_lessons(COURSE, START, today - timedelta(days=1))
        )
        assert newly in (0, 1)


def test_real_course_fully_open_on_day_80():
    lessons = load_lessons()
    assert len(unlocked_lessons(lessons, START, START + timedelta(days=79))) == len(lessons) - 1
    assert unlocked_lessons(lessons, START, START + timedelta(days=80)) == lessons


# ---------------------------------------------------------------------------------------
# Readability helpers


def test_flesch_kincaid_by_hand():
    # 6 words, 6 syllables, 1 sentence: 0.39 * 6 + 11.8 * 1 - 15.59 = -1.45
    assert reading_grade("The cat sat on the mat.") == pytest.approx(-1.45)
    # 10 words, 12 syllables (a-larm, dan-ger), 2 sentences: 0.39 * 5 + 11.8 * 1.2 - 15.59 = 0.52
    assert reading_grade("Pain is an alarm. It keeps you safe from danger.") == pytest.approx(0.52)


def test_dense_text_scores_above_the_limit():
    dense = (
        "Central sensitization represents an amplification of neuronal signaling within the "
        "central nervous system that elicits pain hypersensitivity, and its identification "
        "necessitates comprehensive neurophysiological characterization."
    )
    assert reading_grade(dense) > MAX_GRADE


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("pain", 1),
        ("alarm", 2),
        ("movement", 2),
        ("people", 2),
        ("gentle", 2),
        ("exercise", 3),
        ("sensitive", 3),
        ("clinician", 3),
        ("going", 2),
        ("needed", 2),
        ("walked", 1),
        ("makes", 1),
        ("changes", 2),
        ("usually", 4),
        ("catastrophizing", 5),
        ("don't", 1),
        ("10", 1),
    ],
)
def test_syllable_counter(word, syllables):
    assert count_syllables(word) == syllables


def test_strip_markdown_reads_headings_and_bullets_as_sentences():
    text = (
        "## A heading\n\nSome *soft* text with a [link](https://example.org).\n\n"
        "- one item\n- two: \n"
    )
    assert strip_markdown(text).splitlines() == [
        "A heading.",
        "Some soft text with a link.",
        "one item.",
        "two.",
    ]
