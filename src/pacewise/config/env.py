"""Typed readers for configuration from the environment (the only place settings come from)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    """A string setting; NAME_FILE (a path) wins over NAME, for secrets mounted as files."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no (got {raw!r}).")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number (got {raw!r}).") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def data_dir() -> Path:
    """Where Pacewise keeps its database and keys: a per-user directory, never the checkout."""
    raw = os.environ.get("PACEWISE_DATA_DIR")
    if raw:
        path = Path(raw).expanduser()
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("pacewise", appauthor=False))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def secret_key(debug: bool, directory: Path) -> str:
    """SECRET_KEY from the environment; in development a key kept in the data directory."""
    key = env_str("SECRET_KEY")
    if key:
        if len(key) < 50 and not debug:
            raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long.")
        return key
    if not debug:
        raise ImproperlyConfigured(
            "Set SECRET_KEY (or SECRET_KEY_FILE) before starting Pacewise in production. "
            'Generate one with: python3 -c "import secrets; print(secrets.token_urlsafe(64))". '
            "To try Pacewise on your own computer, set PACEWISE_DEBUG=1 instead (./dev run does)."
        )
    path = directory / "dev_secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()
