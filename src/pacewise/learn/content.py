"""Reading the bundled lesson files (``lessons/`` beside this module); what a lesson must hold,
the unlock rule and suggestions are pure rules in ``pacewise.core.learn.lessons``."""

from __future__ import annotations

from pathlib import Path

from pacewise.core.learn.lessons import Lesson, LessonError, parse_lesson

LESSONS_DIR = Path(__file__).resolve().parent / "lessons"


def load_lessons(directory: str | Path | None = None) -> tuple[Lesson, ...]:
    """Read and validate every ``*.md`` lesson in ``directory`` (default: the bundled course).

    Returns the lessons sorted by (week, order). Raises ``LessonError`` naming the file and
    field on the first problem, including ids or (week, order) slots used twice.
    """
    folder = Path(directory) if directory is not None else LESSONS_DIR
    if not folder.is_dir():
        raise LessonError(folder, None, "lesson directory not found")
    lessons: list[Lesson] = []
    seen_ids: dict[str, str] = {}
    seen_slots: dict[tuple[int, int], str] = {}
    for path in sorted(folder.glob("*.md")):
        lesson = parse_lesson(path.read_text(encoding="utf-8"), path)
        if lesson.id in seen_ids:
            raise LessonError(
                path, "id", f"duplicate id '{lesson.id}' (also in {seen_ids[lesson.id]})"
            )
        slot = (lesson.week, lesson.order)
        if slot in seen_slots:
            raise LessonError(
                path, "order", f"week {slot[0]} order {slot[1]} is also used by {seen_slots[slot]}"
            )
        seen_ids[lesson.id] = path.name
        seen_slots[slot] = path.name
        lessons.append(lesson)
    lessons.sort(key=lambda lesson: (lesson.week, lesson.order))
    return tuple(lessons)
