"""One small reader for the definition files we ship (exercises, lessons): each field is
checked once, and a problem is raised through the caller's `fail(field, problem)` so the
message names the file, the entry and the field the same way everywhere."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

Fail = Callable[[str, str], Exception]


@dataclass(frozen=True)
class FieldReader:
    raw: Mapping
    fail: Fail

    def exactly(self, required: Collection[str], optional: Collection[str] = ()) -> None:
        """Every required field present and nothing unknown."""
        for field in required:
            if field not in self.raw:
                raise self.fail(field, "missing required field")
        unknown = sorted(set(map(str, self.raw)) - set(required) - set(optional))
        if unknown:
            raise self.fail(unknown[0], "unknown field")

    def text(self, field: str) -> str:
        value = self.raw.get(field)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, "must be non-empty text")
        return value.strip()

    def whole(self, field: str, low: int, high: int) -> int:
        value = self.raw.get(field)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(field, f"must be a whole number from {low} to {high}, got {value!r}")
        return value

    def flag(self, field: str) -> bool:
        value = self.raw.get(field)
        if not isinstance(value, bool):
            raise self.fail(field, f"must be true or false, got {value!r}")
        return value

    def choice(self, field: str, known: Collection[str]) -> str:
        value = self.raw.get(field)
        if value not in known:
            raise self.fail(field, f"must be one of {list(known)}, got {value!r}")
        return str(value)

    def choices(
        self, field: str, known: Collection[str], *, allow_empty: bool = False
    ) -> tuple[str, ...]:
        value = self.raw.get(field)
        if not isinstance(value, list) or (not value and not allow_empty):
            raise self.fail(field, "must be a list" if allow_empty else "must be a non-empty list")
        for item in value:
            if item not in known:
                raise self.fail(field, f"unknown value {item!r}; known: {sorted(known)}")
        if len(set(value)) != len(value):
            raise self.fail(field, "a value is listed twice")
        return tuple(value)

    def texts(self, field: str, low: int, high: int, *, what: str = "short sentences") -> tuple:
        value = self.raw.get(field, [])
        if not isinstance(value, list) or not low <= len(value) <= high:
            raise self.fail(field, f"must be a list of {low} to {high} {what}")
        for item in value:
            if not isinstance(item, str) or not item.strip():
                raise self.fail(field, "every entry must be non-empty text")
        return tuple(item.strip() for item in value)
