from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pacewise.diary.csv_exchange import import_diary, import_mapped

from .export_diary import patient_by_email


def parse_map(text: str) -> dict[str, str]:
    """'Date=local_date,Pain level=pain_avg:1-5' -> {"Date": "local_date", ...}."""
    mapping = {}
    for pair in text.split(","):
        column, sep, target = pair.rpartition("=")
        if not sep or not column.strip():
            raise CommandError(f"--map: {pair!r} is not Column=field")
        mapping[column.strip()] = target.strip()
    return mapping


class Command(BaseCommand):
    help = (
        "Import a diary CSV into a patient's diary: Pacewise's own export, or another tracker's "
        "CSV with --map 'Column=field,...' (one check-in per row). Good lines are kept; bad "
        "lines are listed by number."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--map", dest="mapping", help="e.g. 'Date=local_date,Pain=pain_avg:1-5'"
        )
        parser.add_argument(
            "--date-format", help="strptime format of the date column, e.g. %%d/%%m/%%Y"
        )

    def handle(self, *args, email, file, mapping, date_format, **options):
        patient = patient_by_email(email)
        try:
            # A whole diary is small (five years ~ 1 MB); reading it first gives a total to show.
            with file.open(encoding="utf-8-sig", newline="") as stream:
                lines = stream.readlines()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"{file} is not UTF-8 text (byte {exc.start}).") from exc

        def progress(done, total):
            self.stdout.write(f"  {done} of {total} lines read")

        if mapping:
            try:
                report = import_mapped(
                    patient, None, lines, parse_map(mapping), date_format=date_format,
                    progress=progress,
                )  # fmt: skip
            except ValueError as exc:
                raise CommandError(f"--map: {exc}") from exc
        else:
            report = import_diary(patient, None, lines, progress=progress)
        self.stdout.write(report.summary())
        for line, name, message in report.errors:
            self.stdout.write(f"  line {line}, {name}: {message}")
        if report.errors_not_listed:
            self.stdout.write(f"  ... and {report.errors_not_listed} more lines with problems")
        if report.errors:
            raise CommandError("Some lines were not imported; the others were kept.")
