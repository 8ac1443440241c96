"""Backup and restore of the embedded SQLite database, through the `pacewise` command."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest


def pacewise(tmp_path, *args, stdin=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "DJANGO_"))}
    env.update(PACEWISE_DATA_DIR=str(tmp_path / "data"), PACEWISE_DEBUG="1")
    return subprocess.run(
        [sys.executable, "-m", "pacewise.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        input=stdin,
        check=False,
    )


def count_users(db_path) -> int:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT count(*) FROM accounts_user").fetchone()[0]


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="SQLite backup path; PostgreSQL uses pg_dump (see README)",
)
def test_backup_then_restore_brings_back_the_data(tmp_path):
    assert pacewise(tmp_path, "migrate", "-v0").returncode == 0
    assert pacewise(tmp_path, "demo").returncode == 0
    live = tmp_path / "data" / "pacewise.sqlite3"
    demo_users = count_users(live)
    assert demo_users >= 5

    result = pacewise(tmp_path, "backup", str(tmp_path / "b.sqlite3"))
    assert result.returncode == 0, result.stderr
    assert oct((tmp_path / "b.sqlite3").stat().st_mode)[-3:] == "600"

    with sqlite3.connect(live) as conn:
        conn.execute("DELETE FROM accounts_user WHERE email LIKE 'sam%'")
    assert count_users(live) == demo_users - 1

    refused = pacewise(tmp_path, "restore", str(tmp_path / "b.sqlite3"), stdin="no\n")
    assert refused.returncode != 0 and count_users(live) == demo_users - 1

    result = pacewise(tmp_path, "restore", "--yes", str(tmp_path / "b.sqlite3"))
    assert result.returncode == 0, result.stderr
    assert count_users(live) == demo_users


def test_backup_will_not_overwrite_and_restore_checks_the_file(tmp_path):
    pacewise(tmp_path, "migrate", "-v0")
    (tmp_path / "exists").write_text("x")
    result = pacewise(tmp_path, "backup", str(tmp_path / "exists"))
    assert result.returncode != 0 and "already exists" in result.stderr
    result = pacewise(tmp_path, "restore", "--yes", str(tmp_path / "exists"))
    assert result.returncode != 0 and "not a" in result.stderr
