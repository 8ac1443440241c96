"""Health data on disk is for the server's account only: the SQLite database (and its WAL and
shared-memory files) is made 0600 when a connection opens, and a system check warns when
the data directory can be read by others."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from django.conf import settings
from django.core import checks


def private_sqlite_files(sender, connection, **kwargs) -> None:
    """connection_created: make the database files readable by the owner only."""
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    for path in (Path(name), Path(name + "-wal"), Path(name + "-shm")):
        try:
            if path.exists() and stat.S_IMODE(path.stat().st_mode) & 0o077:
                os.chmod(path, 0o600)
        except OSError:  # not ours to change (e.g. a read-only mount): the check says so
            pass


def data_dir_problems(directory: Path) -> list[str]:
    problems = []
    for path in [directory, *directory.glob("*.sqlite3*")]:
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except OSError:
            continue
        if mode & 0o077:
            problems.append(f"{path} is readable by other accounts (mode {mode:o})")
    return problems


@checks.register(checks.Tags.security, deploy=False)
def check_data_dir(app_configs, **kwargs):
    return [
        checks.Warning(
            problem,
            hint="Run: chmod 700 on the data directory and chmod 600 on the database files.",
            id="pacewise.W001",
        )
        for problem in data_dir_problems(Path(settings.DATA_DIR))
    ]
