from django.core.management.base import BaseCommand

from pacewise.diary.entries import RESTORE_DAYS, purge_deleted


class Command(BaseCommand):
    help = f"Remove diary entries deleted more than {RESTORE_DAYS} days ago. Run it daily."

    def handle(self, *args, **options):
        removed = purge_deleted()
        self.stdout.write(f"Removed {removed} entries deleted more than {RESTORE_DAYS} days ago.")
