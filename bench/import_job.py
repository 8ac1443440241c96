"""A large diary import through the task queue, as the web page starts it.

    .venv/bin/python bench/import_job.py              # 100,000 lines, SQLite
    .venv/bin/python bench/import_job.py --lines 20000

Makes a fresh SQLite data directory and a person, writes a CSV from "another app" (date, pain,
note; several rows a day over three years), queues it as the import page does (an ImportJob
and tasks.import_file), then runs `pacewise worker --batch` and prints the time, lines per
second, the worker's peak memory and the job's report. The web request only saves the file and
queues the job, so no web timeout applies however long this takes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

QUEUE = """
import json
from pacewise.accounts.models import Patient, User
from pacewise.diary.models import ImportJob
from pacewise.diary.tasks import import_file, upload_path
user = User.objects.create_user("bench@example.com", "bench-password-not-secret-42")
patient = Patient.objects.create(user=user)
job = ImportJob.objects.create(patient=patient, actor=user, source="other",
    mapping={{"Date": "local_date", "Pain": "pain_avg", "Notes": "note"}})
upload_path(job.pk).write_bytes(open({path!r}, "rb").read())
import_file.enqueue(str(job.pk))
print("BENCH " + str(job.pk))
"""
REPORT = """
import json
from pacewise.diary.models import CheckIn, ImportJob
job = ImportJob.objects.get()
r = job.report or {}
print("BENCH " + json.dumps({"status": job.status, "done": job.done, "total": job.total,
    "created": r.get("created"), "errors": len(r.get("errors", [])),
    "stored": CheckIn.objects.count()}))
"""


def run(env, *args) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "pacewise.cli", *args], env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"pacewise {args[0]} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def bench_line(output: str) -> str:
    return next(line[6:] for line in output.splitlines() if line.startswith("BENCH "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=100_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pacewise-import-"))
    env = os.environ | {
        "PACEWISE_DATA_DIR": str(work), "SECRET_KEY": secrets.token_urlsafe(64),
        "PACEWISE_DEBUG": "0", "PACEWISE_TLS": "0", "ALLOWED_HOSTS": "127.0.0.1",
        "PACEWISE_LOG_LEVEL": "WARNING",
    }  # fmt: skip
    env.pop("DATABASE_URL", None)
    try:
        csv_path = work / "diary.csv"
        start = date(2026, 11, 30)
        rows = ["Date,Pain,Notes"] + [
            f"{start - timedelta(days=i % 1095)},{i % 11},row {i}" for i in range(args.lines)
        ]
        csv_path.write_text("\n".join(rows) + "\n")
        size = csv_path.stat().st_size
        run(env, "migrate", "--no-input", "-v0")
        bench_line(run(env, "shell", "-v0", "-c", QUEUE.format(path=str(csv_path))))
        began = time.perf_counter()
        run(env, "worker", "--batch", "--no-reload", "--no-startup-delay", "-v0")
        took = time.perf_counter() - began
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        report = json.loads(bench_line(run(env, "shell", "-v0", "-c", REPORT)))
        print(f"{args.lines:,} lines ({size / 1e6:.1f} MB) imported by the queue's worker "
              f"in {took:.1f} s: {args.lines / took:,.0f} lines/s; "
              f"peak memory of a child process {peak_mb:.0f} MB")  # fmt: skip
        print(f"job: {report}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
