from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from pacewise.accounts.invitations import invite
from pacewise.accounts.models import Clinic, Membership


class Command(BaseCommand):
    help = "Create a clinic and email an invitation to its first admin (the link is printed too)."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--admin", required=True, help="email address of the clinic's admin")

    def handle(self, *args, name, admin, **options):
        name = name.strip()
        if not name or len(name) > 120:
            raise CommandError("The clinic name must be 1 to 120 characters.")
        try:
            validate_email(admin)
        except ValidationError as exc:
            raise CommandError(f"{admin!r} is not a valid email address.") from exc
        clinic = Clinic.objects.create(name=name)
        _, url = invite(clinic, admin, Membership.Role.ADMIN, None)
        self.stdout.write(f"Created {clinic.name} (patients share with code {clinic.share_code}).")
        self.stdout.write(f"Invitation for {admin}: {url}")
