from django.core.management.base import BaseCommand, CommandError

from pacewise.accounts.models import User
from pacewise.ops.demo import current_code


class Command(BaseCommand):
    help = "Print the current two-factor code of a demo clinic account."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        user = User.objects.filter(email=email.lower(), is_demo=True).first()
        if user is None:
            raise CommandError(f"{email} is not a demo account.")
        try:
            self.stdout.write(current_code(user))
        except Exception as exc:  # no TOTP enrolled
            raise CommandError(f"{email} has no authenticator set up.") from exc
