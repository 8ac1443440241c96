from django.core.management.base import BaseCommand

from pacewise.outcomes.reminders import send_reminders
from pacewise.today.reminders import send_due


class Command(BaseCommand):
    help = (
        "Email the reminders people asked for that are due now (at their own times of day), "
        "and once per occasion when questionnaires open. Run every 10 minutes from cron."
    )

    def handle(self, *args, **options):
        daily, questionnaires = send_due(), send_reminders()
        self.stdout.write(f"Sent {daily} reminders and {questionnaires} questionnaire emails.")
