"""The 12-week pain-science course: what a lesson file must hold, the unlock rule, suggestions
in context and the reading level.

Lessons are Markdown files with YAML front matter, named ``wWW-O-<id>.md`` (e.g.
``w01-1-pain-is-an-alarm.md``); ``parse_lesson`` checks one file's text (the shell's
``pacewise.learn.content.load_lessons`` reads the bundled files) and every problem is reported
as a ``LessonError`` that names the file and the field.

Unlock rule (``unlock_date`` / ``unlocked_lessons``): two lessons a week, one at a time.
Lesson (week ``w``, order 1) opens on day ``7 * (w - 1)`` after the start date and
(week ``w``, order 2) on day ``7 * (w - 1) + 3``; day 0 is the start date itself. So
lesson 1 is open on the start date, lesson 2 three days later, lesson 3 a week after the
start, and the last lesson (week 12, order 2) on day 80. Nothing is open before the start
date. Dates are plain ``datetime.date`` values: the caller supplies "today" in the
person's own time zone.

Reading level (``reading_grade``): the Flesch-Kincaid grade,
``0.39 * words/sentences + 11.8 * syllables/words - 15.59``, computed on the body with
Markdown stripped. Every heading and list item counts as its own sentence (it is read as
one), and syllables come from the small rule-based counter ``count_syllables`` below.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml  # type: ignore[import-untyped]  # no stubs shipped; safe_load only

from pacewise.core.fields import FieldReader

#: Weeks in the course, and lessons per week.
WEEKS = 12
LESSONS_PER_WEEK = 2
#: Day offsets, within a week, on which the lessons of that week open (order 1, order 2).
UNLOCK_DAY_IN_WEEK = (0, 3)

#: Topic tags a lesson may carry. The app uses them to suggest a lesson in context (a flare
#: suggests lessons tagged ``flare``); a closed list catches typos in lesson files.
TOPICS = frozenset(
    {
        "alarm",
        "boom-bust",
        "breathing",
        "catastrophizing",
        "clinicians",
        "exercise",
        "family",
        "fear",
        "flare",
        "goals",
        "graded-activity",
        "hurt-vs-harm",
        "maintenance",
        "medicines",
        "mood",
        "movement",
        "pacing",
        "pain-monitoring",
        "pain-science",
        "red-flags",
        "relaxation",
        "safety",
        "self-compassion",
        "sensitisation",
        "setbacks",
        "sleep",
        "soreness",
        "stress",
        "support",
        "thoughts",
        "values",
    }
)

REQUIRED_FIELDS = (
    "id",
    "title",
    "week",
    "order",
    "minutes",
    "summary",
    "topics",
    "questions",
    "sources",
)
MAX_QUESTIONS = 3
MIN_OPTIONS, MAX_OPTIONS = 2, 5
MIN_MINUTES, MAX_MINUTES = 1, 10

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)(.*)\Z", re.DOTALL)


class LessonError(ValueError):
    """A lesson file is broken. ``path`` names the file and ``field`` the front-matter field."""

    def __init__(self, path: str | Path, field: str | None, problem: str) -> None:
        self.path = str(path)
        self.field = field
        self.problem = problem
        name = Path(path).name
        where = f"{name}: field '{field}'" if field else name
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    prompt: str
    options: tuple[Option, ...]

    @property
    def correct_option(self) -> Option:
        return next(o for o in self.options if o.correct)


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    week: int
    order: int
    minutes: int
    summary: str
    topics: tuple[str, ...]
    questions: tuple[Question, ...]
    sources: tuple[str, ...]
    body: str
    filename: str

    @property
    def number(self) -> int:
        """Position in the course, 1-based (week 1 order 1 is lesson 1)."""
        return (self.week - 1) * LESSONS_PER_WEEK + self.order

    @property
    def word_count(self) -> int:
        return len(_words(strip_markdown(self.body)))


# ---------------------------------------------------------------------------------------
# Loading and validation


def parse_lesson(text: str, path: str | Path) -> Lesson:
    """Parse one lesson file's text; ``path`` is used for error messages and the name check."""
    path = Path(path)
    meta, body = _front_matter(text, path)
    read = FieldReader(meta, lambda field, problem: LessonError(path, field, problem))
    read.exactly(REQUIRED_FIELDS)
    lesson_id = read.text("id")
    if not _SLUG.match(lesson_id):
        raise LessonError(
            path, "id", f"must be a lowercase slug like 'pain-is-an-alarm', got {lesson_id!r}"
        )
    week = read.whole("week", 1, WEEKS)
    order = read.whole("order", 1, LESSONS_PER_WEEK)
    expected_name = f"w{week:02d}-{order}-{lesson_id}.md"
    if path.name != expected_name:
        raise LessonError(
            path, "id", f"file name must be '{expected_name}' to match week, order and id"
        )
    raw_questions = _list(meta, "questions", path)
    if len(raw_questions) > MAX_QUESTIONS:
        raise LessonError(
            path, "questions", f"at most {MAX_QUESTIONS} questions, got {len(raw_questions)}"
        )
    return Lesson(
        id=lesson_id,
        title=read.text("title"),
        week=week,
        order=order,
        minutes=read.whole("minutes", MIN_MINUTES, MAX_MINUTES),
        summary=read.text("summary"),
        topics=_topics(meta, path),
        questions=tuple(_question(q, i, path) for i, q in enumerate(raw_questions, start=1)),
        sources=read.texts("sources", 1, 1000, what="citations"),
        body=body,
        filename=path.name,
    )


def _front_matter(text: str, path: Path) -> tuple[Mapping, str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        raise LessonError(path, None, "must start with YAML front matter between '---' lines")
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise LessonError(path, None, f"front matter is not valid YAML: {exc}") from exc
    if not isinstance(meta, Mapping):
        raise LessonError(path, None, "front matter must be a mapping of fields")
    body = match.group(2).strip()
    if not body:
        raise LessonError(path, "body", "the lesson text after the front matter is empty")
    return meta, body


def _topics(meta: Mapping, path: Path) -> tuple[str, ...]:
    topics = _list(meta, "topics", path)
    for tag in topics:
        if not isinstance(tag, str) or tag not in TOPICS:
            raise LessonError(
                path, "topics", f"unknown topic {tag!r}; known topics: {sorted(TOPICS)}"
            )
    if len(set(topics)) != len(topics):
        raise LessonError(path, "topics", "a topic is listed twice")
    return tuple(topics)


def _text(meta: Mapping, field: str, path: Path, label: str | None = None) -> str:
    value = meta.get(field)
    if not isinstance(value, str) or not value.strip():
        raise LessonError(path, label or field, "must be non-empty text")
    return value.strip()


def _list(meta: Mapping, field: str, path: Path) -> list:
    value = meta.get(field)
    if not isinstance(value, list) or not value:
        raise LessonError(path, field, "must be a non-empty list")
    return value


def _question(raw: object, number: int, path: Path) -> Question:
    label = f"questions[{number}]"
    if not isinstance(raw, Mapping):
        raise LessonError(path, label, "must be a mapping with 'prompt' and 'options'")
    prompt = _text(raw, "prompt", path, f"{label}.prompt")
    raw_options = raw.get("options")
    if not isinstance(raw_options, list) or not MIN_OPTIONS <= len(raw_options) <= MAX_OPTIONS:
        raise LessonError(
            path, f"{label}.options", f"must be a list of {MIN_OPTIONS} to {MAX_OPTIONS} options"
        )
    options = []
    for j, opt in enumerate(raw_options, start=1):
        olabel = f"{label}.options[{j}]"
        if not isinstance(opt, Mapping):
            raise LessonError(
                path, olabel, "must be a mapping with 'text', 'correct' and 'feedback'"
            )
        text = _text(opt, "text", path, f"{olabel}.text")
        correct = opt.get("correct")
        if not isinstance(correct, bool):
            raise LessonError(path, f"{olabel}.correct", "must be true or false")
        feedback = _text(opt, "feedback", path, f"{olabel}.feedback")
        options.append(Option(text=text, correct=correct, feedback=feedback))
    n_correct = sum(o.correct for o in options)
    if n_correct != 1:
        raise LessonError(
            path, f"{label}.options", f"must have exactly one correct option, found {n_correct}"
        )
    return Question(prompt=prompt, options=tuple(options))


# ---------------------------------------------------------------------------------------
# Finding and unlocking lessons


def lessons_for_topic(lessons: Iterable[Lesson], topic: str) -> tuple[Lesson, ...]:
    """Lessons tagged ``topic``, in course order (so the first is the one to suggest first)."""
    found = [lesson for lesson in lessons if topic in lesson.topics]
    return tuple(sorted(found, key=lambda lesson: (lesson.week, lesson.order)))


@dataclass(frozen=True)
class Suggestion:
    lesson: Lesson
    reason: str  # shown to the person: every suggestion says why


#: Context topics and the words that explain a suggestion made from them.
SUGGESTION_REASONS = {
    "flare": "You said you are in a flare today. This lesson is about flares, and they pass.",
    "sleep": "Your recent sleep looked rough. This lesson is about sleep and pain.",
    "stress": "Stress has been high lately. This lesson is about stress, mood and pain.",
    "thoughts": "You have been working with your thoughts. This lesson goes with that.",
    "goals": "You are setting goals. This lesson is about goals that fit.",
    "setbacks": "It has been a harder stretch. This lesson is about setbacks.",
    "boom-bust": (
        "Insights noticed bigger days followed by harder ones. This lesson is about that cycle."
    ),
}


def suggest_lessons(
    lessons: Iterable[Lesson],
    *,
    in_flare: bool,
    recent_topics: Iterable[str] = (),
    read_ids: Iterable[str] = (),
    limit: int = 2,
) -> tuple[Suggestion, ...]:
    """Lessons worth offering now, most relevant first, each with the reason in plain words.

    Pure. In a flare, the first lesson about flares comes first, read or not (a reminder helps
    in a flare). For each other recent topic (e.g. "sleep", "stress", "thoughts"), the first
    lesson on it that is not read yet. Suggestions may include lessons not yet unlocked: the
    app lets a person open a lesson early when it is suggested.
    """
    lessons = tuple(lessons)
    read = set(read_ids)
    out: list[Suggestion] = []
    if in_flare:
        flare = lessons_for_topic(lessons, "flare")
        if flare:
            out.append(Suggestion(flare[0], SUGGESTION_REASONS["flare"]))
    for topic in dict.fromkeys(recent_topics):
        if topic == "flare" or topic not in SUGGESTION_REASONS:
            continue
        chosen = {s.lesson.id for s in out}
        for lesson in lessons_for_topic(lessons, topic):
            if lesson.id not in read and lesson.id not in chosen:
                out.append(Suggestion(lesson, SUGGESTION_REASONS[topic]))
                break
    return tuple(out[:limit])


def unlock_date(lesson: Lesson, start_date: date) -> date:
    """The date ``lesson`` opens: day 7*(week-1) for order 1, day 7*(week-1)+3 for order 2."""
    return start_date + timedelta(days=7 * (lesson.week - 1) + UNLOCK_DAY_IN_WEEK[lesson.order - 1])


def unlocked_lessons(
    lessons: Iterable[Lesson], start_date: date, today: date
) -> tuple[Lesson, ...]:
    """Lessons open on ``today`` for a course begun on ``start_date``, in course order.

    Pure: no clock. Opening days are inclusive (a lesson due today is open today).
    """
    open_now = [lesson for lesson in lessons if unlock_date(lesson, start_date) <= today]
    return tuple(sorted(open_now, key=lambda lesson: (lesson.week, lesson.order)))


# ---------------------------------------------------------------------------------------
# Readability


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_BLOCK_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)")
_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*|\d+(?:[.,]\d+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")


def strip_markdown(text: str) -> str:
    """Plain text from lesson Markdown: one line per paragraph, heading or list item.

    Headings and list items that do not end in punctuation get a full stop, because a
    reader takes each one as a separate sentence.
    """
    lines: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            lines.append(" ".join(paragraph))
            paragraph.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip() or re.match(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$", line):
            flush()
            continue
        is_block = bool(_BLOCK_PREFIX.match(line))
        line = _BLOCK_PREFIX.sub("", line)
        line = _LINK.sub(r"\1", line)
        line = _EMPHASIS.sub("", line).strip()
        if is_block:
            flush()
            if line and line[-1] not in ".!?:;":
                line += "."
            lines.append(line)
        else:
            paragraph.append(line)
    flush()
    # A colon or semicolon closing a line introduces what follows; read it as a stop.
    return "\n".join(line[:-1] + "." if line.endswith((":", ";")) else line for line in lines)


def _words(plain: str) -> list[str]:
    return _WORD.findall(plain)


def _sentence_count(plain: str) -> int:
    count = 0
    for line in plain.splitlines():
        if not _words(line):
            continue
        ends = len(_SENTENCE_END.findall(line))
        tail = _SENTENCE_END.split(line)[-1]
        count += ends + (1 if _words(tail) else 0)
    return max(count, 1)


# Words the rules below get wrong and that lessons use.
_SYLLABLE_EXCEPTIONS = {
    "anxiety": 4,
    "area": 3,
    "being": 2,
    "business": 2,
    "create": 2,
    "every": 2,
    "everyone": 3,
    "everything": 3,
    "idea": 3,
    "ideas": 3,
    "movement": 2,
    "movements": 2,
    "people": 2,
    "period": 3,
    "quiet": 2,
    "really": 2,
    "science": 2,
    "serious": 3,
    "someone": 2,
    "something": 2,
    "sometimes": 2,
    "usual": 3,
    "usually": 4,
    "video": 3,
    "worry": 2,
    "worrying": 3,
}
_VOWEL_GROUP = re.compile(r"[aeiouy]+")
# Vowel pairs that are usually two syllables: cre-ate, di-et, ra-di-o (but not "-tion").
_SPLIT_PAIRS = re.compile(
    r"(?:(?<![cst])ia|(?<![cstg])io(?!u)|eo|ua|uo|ie(?=r|t$|ts$)|ea(?=te|tion))"
)


def count_syllables(word: str) -> int:
    """Estimate the syllables in an English word (rule-based; good enough for a grade)."""
    w = word.lower().replace("\u2019", "'")
    w = re.sub(r"'s$|'", "", w)
    if not w:
        return 0
    if w.isdigit():
        return 1
    w = re.sub(r"[^a-z]", "", w)
    if not w:
        return 1
    if w in _SYLLABLE_EXCEPTIONS:
        return _SYLLABLE_EXCEPTIONS[w]
    if len(w) <= 3:
        return 1
    count = len(_VOWEL_GROUP.findall(w))
    # Two-vowel groups often read as two syllables (ra-di-o, cre-ate), but not "-tion".
    count += len(_SPLIT_PAIRS.findall(re.sub(r"[st]ion", "", w)))
    # Silent endings: "make", "likes", "moved" (but "table", "needed", "wishes" keep theirs).
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    elif w.endswith("es") and count > 1 and not re.search(r"(?:[sxz]|[cs]h|[cg])es$", w):
        if not w.endswith(("ees", "ies", "oes", "yes", "les", "ues")):
            count -= 1
    elif (
        w.endswith("ed")
        and count > 1
        and not re.search(r"[td]ed$", w)
        and not w.endswith(("eed", "ied"))
    ):
        count -= 1
    if re.search(r"[aeiouy]ing$", w):
        count += 1  # "going", "saying": the vowel before -ing is its own syllable
    if w.endswith("le") and len(w) > 2 and w[-3] in "aeiouy":
        count -= 1  # "whole", "while": the final e is silent
    return max(count, 1)


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade level of Markdown ``text`` (stripped of Markdown first)."""
    plain = strip_markdown(text)
    words = _words(plain)
    if not words:
        return 0.0
    sentences = _sentence_count(plain)
    syllables = sum(count_syllables(w) for w in words)
    return 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59
