"""The `pacewise` command: Django's management commands plus Pacewise's own.

pacewise serve            run the production server (gunicorn and a task-queue worker)
pacewise worker           run a task-queue worker only (imports; see docs/scaling.md)
pacewise demo             create the demo clinic, clinician and patients
pacewise demo-code EMAIL  print the current two-factor code of a demo account
pacewise backup FILE      copy the database safely while the app runs
pacewise restore FILE     put a backup back (stop the server first)
pacewise create-clinic NAME --admin EMAIL
pacewise analyze FILE     honest trigger detection on a diary CSV (no server needed)
pacewise export-diary EMAIL FILE, import-diary EMAIL FILE [--map ...]
pacewise purge-deleted    remove diary entries deleted more than 30 days ago (daily)
pacewise send-reminders   email people whose questionnaires just opened (daily)
pacewise warm-caseload    read caseload reasons, plan replays and flare outlooks ahead (hourly)
pacewise migrate, createsuperuser, check --deploy, ... (all of Django's)
"""

from __future__ import annotations

import os
import sys

ALIASES = {
    "demo-code": "demo_code",
    "create-clinic": "create_clinic",
    "export-diary": "export_diary",
    "import-diary": "import_diary",
    "purge-deleted": "purge_deleted",
    "send-reminders": "send_reminders",
    "warm-caseload": "warm_caseload",
    "worker": "db_worker",
}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["analyze"]:  # framework-free: no settings, no database
        from pacewise.analyze import main as analyze

        return analyze(args[1:])
    if args and args[0] in ALIASES:
        args[0] = ALIASES[args[0]]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pacewise.config.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["pacewise", *args])
    except ImproperlyConfigured as exc:  # a setting to fix: say which, without a traceback
        print(f"pacewise: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
