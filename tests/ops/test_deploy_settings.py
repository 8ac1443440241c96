"""Production settings: `check --deploy` is clean, and the server refuses to start unsafely."""

from __future__ import annotations

import os
import subprocess
import sys

PROD_ENV = {
    "SECRET_KEY": "k" * 20 + "-production-secret-" + "z" * 30,
    "ALLOWED_HOSTS": "pacewise.example.org",
    "DJANGO_SETTINGS_MODULE": "pacewise.config.settings",
}


def run(args, tmp_path, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PACEWISE_", "SECRET_KEY", "DJANGO_", "ALLOWED_", "DATABASE_URL"))
    }
    clean.update(PACEWISE_DATA_DIR=str(tmp_path), **env)
    return subprocess.run(
        [sys.executable, "-m", "pacewise.cli", *args],
        capture_output=True,
        text=True,
        env=clean,
        check=False,
    )


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = run(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, **PROD_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in PROD_ENV.items() if k != "SECRET_KEY"}
    result = run(["check"], tmp_path, **env)
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr and "PACEWISE_DEBUG=1" in result.stderr
    assert "Traceback" not in result.stderr  # a setting to fix, said in one message


def test_production_refuses_a_short_secret_key(tmp_path):
    result = run(["check"], tmp_path, **{**PROD_ENV, "SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "at least 50 characters" in result.stderr


def test_bad_boolean_settings_are_reported_by_name(tmp_path):
    result = run(["check"], tmp_path, **PROD_ENV, PACEWISE_DEBUG="maybe")
    assert result.returncode != 0
    assert "PACEWISE_DEBUG" in result.stderr


def test_data_lives_in_the_data_dir_not_the_checkout(tmp_path):
    result = run(
        [
            "shell",
            "-c",
            "from django.conf import settings; print(settings.DATABASES['default']['NAME'])",
        ],
        tmp_path,
        **PROD_ENV,
    )
    assert result.stdout.strip().splitlines()[-1] == str(tmp_path / "pacewise.sqlite3")


def test_production_security_headers_and_cookies(tmp_path):
    code = (
        "from django.conf import settings as s; d = s.CONTENT_SECURITY_POLICY['DIRECTIVES'];"
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS,"
        "\"'unsafe-inline'\" in d['script-src'] + d['style-src'], d['frame-ancestors'])"
    )
    result = run(["shell", "-c", code], tmp_path, **PROD_ENV)
    assert result.stdout.strip().splitlines()[-1] == "False True True 31536000 False [\"'none'\"]"
