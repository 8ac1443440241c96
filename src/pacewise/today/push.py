"""Web push for reminders (RFC 8030 delivery, RFC 8291 encryption, RFC 8292 VAPID).

py-vapid signs and http-ece encrypts (both from Mozilla's web-push-libs, the libraries
pywebpush is built on; pywebpush itself would bring aiohttp into a synchronous server for one
POST). The request goes out with the standard library. The server's VAPID key is made on first
use in the data directory (0600), or read from ``PACEWISE_VAPID_KEY_FILE``.
"""

from __future__ import annotations

import base64
import ipaddress
import json
import os
import time
import urllib.error
import urllib.request
from email.utils import parseaddr
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import http_ece
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from py_vapid import Vapid02

from pacewise.core.errors import RuleError

from .models import PushSubscription

TTL_SECONDS = 3 * 3600  # a reminder older than this helps nobody (core.reminders.LATE_BY)
TIMEOUT_SECONDS = 10


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@cache
def vapid() -> Vapid02:
    path = Path(os.environ.get("PACEWISE_VAPID_KEY_FILE") or settings.DATA_DIR / "vapid.pem")
    if not path.exists():
        key = Vapid02()
        key.generate_keys()
        key.save_key(str(path))
        path.chmod(0o600)
    return Vapid02.from_file(str(path))


def public_key() -> str:
    """The applicationServerKey a browser subscribes with (base64url, uncompressed point)."""
    point = vapid().public_key.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    return _b64(point)


def encrypt(payload: dict, p256dh: str, auth: str) -> bytes:
    return http_ece.encrypt(
        json.dumps(payload).encode(),
        private_key=ec.generate_private_key(ec.SECP256R1()),
        dh=_unb64(p256dh),
        auth_secret=_unb64(auth),
        version="aes128gcm",
    )


def send(subscription: PushSubscription, payload: dict) -> bool:
    """Deliver one notification; a subscription the push service says is gone is deleted."""
    parts = urlsplit(subscription.endpoint)
    claims = {"aud": f"{parts.scheme}://{parts.netloc}", "exp": int(time.time()) + 12 * 3600,
              "sub": f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}"}  # fmt: skip
    headers = {**vapid().sign(claims), "TTL": str(TTL_SECONDS), "Urgency": "normal",
               "Content-Encoding": "aes128gcm", "Content-Type": "application/octet-stream"}
    if parts.scheme not in ("https", "http"):  # only ever a web address (subscribe: https)
        return False
    body = encrypt(payload, subscription.p256dh, subscription.auth)
    request = urllib.request.Request(subscription.endpoint, data=body, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return 200 <= response.status < 300
    except urllib.error.HTTPError as exc:
        if exc.code in (404, 410):
            subscription.delete()
        return False
    except OSError:
        return False


class PushError(RuleError):
    """A subscription the browser sent is not one we can use (``field`` names the part)."""


def subscribe(patient, data: dict) -> PushSubscription:
    """Keep a browser's push subscription (``{endpoint, keys: {p256dh, auth}}``) for reminders."""
    endpoint = str(data.get("endpoint") or "")
    keys = data.get("keys") or {}
    if not endpoint.startswith("https://") or len(endpoint) > 1000:
        raise PushError("endpoint", "a push service address starts with https://")
    if _inside(urlsplit(endpoint).hostname or ""):
        raise PushError("endpoint", "a push service is on the internet, not this network")
    try:
        p256dh, auth = _unb64(str(keys["p256dh"])), _unb64(str(keys["auth"]))
    except (KeyError, ValueError) as exc:
        raise PushError("keys", "the subscription's keys are missing or unreadable") from exc
    if len(p256dh) != 65 or len(auth) != 16:
        raise PushError("keys", "the subscription's keys are not the expected size")
    row, _ = PushSubscription.objects.update_or_create(
        endpoint=endpoint,
        defaults={"patient": patient, "p256dh": _b64(p256dh), "auth": _b64(auth)},
    )
    return row


def _inside(host: str) -> bool:
    """A host on this machine or its private network (a push service never is): the server
    must not be made to post to its own neighbours."""
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return not address.is_global
