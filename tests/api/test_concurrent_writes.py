"""Concurrent writes through the live API: a new tag made by six check-ins at once, and six
retries of one client id at once, all answer 200/201 with the one stored row (no 500s).

On SQLite writers queue (BEGIN IMMEDIATE), so the race is PostgreSQL's; there the test runs
(CI's PostgreSQL step). The SQLite test database is in memory and shared with the live
server's threads, which cannot write at once, so the test is skipped there.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
import uuid

import pytest
from django.db import connection
from django.utils import timezone

from cast import bearer
from pacewise.diary.models import CheckIn, Tag

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite", reason="PostgreSQL's race; see above"),
]
CLIENTS = 6


def _fire(url: str, bodies: list[dict], token: str) -> list[int]:
    statuses: list[int] = []
    start = threading.Barrier(len(bodies))

    def send(body):
        request = urllib.request.Request(
            url,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "Authorization": token},
            method="POST",
        )
        start.wait()
        try:
            with urllib.request.urlopen(request, timeout=30) as reply:  # noqa: S310 - localhost
                statuses.append(reply.status)
        except urllib.error.HTTPError as exc:
            statuses.append(exc.code)

    threads = [threading.Thread(target=send, args=(b,)) for b in bodies]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses


def _setup(cast, live_server):
    token = bearer(cast.patient)["HTTP_AUTHORIZATION"]
    url = f"{live_server.url}/api/patients/{cast.record.pk}/checkins"
    return url, token


def test_six_check_ins_with_the_same_new_tag_at_once(cast, live_server):
    url, token = _setup(cast, live_server)
    day = timezone.localdate().isoformat()
    bodies = [{"local_date": day, "pain_avg": 4, "tags": ["Long Drive"]} for _ in range(CLIENTS)]
    for _ in range(3):
        statuses = _fire(url, bodies, token)
        assert statuses.count(201) == CLIENTS, statuses
    assert Tag.objects.filter(patient=cast.record, name__iexact="long drive").count() == 1


def test_six_retries_of_one_client_id_at_once(cast, live_server):
    url, token = _setup(cast, live_server)
    day = timezone.localdate().isoformat()
    for _ in range(3):
        entry_id = str(uuid.uuid4())
        body = {"id": entry_id, "local_date": day, "pain_avg": 5, "tags": ["new tag"]}
        statuses = _fire(url, [body] * CLIENTS, token)
        assert sorted(statuses) == [200] * (CLIENTS - 1) + [201], statuses
        assert CheckIn.objects.filter(pk=entry_id).count() == 1
