from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pacewise.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database to FILE (safe while Pacewise is running)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            path = backup(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Backup written to {path}")
