"""The `pacewise` command itself."""

from __future__ import annotations

import json
import subprocess
import sys


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
