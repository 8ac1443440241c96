import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pacewise.accounts.models import Patient
from pacewise.diary.csv_exchange import export_diary


def patient_by_email(email: str) -> Patient:
    patient = Patient.objects.select_related("user").filter(user__email__iexact=email).first()
    if patient is None:
        raise CommandError(f"{email} has no patient record.")
    return patient


def entries(n: int) -> str:
    return "1 entry" if n == 1 else f"{n} entries"


class Command(BaseCommand):
    help = "Write a patient's diary to FILE as one CSV (UTF-8 with BOM; '-' for standard output)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("file", help="where to write the CSV, or - for standard output")

    def handle(self, *args, email, file, **options):
        patient = patient_by_email(email)
        if file == "-":
            written = export_diary(patient, sys.stdout)
            sys.stdout.flush()
            self.stderr.write(f"Wrote {entries(written)}.")
            return
        # The BOM tells spreadsheet programs that the file is UTF-8 (accents, emoji in notes).
        with Path(file).open("w", encoding="utf-8-sig", newline="") as stream:
            written = export_diary(patient, stream)
        self.stdout.write(f"Wrote {entries(written)} of {patient.user.email} to {file}.")
