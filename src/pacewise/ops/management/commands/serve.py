import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run Pacewise with gunicorn (production). Collects static files first."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("PACEWISE_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2"))
        )
        parser.add_argument("--migrate", action="store_true", help="apply migrations first")

    def handle(self, *args, bind, workers, migrate, **options):
        if migrate:
            call_command("migrate", interactive=False)
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"Pacewise on http://{bind} (data in {settings.DATA_DIR})")
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "pacewise.config.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            "--forwarded-allow-ips",
            os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]
        os.execv(sys.executable, argv)  # noqa: S606 - replaces this process with gunicorn
