"""Reminders as notifications: VAPID-signed, encrypted for the phone (decrypted here with the
phone's own keys, from a local receiver standing in for the push service), "Not today" from
the notification in one tap, email when no phone takes it, and only push addresses on the
internet accepted."""

import base64
import json
import os
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import http_ece
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.core import mail
from django.urls import reverse

from pacewise.today.models import PushSubscription, ReminderSkip
from pacewise.today.reminders import send_due

DAY = datetime(2027, 1, 15, tzinfo=UTC)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class Receiver:
    """A push service on this machine: keeps what it is sent, answers ``status``."""

    def __init__(self, status=201):
        received = self.received = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (the standard library's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                received.append((self.headers, body))  # names in any case
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/push/abc"

    def close(self):
        self.server.shutdown()


@pytest.fixture
def phone(me, client, tmp_path, monkeypatch):
    """A phone subscribed for the signed-in person, with its own keys, and a morning reminder."""
    monkeypatch.setitem(os.environ, "PACEWISE_VAPID_KEY_FILE", str(tmp_path / "vapid.pem"))
    from pacewise.today import push

    push.vapid.cache_clear()
    me.user.time_zone = "UTC"
    me.user.save(update_fields=["time_zone"])
    client.post(reverse("today-reminders", args=[me.pk]), {
        "morning_on": "on", "morning_at": "08:30", "evening_at": "20:00", "bouts_at": "14:00",
        "weekly_review_at": "18:00"})  # fmt: skip
    key = ec.generate_private_key(ec.SECP256R1())
    point = key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    secret = os.urandom(16)
    yield key, point, secret
    push.vapid.cache_clear()


def subscribe(me, url, point, secret):
    return PushSubscription.objects.create(patient=me, endpoint=url, p256dh=b64(point),
                                           auth=b64(secret))  # fmt: skip


def test_a_reminder_arrives_encrypted_for_the_phone_and_no_email_is_sent(me, phone, client):
    key, point, secret = phone
    receiver = Receiver()
    try:
        subscribe(me, receiver.url, point, secret)
        assert send_due(DAY + timedelta(hours=8, minutes=40)) == 1
    finally:
        receiver.close()
    headers, body = receiver.received[0]
    assert headers["Authorization"].startswith("vapid t=") and headers["TTL"] == "10800"
    assert headers["Content-Encoding"] == "aes128gcm"
    payload = json.loads(http_ece.decrypt(body, private_key=key, auth_secret=secret,
                                         version="aes128gcm"))  # fmt: skip
    assert payload["title"] == "Good morning" and "/checkin/morning/" in payload["url"]
    assert mail.outbox == []
    client.logout()  # "Not today" on the notification: the worker posts, no session, no page
    assert client.post(payload["notToday"]).status_code == 204
    assert ReminderSkip.objects.filter(patient=me, local_date=DAY.date()).exists()


def test_a_phone_that_unsubscribed_is_forgotten_and_email_comes_instead(me, phone):
    _, point, secret = phone
    receiver = Receiver(status=410)
    try:
        subscribe(me, receiver.url, point, secret)
        assert send_due(DAY + timedelta(hours=8, minutes=40)) == 1
    finally:
        receiver.close()
    assert not PushSubscription.objects.filter(patient=me).exists()
    assert mail.outbox[-1].subject == "[Pacewise] Good morning"


def test_only_push_addresses_on_the_internet_are_kept(me, client):
    url = reverse("today-push", args=[me.pk])
    point = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        Encoding.X962, PublicFormat.UncompressedPoint)  # fmt: skip
    keys = {"p256dh": b64(point), "auth": b64(os.urandom(16))}

    def send(endpoint, **extra):
        body = json.dumps({"endpoint": endpoint, "keys": keys, **extra})
        return client.post(url, body, content_type="application/json")

    assert send("http://push.example.com/x").status_code == 422
    refused = send("https://10.0.0.5/x")
    assert refused.status_code == 422 and "not this network" in refused.json()["errors"][0][
        "message"]  # fmt: skip
    assert send("https://push.example.com/x", keys={"p256dh": "AA", "auth": "BB"}).status_code \
        == 422  # fmt: skip
    assert send("https://push.example.com/x").status_code == 201
    assert PushSubscription.objects.get(patient=me).endpoint == "https://push.example.com/x"
    client.post(url, json.dumps({"stop": "https://push.example.com/x"}),
                content_type="application/json")  # fmt: skip
    assert not PushSubscription.objects.exists()
