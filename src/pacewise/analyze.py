"""`pacewise analyze DIARY.csv [--json]`: honest trigger and helper patterns from a CSV diary.

The file is a wide CSV with a header row:

    date,pain,alcohol,walk_minutes,sleep_hours
    2025-03-01,5,0,20,7.5
    2025-03-02,6,1,,6

- `date` must be the first column, ISO format (YYYY-MM-DD), one row per day; days may be
  missing (they are treated as unknown, never as "nothing happened").
- `pain` is the day's pain on the 0-10 scale (`--pain-max 100` reads 0-100 as tenths).
- every other column is a factor: a number (minutes, hours, a 0-10 rating) or a tag as 0/1
  (yes/no and true/false are read as 1/0). A blank cell means "not logged", and so do the
  markers other programs write for a missing value: NA, N/A, NaN, null, #N/A, "." and "-".
- Exports from other tools are read as they come: a date with a time of day
  (`2025-03-01 00:00:00`, `2025-03-01T08:30`) counts as that day, and a file separated by
  semicolons or tabs (spreadsheets set to a European locale) may use decimal commas (`7,5`).

Problems are reported with their line number and the rest is analysed: a line whose day
cannot be known (bad or repeated date, wrong number of cells) is skipped; a cell that cannot
be read (text where a number belongs, pain outside 0-10) is left blank and the rest of its
day kept; a column that is mostly text is left out, said once. Exit code 0 when anything
was analysed, 2 when the file is unusable.

Framework-free shell around `pacewise.core.insights.triggers.detect`; the only I/O is here.
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import json
import math
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path

from pacewise.core.insights.blanks import is_blank
from pacewise.core.insights.triggers import ENTANGLED, INSUFFICIENT, DailyTable, Finding, detect

# The most recent days analysed (ten years): the detector's time and memory grow faster
# than the days (bench/analyze_scale.py), so a lifetime export is read whole but only its
# last decade is tested; the report says so.
MAX_DAYS = 3650
EXIT_OK = 0
EXIT_UNUSABLE = 2
WORDS = {"yes": 1.0, "no": 0.0, "true": 1.0, "false": 0.0, "y": 1.0, "n": 0.0}


class UnusableDiary(Exception):
    """The file as a whole cannot be analysed (the message says why)."""


@dataclass(frozen=True)
class Problem:
    line: int
    message: str
    outcome: str = "line skipped"  # or "cell left blank", "column left out"

    def __str__(self) -> str:
        return f"line {self.line}: {self.message} ({self.outcome})"


def read_diary(lines: Iterable[str], pain_max: float = 10.0) -> tuple[DailyTable, list[Problem]]:
    """Parse the CSV text; bad lines or cells become Problems, a bad file raises UnusableDiary.

    A line is skipped only when its day cannot be known (bad or repeated date, wrong number
    of cells). A cell that cannot be read is left blank and the rest of its day is kept; a
    column that is mostly text (e.g. "sunny", "rainy") is left out as a whole, said once.
    Pain on a 0-`pain_max` scale is read as 0-10 (a 0-100 scale in tenths).
    """
    lines = iter(lines)
    first = next(lines, "")
    delimiter = _delimiter(first)
    reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
    header = next(reader, None)
    if header is None or not any(cell.strip() for cell in header):
        raise UnusableDiary("the file is empty; expected a header row starting with 'date'")
    names = [cell.strip() for cell in header]
    _check_header(names)
    problems: list[Problem] = []
    raw: list[tuple[int, list[str]]] = []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(names):
            found = f"expected {len(names)} cells, found {len(cells)}"
            problems.append(Problem(reader.line_num, found))
            continue
        raw.append((reader.line_num, cells))
    decimal_comma = delimiter != ","
    columns = _readable_columns(names, raw, decimal_comma, problems)
    _check_pain_scale(names, raw, decimal_comma, pain_max)
    rows: dict[date, dict[str, float | None]] = {}
    for line, cells in raw:
        try:
            day = _day(cells[0].strip())
        except ValueError as error:
            problems.append(Problem(line, str(error)))
            continue
        if day in rows:
            problems.append(Problem(line, f"{day.isoformat()} appears more than once"))
            continue
        rows[day] = _values(line, cells, columns, decimal_comma, pain_max, problems)
    if not rows:
        raise UnusableDiary(
            "no readable day rows" + (f"; first problem: {problems[0]}" if problems else "")
        )
    days = sorted(rows)
    pain = next(n for n in columns if n.lower() == "pain")
    factors = [n for n in columns if n != pain]
    if not factors:
        raise UnusableDiary("no factor column holds numbers or yes/no")
    table = DailyTable(
        dates=tuple(days),
        pain=tuple(rows[d][pain] for d in days),
        factors={f: tuple(rows[d][f] for d in days) for f in factors},
    )
    return table, sorted(problems, key=lambda p: p.line)


def _readable_columns(
    names: list[str],
    raw: list[tuple[int, list[str]]],
    decimal_comma: bool,
    problems: list[Problem],
) -> dict[str, int]:
    """Columns to read (name -> position): those whose filled cells are mostly numbers."""
    keep = {}
    for i, name in enumerate(names[1:], start=1):
        filled = [cells[i] for _, cells in raw if cells[i].strip()]
        unreadable = sum(_unreadable(cell, decimal_comma) for cell in filled)
        if filled and unreadable > len(filled) / 2:
            if name.lower() == "pain":
                raise UnusableDiary(f"the 'pain' column holds text, e.g. {filled[0].strip()!r}")
            text = f"{name!r} holds text, not numbers or yes/no"
            problems.append(Problem(1, text, "column left out"))
            continue
        keep[name] = i
    return keep


def _parse(cell: str, column: str, decimal_comma: bool) -> float | None:
    """A cell's number (None when blank); ValueError says why it cannot be read."""
    return _number(cell.replace(",", ".") if decimal_comma else cell, column)


def _unreadable(cell: str, decimal_comma: bool) -> bool:
    try:
        _parse(cell, "", decimal_comma)
    except ValueError:
        return True
    return False


def _check_pain_scale(
    names: list[str], raw: list[tuple[int, list[str]]], decimal_comma: bool, pain_max: float
) -> None:
    """A diary on another scale (0-100) is refused with the way to read it, not cell by cell."""
    at = [n.lower() for n in names].index("pain")
    values = []
    for _, cells in raw:
        try:
            value = _parse(cells[at], "pain", decimal_comma)
        except ValueError:
            continue
        if value is not None:
            values.append(value)
    above = [v for v in values if v > pain_max]
    if values and len(above) > len(values) / 2:
        top = max(values)
        hint = " (add --pain-max 100 for a 0-100 scale)" if pain_max == 10 and top <= 100 else ""
        raise UnusableDiary(
            f"most pain values are above {pain_max:g} (up to {top:g}); pain is read on a "
            f"0-{pain_max:g} scale{hint}"
        )


def _values(
    line: int,
    cells: list[str],
    columns: dict[str, int],
    decimal_comma: bool,
    pain_max: float,
    problems: list[Problem],
) -> dict[str, float | None]:
    values: dict[str, float | None] = {}
    for name, i in columns.items():
        try:
            value = _parse(cells[i], name, decimal_comma)
        except ValueError as error:
            problems.append(Problem(line, str(error), "cell left blank"))
            value = None
        if value is not None and name.lower() == "pain":
            if 0 <= value <= pain_max:
                value = value * 10.0 / pain_max
            else:
                outside = f"pain {value:g} is outside 0-{pain_max:g}"
                problems.append(Problem(line, outside, "cell left blank"))
                value = None
        values[name] = value
    return values


def _delimiter(header: str) -> str:
    """Commas unless the header is clearly split by semicolons or tabs instead."""
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _check_header(names: list[str]) -> None:
    if names[0].lower().lstrip("\ufeff") != "date":
        raise UnusableDiary(f"the first column must be 'date', found {names[0]!r}")
    lowered = [n.lower() for n in names]
    if "pain" not in lowered:
        raise UnusableDiary("no 'pain' column in the header")
    if len(names) < 3:
        raise UnusableDiary("no factor columns: add at least one column besides date and pain")
    if any(not n for n in names):
        raise UnusableDiary("a column in the header has no name")
    if len(set(lowered)) != len(lowered):
        raise UnusableDiary("two columns in the header have the same name")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:  # a date with a time of day, as spreadsheets and pandas often write it
        return datetime.fromisoformat(text).date()
    except ValueError:
        raise ValueError(f"date {text!r} is not YYYY-MM-DD") from None


def _number(cell: str, column: str) -> float | None:
    text = cell.strip()
    if is_blank(text):
        return None
    if text.lower() in WORDS:
        return WORDS[text.lower()]
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{column!r} is {text!r}, not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"{column!r} is {text!r}, not a finite number")
    return value


def render_report(
    findings: Sequence[Finding], table: DailyTable, source: str, pain_max: float = 10.0
) -> str:
    """A plain-text report: patterns first, then what is unclear, then what needs more days."""
    scale = "" if pain_max == 10 else f" Pain on a 0-{pain_max:g} scale is shown in 0-10 points."
    out = [
        f"Pacewise patterns in {source}: {len(table.dates)} days "
        f"({table.dates[0].isoformat()} to {table.dates[-1].isoformat()}), "
        f"{len(table.factors)} {'factor' if len(table.factors) == 1 else 'factors'}.{scale}",
        "",
    ]
    found = [f for f in findings if f.significant]
    out += ["Patterns worth a closer look:"] + [f"- {f.message}" for f in found] if found else [
        "Patterns worth a closer look: none so far."
    ]
    held = [f for f in findings if f.uneven_blanks]
    if held:
        out += ["", "Held back:"] + [f"- {f.message}" for f in _one_per_factor(held)]
    unclear = [
        f for f in findings if f.status == "tested" and not f.significant and not f.uneven_blanks
    ]
    if unclear:
        out += ["", "No clear link yet (the estimates could well be chance; "
                "pain points, 95% interval):"] + _unclear_lines(unclear)
    for title, status in (("Cannot be told apart yet", ENTANGLED),
                          ("Not enough data yet", INSUFFICIENT)):
        group = [f for f in findings if f.status == status]
        if group:
            out += ["", f"{title}:"] + [f"- {f.message}" for f in group]
    out += [
        "",
        "Patterns are checked against chance (false-discovery rate 5%). They describe your "
        "own diary, are not proof of cause and are not medical advice.",
    ]
    return "\n".join(out)


def _one_per_factor(findings: Sequence[Finding]) -> list[Finding]:
    first: dict[str, Finding] = {}
    for f in findings:
        first.setdefault(f.factor, f)
    return list(first.values())


def _unclear_lines(findings: Sequence[Finding]) -> list[str]:
    by_factor: dict[str, list[Finding]] = {}
    for f in findings:
        by_factor.setdefault(f.factor, []).append(f)
    lines = []
    for factor, group in by_factor.items():
        parts = []
        for f in sorted(group, key=lambda f: f.lag or 0):
            when = "next day" if f.lag else "same day"
            e, lo, hi = (v * f.step for v in (f.effect or 0.0, f.ci_low or 0.0, f.ci_high or 0.0))
            parts.append(f"{when} {_fmt(e, '+.1f')} ({_fmt(lo)} to {_fmt(hi)})")
        per = "" if group[0].kind == "binary" else f" per {group[0].step:g} more"
        lines.append(f"- '{factor}'{per}: " + "; ".join(parts))
    return lines


def _fmt(value: float, spec: str = ".1f") -> str:
    text = format(value, spec)
    return text.replace("-0.0", "0.0").replace("+-", "-") if float(text) == 0 else text


def findings_json(findings: Sequence[Finding]) -> str:
    return json.dumps([asdict(f) for f in findings], indent=2, ensure_ascii=False)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for `pacewise analyze`; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "analyze":
        args = args[1:]
    parser = argparse.ArgumentParser(
        prog="pacewise analyze",
        description="Find honest trigger and helper patterns in a CSV diary "
        "(date,pain,factor...).",
    )
    parser.add_argument("diary", help="CSV file: date (YYYY-MM-DD), pain (0-10), factor columns")
    parser.add_argument("--json", action="store_true", help="print findings as JSON")
    parser.add_argument(
        "--max-days",
        type=int,
        default=MAX_DAYS,
        metavar="N",
        help=f"analyse only the most recent N days (default {MAX_DAYS}, ten years; "
        "time and memory grow with the days analysed)",
    )
    parser.add_argument(
        "--pain-max",
        type=float,
        default=10.0,
        metavar="N",
        help="top of the pain scale in the file (default 10; 100 for 0-100, read as tenths)",
    )
    options = parser.parse_args(args)
    if not options.pain_max > 0:
        parser.error("--pain-max must be above 0")
    if options.max_days < 1:
        parser.error("--max-days must be 1 or more")
    try:
        text = Path(options.diary).read_text(encoding="utf-8-sig")
        table, problems = read_diary(io.StringIO(text, newline=""), options.pain_max)
    except (OSError, UnicodeDecodeError, UnusableDiary, csv.Error) as error:
        print(f"pacewise analyze: cannot use {options.diary}: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    for problem in problems:
        print(f"pacewise analyze: {options.diary}: {problem}", file=sys.stderr)
    whole = table
    table = table.last_days(options.max_days)
    if table is not whole:
        left = len(whole.dates) - len(table.dates)
        print(
            f"pacewise analyze: {options.diary}: analysed the most recent {options.max_days} days "
            f"(from {table.dates[0].isoformat()}); {left} earlier days were left out "
            "(--max-days to change it)",
            file=sys.stderr,
        )
    findings = detect(table)
    if options.json:
        print(findings_json(findings))
    else:
        print(render_report(findings, table, options.diary, options.pain_max))
    return EXIT_OK
