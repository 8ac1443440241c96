"""The `pacewise` command itself."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time

import pytest


def run(*args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "pacewise.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        **kwargs,
    )


def test_analyze_runs_without_django_settings(tmp_path):
    diary = tmp_path / "diary.csv"
    rows = ["date,pain,alcohol"] + [f"2026-01-{d:02d},{4 + (d % 2)},{d % 2}" for d in range(1, 29)]
    diary.write_text("\n".join(rows) + "\n2026-01-29,eleven,0\n")
    result = run("analyze", str(diary), "--json", env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    findings = json.loads(result.stdout)
    assert {f["factor"] for f in findings} == {"alcohol"}
    assert all("significant" in f for f in findings)
    assert "line 30" in result.stderr


def test_help_lists_pacewise_commands(tmp_path):
    result = run(
        "help",
        env={"PATH": "/usr/bin:/bin", "PACEWISE_DATA_DIR": str(tmp_path), "PACEWISE_DEBUG": "1"},
    )
    for command in ("serve", "demo", "backup", "restore", "create_clinic", "purge_deleted"):
        assert command in result.stdout


QUEUE_AN_IMPORT = """
from pacewise.accounts.models import User
from pacewise.diary.models import ImportJob
from pacewise.diary.tasks import import_file, upload_path
user = User.objects.get(email="alex@demo.example")
job = ImportJob.objects.create(patient=user.patient, actor=user, source="other",
                               mapping={"Date": "local_date", "Pain": "pain_avg"})
upload_path(job.pk).write_text("Date,Pain\\n2026-11-01,4\\n2026-11-02,5\\n", encoding="utf-8")
import_file.enqueue(str(job.pk))
print(job.pk)
"""


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs the server on a SQLite data directory of its own",
)
def test_serve_runs_a_queue_worker_that_imports_and_stops_with_the_server(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "DJANGO_"))}
    env.update(PACEWISE_DATA_DIR=str(tmp_path / "data"), PACEWISE_DEBUG="1")
    assert run("migrate", "-v0", env=env).returncode == 0
    assert run("demo", env=env).returncode == 0
    job_id = run("shell", "-v0", "-c", QUEUE_AN_IMPORT, env=env).stdout.strip()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "pacewise.cli", "serve", "--bind", f"127.0.0.1:{port}",
         "--workers", "1"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    status = "queued"
    try:
        for _ in range(120):
            status = run(
                "shell", "-v0", "-c",
                f"from pacewise.diary.models import ImportJob; "
                f"print(ImportJob.objects.get(pk='{job_id}').status)",
                env=env,
            ).stdout.strip()
            if status in ("done", "failed"):
                break
            time.sleep(0.5)
    finally:
        server.send_signal(signal.SIGTERM)
        code = server.wait(timeout=60)
    assert status == "done"
    assert code == 0
    left = subprocess.run(["pgrep", "-f", f"127.0.0.1:{port}"], capture_output=True, check=False)
    assert left.stdout == b""  # gunicorn went with it


def test_every_command_the_readme_names_with_dashes_runs_under_that_name():
    from pathlib import Path

    from pacewise import cli

    commands = Path(cli.__file__).parent / "ops/management/commands"
    dashed = {p.stem.replace("_", "-"): p.stem for p in commands.glob("[a-z]*_*.py")}
    assert {name: cli.ALIASES.get(name) for name in dashed} == dashed
