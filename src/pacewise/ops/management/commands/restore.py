from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pacewise.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = "Replace the database with a backup made by `pacewise backup`. Stop the server first."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, file, yes, **options):
        if not yes:
            answer = input("This replaces ALL current data with the backup. Type 'restore': ")
            if answer.strip() != "restore":
                raise CommandError("Nothing was changed.")
        try:
            restore(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored from {file}. Run `pacewise migrate` if the backup is older.")
