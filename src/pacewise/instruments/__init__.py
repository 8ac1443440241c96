"""Questionnaire definitions shipped as JSON, and the one place that reads them.

Each `*.json` file beside this module is one instrument (see
docs/evidence/instruments.md). A clinic that holds a licence for another
instrument drops its definition into a directory named in configuration and
passes that directory to `load_all(extra_dirs=...)`: no code change.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from pacewise.core.instruments import DefinitionError, Instrument, parse_definition

__all__ = ["load_all", "load_dir", "load_file", "load_text"]


def load_text(text: str, source: str) -> Instrument:
    """Parse one definition from JSON text; errors name `source`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DefinitionError(source, [f"not valid JSON (line {exc.lineno}): {exc.msg}"]) from exc
    return parse_definition(data, source=source)


def load_file(path: str | Path) -> Instrument:
    path = Path(path)
    return load_text(path.read_text(encoding="utf-8"), source=str(path))


def load_dir(directory: str | Path) -> list[Instrument]:
    """Every `*.json` definition in one directory (not recursive), in name order."""
    directory = Path(directory)
    if not directory.is_dir():
        raise DefinitionError(str(directory), ["instrument directory does not exist"])
    return [load_file(p) for p in sorted(directory.glob("*.json"))]


def load_all(extra_dirs: Iterable[str | Path] = ()) -> dict[str, Instrument]:
    """The shipped instruments plus those in `extra_dirs`, keyed by id.

    Two definitions with the same id are refused rather than one silently
    winning: a clinic replaces a shipped instrument by giving its copy a new id.
    """
    found: list[Instrument] = []
    package = resources.files(__name__)
    for entry in sorted(package.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            text = entry.read_text(encoding="utf-8")
            found.append(load_text(text, source=f"pacewise/instruments/{entry.name}"))
    for directory in extra_dirs:
        found.extend(load_dir(directory))
    instruments: dict[str, Instrument] = {}
    for inst in found:
        if inst.id in instruments:
            first = instruments[inst.id].source
            raise DefinitionError(inst.source, [f"id: {inst.id!r} is already defined in {first}"])
        instruments[inst.id] = inst
    return instruments
