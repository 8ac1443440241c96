"""What an import did: entries created, entries already there, and each bad line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

MAX_ERRORS = 1000

Progress = Callable[[int, int | None], None]


@dataclass
class ImportReport:
    created: int = 0
    already_there: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (line, field, message)
    errors_not_listed: int = 0

    def add_error(self, line: int, name: str, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append((line, name, message))
        else:
            self.errors_not_listed += 1

    def summary(self) -> str:
        def count(n, one, many):
            return f"{n} {one if n == 1 else many}"

        text = f"Imported {count(self.created, 'new entry', 'new entries')}"
        if self.already_there:
            was = "was" if self.already_there == 1 else "were"
            text += f"; {count(self.already_there, 'entry', 'entries')} {was} already there"
        bad = len(self.errors) + self.errors_not_listed
        if bad:
            text += f"; {count(bad, 'line', 'lines')} could not be imported (listed by line number)"
        return text + "."
