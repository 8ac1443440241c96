"""Diary CSV: export, import back, imports from other trackers, and the two commands."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from pacewise import cli
from pacewise.diary import entries
from pacewise.diary.csv_exchange import (
    COLUMNS,
    export_diary,
    import_diary,
    import_mapped,
    suggest_mapping,
)
from pacewise.diary.models import ActivitySession, CheckIn, Revision

FIXTURES = Path(__file__).resolve().parents[3] / "shared/fixtures/myaiguide-chronic-pain"
NOTES = [
    'commas, "quotes" and\nnew lines\r\nand CRLF',
    '=HYPERLINK("http://evil.example","click")',
    "+1 and -2 and @me",
    "'already quoted",
    "\ttab first",
    "ünïcödé — 痛み 🙂",
    "",
]


def _export(patient) -> str:
    out = io.StringIO(newline="")
    export_diary(patient, out)
    return out.getvalue()


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _lines(text: str) -> list[str]:
    return io.StringIO(text, newline="").readlines()


def _clear(patient):
    CheckIn.objects.filter(patient=patient).delete()
    ActivitySession.objects.filter(patient=patient).delete()


def _rich_diary(cast):
    today = timezone.localdate()
    for n, note in enumerate(NOTES):
        entries.create(
            CheckIn,
            cast.record,
            cast.patient,
            values={
                "kind": ["full", "morning", "flare"][n % 3],
                "pain_now": n,
                "pain_avg": 10 - n,
                "morning_pain": 0,
                "fatigue": 10,
                "sleep_hours": Decimal("7.5") if n % 2 else Decimal("0.0"),
                "sleep_quality": 3,
                "stress": None,
                "mood": 6,
                "in_flare": n % 3 == 2,
                "locations": ["knees", "lower_back"] if n % 2 else [],
                "note": note,
            },
            local_date=today - timedelta(days=n * 100),
            entered_at=datetime(2020, 1, 1, 12, 0, 0, 123456, tzinfo=UTC) + timedelta(days=n),
            tags=["long drive", "a;b", "back\\slash", "=SUM(A1)", "Café"] if n < 3 else [],
            allow_old=True,
        )
        entries.create(
            ActivitySession,
            cast.record,
            cast.patient,
            values={
                "activity": "=walking" if n == 1 else "yoga, gentle",
                "minutes": None if n == 2 else 30 + n,
                "sets": 3 if n == 2 else None,
                "reps": 10 if n == 2 else None,
                "exertion": 4,
                "pain_before": 2,
                "pain_peak": 5,
                "pain_after": 3,
                "planned_item": "walking" if n % 2 else "",
                "note": note,
            },
            local_date=today - timedelta(days=n * 100),
            allow_old=True,
        )


def _without_version(text: str) -> list[dict]:
    return [{k: v for k, v in row.items() if k != "version"} for row in _rows(text)]


def test_round_trip_is_lossless(cast):
    _rich_diary(cast)
    entries.update(cast.checkin, cast.patient, values={"pain_avg": 6}, expected_version=1)
    first = _export(cast.record)
    assert len(_rows(first)) == 2 * len(NOTES) + 2
    _clear(cast.record)

    report = import_diary(cast.record, cast.patient, _lines(first))

    assert report.errors == []
    assert report.created == 2 * len(NOTES) + 2
    second = _export(cast.record)
    assert _without_version(second) == _without_version(first)
    tagged = CheckIn.objects.get(note=NOTES[0])
    assert sorted(t.name for t in tagged.tags.all()) == sorted(
        ["long drive", "a;b", "back\\slash", "=SUM(A1)", "Café"]
    )
    assert tagged.entered_at.microsecond == 123456
    assert CheckIn.objects.get(note=NOTES[1]).sleep_hours == Decimal("7.5")
    assert CheckIn.objects.filter(note=NOTES[0]).count() == 1


def test_the_header_lists_the_documented_columns(cast):
    header = _export(cast.record).splitlines()[0]
    assert header.split(",") == list(COLUMNS)


def test_deleted_entries_are_not_exported(cast):
    entries.delete(cast.checkin, cast.patient)
    rows = _rows(_export(cast.record))
    assert [r["record_type"] for r in rows] == ["activity"]


def test_export_neutralises_formulas_and_import_strips_the_quote(cast):
    _rich_diary(cast)
    rows = _rows(_export(cast.record))
    notes = {r["note"] for r in rows}
    assert '\'=HYPERLINK("http://evil.example","click")' in notes
    assert "'+1 and -2 and @me" in notes
    assert "''already quoted" in notes
    assert "'\ttab first" in notes
    assert "'=walking" in {r["activity"] for r in rows}
    assert any(r["tags"].startswith("'=SUM(A1)") for r in rows)
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@"))

    hand_written = _header() + _checkin_line(note="'=1+1")
    _clear(cast.record)
    assert import_diary(cast.record, None, hand_written).errors == []
    assert CheckIn.objects.get(patient=cast.record).note == "=1+1"


def test_reimport_adds_nothing_and_says_already_there(cast):
    _rich_diary(cast)
    text = _export(cast.record)
    count = CheckIn.objects.count() + ActivitySession.objects.count()
    revisions = Revision.objects.count()

    report = import_diary(cast.record, cast.patient, _lines(text))

    assert (report.created, report.already_there, report.errors) == (0, count, [])
    assert CheckIn.objects.count() + ActivitySession.objects.count() == count
    assert Revision.objects.count() == revisions
    assert "already there" in report.summary()


def test_rows_without_an_id_are_idempotent_too(cast):
    text = _header() + _checkin_line(id="") + _checkin_line(id="")
    first = import_diary(cast.record, None, text)
    again = import_diary(cast.record, None, text)
    assert (first.created, again.created, again.already_there) == (2, 0, 2)


def test_an_export_imports_into_another_account_on_the_same_server(cast):
    """A person moving to a new account (or a clinic's test account) brings their file: ids
    owned by the first account get ids of their own, and a second import adds nothing."""
    _rich_diary(cast)
    text = _export(cast.record)
    mine = CheckIn.objects.filter(patient=cast.record).count()
    other = cast.other_patient.patient
    first = import_diary(other, None, _lines(text))
    again = import_diary(other, None, _lines(text))
    rows = len(_rows(text))
    assert (first.created, first.errors) == (rows, [])
    assert (again.created, again.already_there) == (0, rows)
    assert CheckIn.objects.filter(patient=cast.record).count() == mine
    assert CheckIn.objects.filter(patient=other).count() == mine
    assert not CheckIn.objects.filter(patient=other, pk=cast.checkin.pk).exists()


def _header() -> str:
    return ",".join(COLUMNS) + "\r\n"


def _checkin_line(**values) -> str:
    row = {c: "" for c in COLUMNS}
    row |= {
        "record_type": "checkin",
        "id": str(uuid.uuid4()),
        "local_date": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "pain_avg": "4",
        "in_flare": "false",
    }
    row |= values
    out = io.StringIO(newline="")
    csv.writer(out).writerow([row[c] for c in COLUMNS])
    return out.getvalue()


def _activity_line(**values) -> str:
    values = {"record_type": "activity", "pain_avg": "", "in_flare": ""} | values
    return _checkin_line(**({"activity": "walking", "minutes": "20"} | values))


BAD_LINES = [
    ({"pain_avg": "11"}, "pain_avg", "must be a whole number from 0 to 10"),
    ({"pain_avg": "4.5"}, "pain_avg", "must be a whole number from 0 to 10"),
    ({"pain_avg": "-1"}, "pain_avg", "must be a whole number from 0 to 10"),
    ({"mood": "false"}, "mood", "must be a whole number from 0 to 10"),
    ({"sleep_hours": "25"}, "sleep_hours", "must be a number of hours from 0 to 24"),
    ({"sleep_hours": "seven"}, "sleep_hours", "'seven' is not a number"),
    ({"local_date": "2999-01-01"}, "local_date", "cannot be in the future"),
    ({"local_date": ""}, "local_date", "is missing"),
    ({"local_date": "31/12/2020"}, "local_date", "must be a date like 2026-05-04"),
    ({"entered_at": "2020-01-01T10:00:00"}, "entered_at", "must include a time zone offset"),
    ({"entered_at": "yesterday"}, "entered_at", "must be an ISO 8601 date and time"),
    ({"in_flare": "0"}, "in_flare", "must be true or false"),
    ({"kind": "great"}, "kind", "must be one of"),
    ({"record_type": "meal"}, "record_type", "must be checkin or activity"),
    ({"locations": "knees;moon"}, "locations", "unknown body region 'moon'"),
    ({"tags": ";".join(f"t{i}" for i in range(21))}, "tags", "at most 20 tags"),
    ({"tags": "ok;\u200b"}, "tags", "cannot contain invisible"),
    ({"id": "not-a-uuid"}, "id", "must be a UUID"),
    ({"minutes": "20"}, "minutes", "must be empty on a checkin line"),
    ({"note": "x" * 2001}, "note", "at most 2000 characters"),
    ({"note": "nul\x00byte"}, "line", "contains a NUL character"),
    ({"version": "0"}, "version", "must be a whole number from 1"),
]
BAD_ACTIVITIES = [
    ({"minutes": "1441"}, "minutes", "must be a whole number from 0 to 1440"),
    ({"minutes": "", "sets": "3"}, "reps", "give both sets and reps"),
    ({"minutes": ""}, "minutes", "give the minutes, or the sets and reps"),
    ({"activity": " "}, "activity", "is missing"),
    ({"pain_peak": "12"}, "pain_peak", "must be a whole number from 0 to 10"),
    ({"pain_avg": "3"}, "pain_avg", "must be empty on a activity line"),
]


def test_bad_lines_are_reported_by_number_and_good_ones_kept(cast):
    good_note = "two\nlines"
    lines = [_header(), _checkin_line(note=good_note)]  # the note spans lines 2-3
    cases = [(v, f, m, _checkin_line) for v, f, m in BAD_LINES]
    cases += [(v, f, m, _activity_line) for v, f, m in BAD_ACTIVITIES]
    for values, _, _, make in cases:
        lines += [make(**values), _checkin_line(note="good")]
    before = CheckIn.objects.count()

    report = import_diary(cast.record, cast.patient, "".join(lines))

    assert CheckIn.objects.count() - before == report.created == len(cases) + 1
    assert [e[0] for e in report.errors] == [4 + 2 * i for i in range(len(cases))]
    for (line, name, message), (_, field, expected, _) in zip(report.errors, cases, strict=True):
        assert (name, expected) == (field, expected) and expected in message, (line, message)
    assert f"{len(cases)} lines could not be imported" in report.summary()


def test_a_wrong_header_stops_before_anything_is_written(cast):
    report = import_diary(cast.record, None, "Date,Pain\r\n2020-01-01,4\r\n")
    assert report.created == 0
    assert report.errors[0][:2] == (1, "header")
    assert "column map" in report.errors[0][2]


def test_a_short_line_is_reported(cast):
    report = import_diary(cast.record, None, _header() + "checkin,,2020-01-01\r\n")
    assert report.errors == [(2, "line", f"has 3 cells; the header has {len(COLUMNS)}")]


def test_an_oversized_cell_stops_the_import_with_its_line(cast):
    text = _header() + _checkin_line() + _checkin_line(note="x" * 200_000) + _checkin_line()
    report = import_diary(cast.record, None, text)
    assert report.created == 1
    assert report.errors[0][:2] == (3, "file")


@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_utf8_with_or_without_bom_as_text_or_bytes(cast, bom):
    text = bom + _header() + _checkin_line(note="Grüße 🙂", tags="Café")
    for lines in (_lines(text), [line.encode() for line in _lines(text)]):
        CheckIn.objects.filter(patient=cast.record, note="Grüße 🙂").delete()
        assert import_diary(cast.record, None, lines).errors == []
        assert CheckIn.objects.get(note="Grüße 🙂").tags.get().name == "Café"


def test_text_that_is_not_utf8_is_reported_with_its_line(cast):
    lines = [_header().encode(), _checkin_line().encode(), "pain,caf\xe9\r\n".encode("latin-1")]
    report = import_diary(cast.record, None, lines)
    assert report.created == 1
    assert report.errors == [(3, "file", "is not UTF-8 text here; the rest was not read")]


def test_five_years_of_daily_data(cast):
    today = timezone.localdate()
    days = 5 * 365
    out = io.StringIO(newline="")
    out.write(_header())
    for n in range(days):
        day = (today - timedelta(days=n)).isoformat()
        out.write(_checkin_line(local_date=day, pain_avg=str(n % 11), tags="daily;knee"))
        if n % 2:
            out.write(_activity_line(local_date=day, minutes=str(n % 60)))
    calls = []

    report = import_diary(
        cast.record,
        cast.patient,
        _lines(out.getvalue()),
        progress=lambda d, t: calls.append((d, t)),
    )

    assert report.errors == []
    assert report.created == days + days // 2
    assert CheckIn.objects.filter(patient=cast.record).count() == days + 1
    assert len(calls) > 2 and calls[-1][0] == calls[-1][1]
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)
    exported = _rows(_export(cast.record))
    assert len(exported) == days + days // 2 + 2
    assert exported[0]["local_date"] == (today - timedelta(days=days - 1)).isoformat()


# ---------------------------------------------------------------------------- mapped imports


def _fixture(name: str) -> Path:
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared/fixtures beside the checkout)")
    return path


def test_mapped_import_of_a_real_myaiguide_diary(cast):
    path = _fixture("Participant2Anonymized/Participant2PainNew.csv")
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    knee = [r for r in rows[1:] if r[0] == "Knee Pain"]
    out = io.StringIO(newline="")
    csv.writer(out).writerows([rows[0], *knee])
    lines = _lines(out.getvalue())
    assert suggest_mapping(rows[0]) == {
        "startday": "day",
        "startmonth": "month",
        "startyear": "year",
        "intensity": "pain_avg",
    }
    mapping = {
        "startday": "day",
        "startmonth": "month",
        "startyear": "year",
        "intensity": "pain_avg:0-10",  # their 1..9.5 scale, rounded half up
        "name": "tags",
    }

    report = import_mapped(cast.record, cast.patient, lines, mapping)

    assert report.errors == []
    assert report.created == len(knee) > 100
    first = CheckIn.objects.filter(patient=cast.record).order_by("local_date", "entered_at")[0]
    assert (str(first.local_date), first.pain_avg) == ("2018-01-31", 3)
    assert first.tags.get().name == "Knee Pain"
    half = next(r for r in knee if r[4] == "1.5")  # 2 May 2018
    day = f"{half[3]}-{int(half[2]):02}-{int(half[1]):02}"
    assert 2 in CheckIn.objects.filter(local_date=day).values_list("pain_avg", flat=True)
    again = import_mapped(cast.record, cast.patient, lines, mapping)
    assert (again.created, again.already_there) == (0, len(knee))


def test_mapped_import_with_scales_minutes_and_a_date_format(cast):
    text = (
        "Date,Pain level (1-5),Slept (min),Mood,Flare?,Notes,Where\r\n"
        '03/01/2021,1,450,5,yes,"ok, fine",Knees; lower back\r\n'
        "04/01/2021,3,,1,no,,\r\n"
        "05/01/2021,5,480,3,,,\r\n"
        "06/01/2021,6,480,3,,,\r\n"
        "32/01/2021,2,,,,,\r\n"
        "07/01/2021,,,,,,\r\n"
    )
    mapping = {
        "Date": "local_date",
        "Pain level (1-5)": "pain_avg:1-5",
        "Slept (min)": "sleep_hours:0-1440",
        "Mood": "mood:5-1",
        "Flare?": "in_flare",
        "Notes": "note",
        "Where": "locations",
    }
    report = import_mapped(cast.record, None, text, mapping, date_format="%d/%m/%Y")

    assert report.created == 3
    assert report.errors == [
        (5, "pain_avg", "must be from 1 to 5"),
        (6, "local_date", "must be a date in the format %d/%m/%Y"),
        (7, "line", "has nothing to import besides the date"),
    ]
    first = CheckIn.objects.get(local_date="2021-01-03")
    assert (first.pain_avg, first.sleep_hours, first.mood, first.in_flare) == (
        0,
        Decimal("7.5"),
        0,
        True,
    )
    assert (first.note, first.locations) == ("ok, fine", ["knees", "lower_back"])
    assert CheckIn.objects.get(local_date="2021-01-04").pain_avg == 5
    assert CheckIn.objects.get(local_date="2021-01-05").pain_avg == 10


def test_mapped_import_reads_missing_value_markers_as_blanks(cast):
    text = (
        "Date,Pain,Sleep,Notes\r\n"
        "2021-01-03,NA,7.5,NA\r\n"
        "2021-01-04,4,#N/A,-\r\n"
        "2021-01-05,nan,null,.\r\n"
    )
    mapping = {"Date": "local_date", "Pain": "pain_avg", "Sleep": "sleep_hours", "Notes": "note"}
    report = import_mapped(cast.record, None, text, mapping)
    assert report.created == 2
    assert report.errors == [(4, "line", "has nothing to import besides the date")]
    first = CheckIn.objects.get(local_date="2021-01-03")
    assert (first.pain_avg, first.sleep_hours, first.note) == (None, Decimal("7.5"), "")
    second = CheckIn.objects.get(local_date="2021-01-04")
    assert (second.pain_avg, second.sleep_hours, second.note) == (4, None, "")


def test_mapped_import_without_a_scale_wants_whole_numbers(cast):
    report = import_mapped(cast.record, None, "Date,Pain\r\n2021-01-03,3.6\r\n", {
        "Date": "local_date", "Pain": "pain_avg",
    })  # fmt: skip
    assert report.errors == [
        (2, "pain_avg", "must be a whole number; to round, map it as pain_avg:0-10")
    ]


@pytest.mark.parametrize(
    "mapping",
    [
        {"Pain": "pain_avg"},
        {"Date": "local_date", "Pain": "pain"},
        {"Date": "local_date", "Pain": "note:1-5"},
        {"Date": "local_date", "A": "pain_avg", "B": "pain_avg"},
        {"Date": "local_date", "Pain": "pain_avg:3-3"},
        {"Date": "local_date", "Y": "year"},
    ],
)
def test_a_mapping_that_cannot_work_is_refused_before_reading(cast, mapping):
    with pytest.raises(ValueError):
        import_mapped(cast.record, None, "Date,Pain\r\n", mapping)


def test_a_mapped_column_missing_from_the_file_is_reported(cast):
    report = import_mapped(cast.record, None, "Day,Pain\r\n", {"Date": "local_date"})
    assert report.errors == [(1, "header", "has no column Date")]


def test_suggest_mapping_guesses_common_names():
    header = ["\ufeffDate", "Pain Level", "Notes", "Slept", "Sleep quality", "Mood", "Unknown"]
    assert suggest_mapping(header) == {
        "\ufeffDate": "local_date",
        "Pain Level": "pain_avg",
        "Notes": "note",
        "Slept": "sleep_hours",
        "Sleep quality": "sleep_quality",
        "Mood": "mood",
    }
    assert suggest_mapping(["year", "month", "day", "intensity"]) == {
        "year": "year",
        "month": "month",
        "day": "day",
        "intensity": "pain_avg",
    }


# ---------------------------------------------------------------------------------- commands


def test_commands_export_and_import_with_progress_and_line_numbers(cast, tmp_path):
    _rich_diary(cast)
    path = tmp_path / "diary.csv"
    out = io.StringIO()
    call_command("export_diary", "PAT@example.com", str(path), stdout=out)
    assert "Wrote 16 entries" in out.getvalue()
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as stream:
        before = _without_version(stream.read())
    _clear(cast.record)

    out = io.StringIO()
    call_command("import_diary", "pat@example.com", str(path), stdout=out)
    assert "Imported 16 new entries." in out.getvalue()
    assert "lines read" in out.getvalue()
    assert _without_version(_export(cast.record)) == before

    with path.open("a+", encoding="utf-8", newline="") as stream:
        stream.seek(0)
        bad_line = len(stream.readlines()) + 1  # multi-line notes count as several lines
        stream.write(_checkin_line(pain_avg="12"))
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_diary", "pat@example.com", str(path), stdout=out)
    assert "16 entries were already there" in out.getvalue()
    assert bad_line == 22
    assert "line 22, pain_avg: must be a whole number from 0 to 10" in out.getvalue()


def test_import_command_with_a_map(cast, tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("Day,Pain (1-5),Comment\n2021-02-03,2,hello\n", encoding="utf-8")
    out = io.StringIO()
    call_command(
        "import_diary",
        "pat@example.com",
        str(path),
        "--map",
        "Day=local_date,Pain (1-5)=pain_avg:1-5,Comment=note",
        stdout=out,
    )
    assert "Imported 1 new entry." in out.getvalue()
    assert CheckIn.objects.get(local_date="2021-02-03").pain_avg == 3  # 2.5 rounds half up
    with pytest.raises(CommandError, match="--map"):
        call_command("import_diary", "pat@example.com", str(path), "--map", "Day=birthday")


def test_commands_refuse_unknown_people_and_files(cast, tmp_path):
    with pytest.raises(CommandError, match="no patient record"):
        call_command("export_diary", "sharer@harbour.example", str(tmp_path / "x.csv"))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_diary", "pat@example.com", str(tmp_path / "missing.csv"))
    bad = tmp_path / "latin1.csv"
    bad.write_bytes(_header().encode() + "caf\xe9\r\n".encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("import_diary", "pat@example.com", str(bad))


def test_cli_knows_the_hyphenated_names():
    assert cli.ALIASES["export-diary"] == "export_diary"
    assert cli.ALIASES["import-diary"] == "import_diary"
