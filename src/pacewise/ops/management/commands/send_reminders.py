from django.core.management.base import BaseCommand

from pacewise.outcomes.reminders import send_reminders


class Command(BaseCommand):
    help = "Email people whose questionnaires have just opened (once per occasion). Run daily."

    def handle(self, *args, **options):
        self.stdout.write(f"Sent {send_reminders()} reminders.")
