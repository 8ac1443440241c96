"""Hardening: two-factor codes cannot be guessed or replayed, a stranger behind the proxy
cannot lock anyone out, health data is never cached, the SQLite file is private."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.core import mail
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from cast import PASSWORD, bearer
from pacewise.accounts.token_models import TwoFactorFailure


def current_code(user) -> str:
    secret = decrypt(Authenticator.objects.get(user=user, type="totp").data["secret"])
    counters = list(yield_hotp_counters_from_time())
    counter = counters[len(counters) // 2]  # the current step (the others are tolerated)
    return format_hotp_value(hotp_value(secret, counter))


def wrong_code(user) -> str:
    right = current_code(user)
    return "000000" if right != "000000" else "111111"


def password_step(client, user, **meta):
    reply = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}, **meta
    )
    assert reply.status_code == 302 and reply["Location"] == reverse("mfa_authenticate")


def send_code(client, code):
    return client.post(reverse("mfa_authenticate"), {"code": code})


def test_the_cache_is_shared_by_every_worker():
    backend = caches["default"].__class__.__name__
    assert backend in {"DatabaseCache", "RedisCache"}, backend


def test_wrong_codes_lock_the_account_and_its_holder_is_told(client, cast):
    user = cast.sharing_clinician
    password_step(client, user)
    for _ in range(settings.PACEWISE_CODE_FAILURE_LIMIT):
        page = send_code(client, wrong_code(user))
        assert page.status_code == 200
    assert TwoFactorFailure.objects.filter(user=user).count() == 5
    locked = send_code(client, current_code(user))
    assert locked.status_code == 200 and "Too many wrong codes" in locked.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]
    assert "paused" in mail.outbox[0].subject
    # from another address and a fresh session, the account is still locked
    other = client.__class__()
    password_step(other, user, REMOTE_ADDR="10.9.9.9")
    assert "Too many wrong codes" in send_code(other, current_code(user)).content.decode()


def test_a_right_code_signs_in_and_clears_nothing_it_should_not(client, cast):
    user = cast.sharing_clinician
    password_step(client, user)
    send_code(client, wrong_code(user))
    reply = send_code(client, current_code(user))
    assert reply.status_code == 302
    assert TwoFactorFailure.objects.filter(user=user).count() == 1


def test_a_code_cannot_be_used_twice(client, cast):
    user = cast.sharing_clinician
    code = current_code(user)
    password_step(client, user)
    assert send_code(client, code).status_code == 302
    second = client.__class__()
    password_step(second, user)
    page = send_code(second, code)
    assert page.status_code == 200 and "already used" in page.content.decode()


SCRIPT = """
from allauth.mfa.models import Authenticator
from pacewise.accounts.models import User
auth = Authenticator.objects.get(user__email="clinician@demo.example", type="totp")
print("ACCEPTED" if auth.wrap().validate_code("{code}") else "REFUSED")
"""


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs two processes on a SQLite data directory of its own",
)
def test_a_code_is_refused_in_a_second_worker_process(tmp_path):
    """Two processes, as two gunicorn workers are: the used-code mark is in the shared cache."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "DJANGO_"))}
    env.update(PACEWISE_DATA_DIR=str(tmp_path / "data"), PACEWISE_DEBUG="1")

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "pacewise.cli", *args],
            env=env, capture_output=True, text=True, check=False,
        )

    assert run("migrate", "-v0").returncode == 0
    assert run("demo").returncode == 0
    code = run("demo-code", "clinician@demo.example").stdout.strip().split()[-1]
    first = run("shell", "-c", SCRIPT.format(code=code))
    second = run("shell", "-c", SCRIPT.format(code=code))
    assert "ACCEPTED" in first.stdout, first.stderr
    assert "REFUSED" in second.stdout, second.stderr
    db = tmp_path / "data" / "pacewise.sqlite3"
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    os.chmod(tmp_path / "data", 0o755)
    assert "pacewise.W001" in run("check").stderr


@override_settings(PACEWISE_BEHIND_PROXY=True)
def test_behind_the_proxy_a_stranger_cannot_lock_the_owner_out(client, cast):
    user = cast.sharing_clinician
    forged = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "10.0.0.5, 203.0.113.9"}
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong"}, **forged)
    owner = client.__class__()
    password_step(owner, user, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.5")


def test_health_data_is_never_cached(client, cast):
    client.force_login(cast.patient)
    pages = [
        reverse("today", args=[cast.record.pk]),
        reverse("patient-home", args=[cast.record.pk]),
        reverse("outcomes-fhir", args=[cast.record.pk]),
    ]
    for path in pages:
        assert "no-store" in client.get(path)["Cache-Control"], path
    api = client.get(f"/api/patients/{cast.record.pk}/today", **bearer(cast.patient))
    assert "no-store" in api["Cache-Control"]
