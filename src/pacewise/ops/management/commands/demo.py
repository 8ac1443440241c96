from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from pacewise.ops.demo import DEMO_PASSWORD, PATIENTS, STAFF, create_demo


class Command(BaseCommand):
    help = "Create the demo clinic, its staff and three patients with six weeks of diary."

    def handle(self, *args, **options):
        if not (settings.DEBUG or settings.PACEWISE_DEMO):
            raise CommandError(
                "Demo accounts have a published password. Set PACEWISE_DEMO=1 to create them "
                "on this server on purpose."
            )
        result = create_demo(timezone.localdate())
        say = self.stdout.write
        say("")
        say("Pacewise demo " + ("created." if result.created else "already exists."))
        say(f"Demo password for every account: {DEMO_PASSWORD}")
        for person in PATIENTS:
            note = f"shares with {result.clinic.name}" if person.shares else "not sharing"
            say(f"  patient    {person.email:<26} ({person.name}, {note})")
        for email, name, role in STAFF:
            say(f"  {role:<10} {email:<26} ({name})")
        say("Clinic accounts use two-factor authentication. To get the current code, run:")
        say("  ./dev code clinician@demo.example")
        say("  (that is in a checkout; on a server: pacewise demo-code EMAIL)")
        for email, secret in result.totp_secrets.items():
            say(f"  or add {email}'s secret to an authenticator app: {secret}")
        say(f"Patients join the demo clinic with the code {result.clinic.share_code}.")
        say("")
