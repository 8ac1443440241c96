"""Backing up and restoring the database: SQLite online backup, pg_dump for PostgreSQL."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections


class BackupError(Exception):
    pass


def _database():
    return connections["default"].settings_dict


def is_sqlite() -> bool:
    return _database()["ENGINE"].endswith("sqlite3")


def backup(target: Path) -> Path:
    """Write a consistent copy of the database to `target` (safe while the app is running)."""
    target = target.expanduser().resolve()
    if target.exists():
        raise BackupError(f"{target} already exists; choose a new file name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    if is_sqlite():
        with sqlite3.connect(_database()["NAME"]) as source, sqlite3.connect(target) as dest:
            source.backup(dest)
        dest.close()
    else:
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}"])
    target.chmod(0o600)
    return target


def restore(source: Path) -> None:
    """Replace the database with a backup. Stop the server first."""
    source = source.expanduser().resolve()
    if not source.is_file():
        raise BackupError(f"{source} is not a file.")
    if is_sqlite():
        _check_sqlite_backup(source)
        connections["default"].close()
        with sqlite3.connect(source) as src, sqlite3.connect(_database()["NAME"]) as dest:
            src.backup(dest)
        dest.close()
    else:
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", str(source)], dbname=True)


def _check_sqlite_backup(path: Path) -> None:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a SQLite database: {exc}") from exc
    if not {"django_migrations", "accounts_patient"} <= tables:
        raise BackupError(f"{path} is not a Pacewise backup.")


def _run(command: list[str], dbname: bool = False) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} is not installed (Debian: apt-get install postgresql-client)."
        )
    db = _database()
    env = {
        "PGHOST": db.get("HOST") or "",
        "PGPORT": str(db.get("PORT") or ""),
        "PGUSER": db.get("USER") or "",
        "PGPASSWORD": db.get("PASSWORD") or "",
        "PGDATABASE": db["NAME"],
        "PATH": "/usr/bin:/bin:/usr/local/bin",
    }
    if dbname:
        command = [*command[:-1], f"--dbname={db['NAME']}", command[-1]]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")
