from django.core.management.base import BaseCommand

from pacewise.diary.entries import RESTORE_DAYS, purge_deleted
from pacewise.diary.tasks import purge_old_imports
from pacewise.records.erasure import GRACE_DAYS, erase_due
from pacewise.records.tasks import drop_expired


class Command(BaseCommand):
    help = (
        f"Remove diary entries deleted more than {RESTORE_DAYS} days ago, and old import files "
        "and reports, expired record exports, and accounts whose deletion grace period ended. "
        "Run it daily."
    )

    def handle(self, *args, **options):
        removed = purge_deleted()
        self.stdout.write(f"Removed {removed} entries deleted more than {RESTORE_DAYS} days ago.")
        imports = purge_old_imports()
        self.stdout.write(f"Removed {imports} old import files and reports.")
        exports = drop_expired()
        self.stdout.write(f"Emptied {exports} expired exports of people's records.")
        erased = erase_due()
        self.stdout.write(f"Erased {erased} accounts whose {GRACE_DAYS}-day grace period ended.")
