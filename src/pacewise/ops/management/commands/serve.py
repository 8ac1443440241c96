"""`pacewise serve`: gunicorn for the web, and beside it one task-queue worker (`pacewise
worker`) for long work such as diary imports. If either stops, the other is stopped too, so a
service manager (systemd, a container) sees the failure and restarts both. `--no-worker` when
workers run elsewhere (several servers, one or more `pacewise worker` services)."""

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run Pacewise with gunicorn and a task-queue worker (production)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("PACEWISE_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2"))
        )
        parser.add_argument("--migrate", action="store_true", help="apply migrations first")
        parser.add_argument(
            "--no-worker",
            dest="worker",
            action="store_false",
            default=os.environ.get("PACEWISE_WORKER", "1") != "0",
            help="do not start a task-queue worker (run `pacewise worker` elsewhere)",
        )

    def handle(self, *args, bind, workers, migrate, worker, **options):
        if migrate:
            call_command("migrate", interactive=False)
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"Pacewise on http://{bind} (data in {settings.DATA_DIR})")
        self.stdout.flush()
        web = [
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
        if not worker:
            os.execv(sys.executable, web)  # noqa: S606 - replaces this process with gunicorn
        queue = [sys.executable, "-m", "pacewise.cli", "worker", "--no-reload", "-v", "1"]
        children = [subprocess.Popen(web), subprocess.Popen(queue)]  # noqa: S603
        return _supervise(children)


def _supervise(children: list[subprocess.Popen]) -> None:
    """Pass SIGTERM/SIGINT on to both; when one exits, stop the other and exit with its code."""

    def stop(signum, _frame):
        for child in children:
            if child.poll() is None:
                child.send_signal(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    code = os.wait()[1]
    stop(signal.SIGTERM, None)
    for child in children:
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
    raise SystemExit(os.waitstatus_to_exitcode(code))
