"""The exercise library: YAML files in ``exercises/`` beside this module, read and checked.

Framework-free: no Django. ``load_library`` reads every ``*.yaml`` file in a directory; each
holds ``exercises:`` (a list) and may hold ``common:`` (YAML anchors only, ignored). Every
problem is raised as a ``LibraryError`` naming the file, the exercise id and the field.

Fields of one exercise (required unless marked optional):

* ``id`` slug; ``name``; ``category`` (mobility, strength, aerobic, balance, relaxation);
  ``level`` 1-5; ``position`` (standing, seated, lying, floor); ``equipment`` (list,
  ``[none]`` for nothing); ``body_regions``; ``conditions`` it suits.
* ``dose``: ``{sets, reps}`` or ``{minutes}``, plus optional ``each_side: true``.
* ``easier`` / ``harder`` (optional): the regression and progression ids. Links must
  resolve, go both ways (A.harder = B exactly when B.easier = A) and step up in level.
* Safety fields read by the program builder: ``loads_wrists`` (weight through the hands or
  wrists, or a firm grip on a weight or band; gentle hand exercises for the hand itself do
  not count), ``needs_floor`` (getting down to the floor; ``position: floor`` needs it),
  ``kneeling``, ``balance_demand`` (low, moderate, high), ``flare_safe``.
* ``modifications``: the flags it satisfies. They must match what the safety fields say
  (see ``pacewise.core.program.modifications_of``) so the two can never disagree.
* Text, in our own words, grade 6-8: ``steps`` (2-6), ``feel``, ``stop_if`` (1+),
  ``cautions`` (optional list).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from pacewise.core.fields import FieldReader
from pacewise.core.program import (
    BALANCE_DEMANDS,
    BODY_REGIONS,
    CATEGORIES,
    CONDITIONS,
    EQUIPMENT,
    MODIFICATIONS,
    POSITIONS,
    modifications_of,
)

EXERCISES_DIR = Path(__file__).resolve().parent / "exercises"

REQUIRED_FIELDS = (
    "id", "name", "category", "level", "position", "equipment", "body_regions",
    "conditions", "dose", "modifications", "loads_wrists", "needs_floor", "kneeling",
    "balance_demand", "flare_safe", "steps", "feel", "stop_if",
)  # fmt: skip
OPTIONAL_FIELDS = ("easier", "harder", "cautions")
MIN_STEPS, MAX_STEPS = 2, 6
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class LibraryError(ValueError):
    """A library file is broken: ``path`` names the file, ``exercise_id`` and ``field`` the spot."""

    def __init__(
        self, path: str | Path, exercise_id: str | None, field: str | None, problem: str
    ) -> None:
        self.path = str(path)
        self.exercise_id = exercise_id
        self.field = field
        self.problem = problem
        where = Path(path).name
        if exercise_id:
            where += f": exercise '{exercise_id}'"
        if field:
            where += f": field '{field}'"
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class Dose:
    sets: int | None = None
    reps: int | None = None
    minutes: int | None = None
    each_side: bool = False

    @property
    def text(self) -> str:
        if self.minutes is not None:
            return f"{self.minutes} minutes"
        side = " on each side" if self.each_side else ""
        return f"{self.sets} x {self.reps}{side}"


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    category: str
    level: int
    position: str
    equipment: tuple[str, ...]
    body_regions: tuple[str, ...]
    conditions: tuple[str, ...]
    dose: Dose
    easier: str | None
    harder: str | None
    modifications: frozenset[str]
    loads_wrists: bool
    needs_floor: bool
    kneeling: bool
    balance_demand: str
    flare_safe: bool
    cautions: tuple[str, ...]
    steps: tuple[str, ...]
    feel: str
    stop_if: tuple[str, ...]
    filename: str

    @property
    def instructions(self) -> str:
        """Steps, feel and stop rules as Markdown (one list item per line)."""
        lines = [f"- {s}" for s in self.steps]
        lines.append(f"- {self.feel}")
        lines += [f"- {s}" for s in self.stop_if]
        return "\n".join(lines)


@dataclass(frozen=True)
class Library:
    exercises: tuple[Exercise, ...]

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self.exercises)

    def __len__(self) -> int:
        return len(self.exercises)

    def __contains__(self, exercise_id: object) -> bool:
        return any(e.id == exercise_id for e in self.exercises)

    def get(self, exercise_id: str) -> Exercise:
        for e in self.exercises:
            if e.id == exercise_id:
                return e
        raise KeyError(f"no exercise {exercise_id!r} in the library")

    def in_category(self, category: str) -> tuple[Exercise, ...]:
        return tuple(e for e in self.exercises if e.category == category)

    def chain(self, exercise_id: str) -> tuple[Exercise, ...]:
        """The whole regression/progression chain holding ``exercise_id``, easiest first."""
        root = self.get(exercise_id)
        while root.easier is not None:
            root = self.get(root.easier)
        chain = [root]
        while chain[-1].harder is not None:
            chain.append(self.get(chain[-1].harder))
        return tuple(chain)


# ---------------------------------------------------------------------------------------
# Loading


def load_library(directory: str | Path | None = None) -> Library:
    """Read and check every ``*.yaml`` file in ``directory`` (default: the bundled library).

    Exercises come back sorted by (category order, id). Raises ``LibraryError`` on the
    first problem, including ids used twice and links that do not resolve or disagree.
    """
    folder = Path(directory) if directory is not None else EXERCISES_DIR
    if not folder.is_dir():
        raise LibraryError(folder, None, None, "exercise directory not found")
    exercises: list[Exercise] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        for exercise in parse_file(path.read_text(encoding="utf-8"), path):
            if exercise.id in seen:
                raise LibraryError(
                    path, exercise.id, "id", f"duplicate id (also in {seen[exercise.id]})"
                )
            seen[exercise.id] = path.name
            exercises.append(exercise)
    if not exercises:
        raise LibraryError(folder, None, None, "no exercises found")
    _check_links({e.id: e for e in exercises}, folder)
    exercises.sort(key=lambda e: (CATEGORIES.index(e.category), e.id))
    return Library(tuple(exercises))


def parse_file(text: str, path: str | Path) -> tuple[Exercise, ...]:
    """Parse one YAML file's text; ``path`` is used in error messages."""
    path = Path(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise LibraryError(path, None, None, f"not valid YAML: {exc}") from exc
    if not isinstance(data, Mapping) or not isinstance(data.get("exercises"), list):
        raise LibraryError(path, None, "exercises", "the file needs a list under 'exercises'")
    unknown = sorted(set(map(str, data)) - {"exercises", "common"})
    if unknown:
        raise LibraryError(path, None, unknown[0], "unknown top-level key")
    return tuple(parse_exercise(raw, path, i) for i, raw in enumerate(data["exercises"], 1))


def parse_exercise(raw: object, path: str | Path, number: int = 1) -> Exercise:
    """Check one exercise mapping and build its record."""
    path = Path(path)
    if not isinstance(raw, Mapping):
        raise LibraryError(path, f"#{number}", None, "each exercise must be a mapping of fields")
    ident = raw.get("id")
    label = ident if isinstance(ident, str) and ident else f"#{number}"

    def fail(field: str, problem: str) -> LibraryError:
        return LibraryError(path, label, field, problem)

    read = FieldReader(raw, fail)
    read.exactly(REQUIRED_FIELDS, OPTIONAL_FIELDS)
    if not isinstance(ident, str) or not _SLUG.match(ident):
        raise fail("id", f"must be a lowercase slug like 'wall-slides', got {ident!r}")

    def link(field: str) -> str | None:
        value = raw.get(field)
        if value is not None and (
            not isinstance(value, str) or not _SLUG.match(value) or value == ident
        ):
            raise fail(field, f"must be another exercise's id, got {value!r}")
        return value

    equipment = read.choices("equipment", EQUIPMENT)
    position = read.choice("position", POSITIONS)
    _check_equipment(equipment, position, fail)
    exercise = Exercise(
        id=ident,
        name=read.text("name"),
        category=read.choice("category", CATEGORIES),
        level=read.whole("level", 1, 5),
        position=position,
        equipment=equipment,
        body_regions=read.choices("body_regions", BODY_REGIONS),
        conditions=read.choices("conditions", CONDITIONS),
        dose=_dose(raw.get("dose"), fail),
        easier=link("easier"),
        harder=link("harder"),
        modifications=frozenset(read.choices("modifications", MODIFICATIONS, allow_empty=True)),
        loads_wrists=read.flag("loads_wrists"),
        needs_floor=read.flag("needs_floor"),
        kneeling=read.flag("kneeling"),
        balance_demand=read.choice("balance_demand", BALANCE_DEMANDS),
        flare_safe=read.flag("flare_safe"),
        cautions=read.texts("cautions", 0, 4),
        steps=read.texts("steps", MIN_STEPS, MAX_STEPS),
        feel=read.text("feel"),
        stop_if=read.texts("stop_if", 1, 4),
        filename=path.name,
    )
    _check_safety_fields(exercise, fail)
    return exercise


def _check_equipment(equipment: tuple[str, ...], position: str, fail) -> None:
    if "none" in equipment and len(equipment) > 1:
        raise fail("equipment", "'none' cannot be listed with other equipment")
    if position == "seated" and not {"chair", "stationary_bike"} & set(equipment):
        raise fail("equipment", "a seated exercise needs a chair (or a bike) in its equipment")


def _check_safety_fields(exercise: Exercise, fail) -> None:
    if exercise.position == "floor" and not exercise.needs_floor:
        raise fail("needs_floor", "a floor exercise must say needs_floor: true")
    expected = modifications_of(exercise)
    if exercise.modifications != expected:
        extra = sorted(exercise.modifications - expected)
        missing = sorted(expected - exercise.modifications)
        raise fail(
            "modifications",
            f"must match the safety fields: remove {extra}, add {missing}",
        )


def _dose(raw: object, fail: Callable[[str, str], LibraryError]) -> Dose:
    if not isinstance(raw, Mapping):
        raise fail("dose", "must be {sets, reps} or {minutes}")
    keys = set(map(str, raw)) - {"each_side"}
    each_side = raw.get("each_side", False)
    if not isinstance(each_side, bool):
        raise fail("dose.each_side", "must be true or false")

    def count(key: str, high: int) -> int:
        value = raw.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= high:
            raise fail(f"dose.{key}", f"must be a whole number from 1 to {high}, got {value!r}")
        return value

    if keys == {"sets", "reps"}:
        return Dose(sets=count("sets", 5), reps=count("reps", 30), each_side=each_side)
    if keys == {"minutes"}:
        return Dose(minutes=count("minutes", 60), each_side=each_side)
    raise fail("dose", f"must be {{sets, reps}} or {{minutes}}, got keys {sorted(keys)}")


def _check_links(by_id: dict[str, Exercise], folder: Path) -> None:
    for e in by_id.values():
        where = folder / e.filename
        for field, back in (("easier", "harder"), ("harder", "easier")):
            target_id = getattr(e, field)
            if target_id is None:
                continue
            target = by_id.get(target_id)
            if target is None:
                raise LibraryError(where, e.id, field, f"links to unknown exercise {target_id!r}")
            if getattr(target, back) != e.id:
                raise LibraryError(
                    where, e.id, field, f"{target_id!r} must link back with {back}: {e.id}"
                )
            if (field == "easier") != (target.level < e.level):
                raise LibraryError(
                    where,
                    e.id,
                    field,
                    f"{target_id!r} is level {target.level}; "
                    f"{field} must be {'lower' if field == 'easier' else 'higher'} "
                    f"than this exercise's level {e.level}",
                )
