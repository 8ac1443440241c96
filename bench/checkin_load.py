"""Check-in load: a real gunicorn server, N concurrent clients posting check-ins, nothing lost?

    .venv/bin/python bench/checkin_load.py                       # SQLite in a temporary dir
    .venv/bin/python bench/checkin_load.py --database-url postgres://postgres@127.0.0.1:5432/pacewise_bench

Starts `gunicorn pacewise.config.wsgi:application` (2 sync workers) on a free port of
127.0.0.1 against a fresh data directory, migrates, makes a patient and an access token, then
for a bounded time drives `--clients` threads (http.client, a new connection per request, as
gunicorn's sync workers close each one) posting check-ins with their own UUIDs to
POST /api/patients/{id}/checkins, then the same load on GET /healthz. Prints throughput, p50/p99
latency and errors for both, the ratio of the two, and "lost: N" — acknowledged check-ins that
are not in the database. With PostgreSQL, the scratch database `pacewise_bench` on 127.0.0.1 is
created and dropped. Traffic goes only to 127.0.0.1. Figures: docs/diary.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

HOST = "127.0.0.1"
MAX_SECONDS = 120  # hard cap on each phase, whatever --seconds says
SCRATCH_DB = "pacewise_bench"

SETUP = """
import json
from pacewise.accounts.models import AccessToken, Patient, User
user = User.objects.create_user("bench@example.com", "bench-password-not-secret-42")
patient = Patient.objects.create(user=user)
_, raw = AccessToken.issue(user, "bench")
print("BENCH " + json.dumps({"patient": str(patient.pk), "token": raw}))
"""

COUNT = """
from pathlib import Path
from pacewise.diary.models import CheckIn
ids = Path({path!r}).read_text().split()
found = 0
for start in range(0, len(ids), 500):
    found += CheckIn.objects.filter(pk__in=ids[start:start + 500]).count()
print(f"BENCH {{len(ids) - found}}")
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def pacewise(env, *args) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "pacewise.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode:
        sys.exit(f"pacewise {args[0]} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def bench_line(output: str) -> str:
    return next(line[6:] for line in output.splitlines() if line.startswith("BENCH "))


def scratch_database(url: str, action: str) -> None:
    import psycopg

    parts = urlsplit(url)
    if parts.hostname != HOST or parts.path.strip("/") != SCRATCH_DB:
        sys.exit(f"--database-url must point at {SCRATCH_DB} on {HOST} (it is dropped)")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {SCRATCH_DB} WITH (FORCE)")
        if action == "create":
            conn.execute(f"CREATE DATABASE {SCRATCH_DB}")


def stop(process: subprocess.Popen) -> None:
    """SIGTERM, then a kill if it has not gone within 30 s."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_until_up(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("the server stopped while starting")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit("the server did not answer /healthz within 60 s")


def load(port: int, clients: int, seconds: float, request) -> dict:
    """Run `request(conn) -> (ok, ack)` from `clients` threads until the time is up."""
    latencies: list[float] = []
    errors: list[str] = []
    acks: list[str] = []
    lock = threading.Lock()
    start = time.monotonic()
    deadline = start + min(seconds, MAX_SECONDS)

    def client():
        mine, bad, acked = [], [], []
        while time.monotonic() < deadline:
            began = time.perf_counter()
            try:
                conn = http.client.HTTPConnection(HOST, port, timeout=10)
                ok, ack = request(conn)
                conn.close()
            except OSError as exc:
                ok, ack = False, type(exc).__name__
            mine.append(time.perf_counter() - began)
            if ok:
                acked.append(ack)
            else:
                bad.append(ack)
        with lock:
            latencies.extend(mine)
            errors.extend(bad)
            acks.extend(a for a in acked if a)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=MAX_SECONDS + 30)
    elapsed = time.monotonic() - start
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": pct(0.50) if latencies else 0,
        "p99": pct(0.99) if latencies else 0,
        "errors": len(errors),
        "error_kinds": sorted(set(errors))[:5],
        "acks": acks,
    }


def post_checkin(patient: str, token: str):
    path = f"/api/patients/{patient}/checkins"
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def request(conn):
        entry_id = str(uuid.uuid4())
        body = {
            "id": entry_id,
            "pain_now": secrets.randbelow(11),
            "pain_avg": secrets.randbelow(11),
            "fatigue": secrets.randbelow(11),
            "sleep_hours": 7.5,
            "mood": 6,
            "tags": ["bench"],
            "note": "load test",
        }
        conn.request("POST", path, json.dumps(body), headers)
        response = conn.getresponse()
        response.read()
        if response.status == 201:
            return True, entry_id
        return False, f"HTTP {response.status}"

    return request


def get_healthz(conn):
    conn.request("GET", "/healthz")
    response = conn.getresponse()
    response.read()
    return response.status == 200, None if response.status == 200 else f"HTTP {response.status}"


def report(name: str, figures: dict) -> None:
    print(
        f"{name:<10} {figures['requests']:>7} requests  {figures['rps']:8.1f} req/s  "
        f"p50 {figures['p50']:7.1f} ms  p99 {figures['p99']:7.1f} ms  "
        f"errors {figures['errors']} {' '.join(figures['error_kinds'])}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument(
        "--seconds", type=float, default=20, help=f"per phase, at most {MAX_SECONDS}"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", help=f"postgres://postgres@{HOST}:5432/{SCRATCH_DB}")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="pacewise-bench-"))
    (data_dir / "static").mkdir()  # whitenoise warns about a missing static root otherwise
    env = os.environ | {
        "PACEWISE_DATA_DIR": str(data_dir),
        "SECRET_KEY": secrets.token_urlsafe(64),
        "PACEWISE_TLS": "0",
        "PACEWISE_DEBUG": "0",
        "ALLOWED_HOSTS": HOST,
        "DJANGO_SETTINGS_MODULE": "pacewise.config.settings",
        "PACEWISE_LOG_LEVEL": "WARNING",
    }
    env.pop("DATABASE_URL", None)
    if args.database_url:
        scratch_database(args.database_url, "create")
        env["DATABASE_URL"] = args.database_url
    server = None
    try:
        pacewise(env, "migrate", "--no-input")
        setup = json.loads(bench_line(pacewise(env, "shell", "-c", SETUP)))
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "pacewise.config.wsgi:application",
                "--workers", str(args.workers), "--bind", f"{HOST}:{port}",
                "--log-level", "warning",
            ],
            env=env,
        )  # fmt: skip
        wait_until_up(port, server)
        database = "PostgreSQL" if args.database_url else "SQLite (WAL, synchronous=FULL)"
        print(f"{database}, {args.workers} gunicorn workers, {args.clients} clients, "
              f"{min(args.seconds, MAX_SECONDS):.0f} s per phase")  # fmt: skip
        checkins = load(port, args.clients, args.seconds, post_checkin(**setup))
        report("check-ins", checkins)
        healthz = load(port, args.clients, args.seconds, get_healthz)
        report("/healthz", healthz)
        print(f"ratio check-in/healthz throughput: {checkins['rps'] / healthz['rps']:.2f}")
        ids = data_dir / "acked.txt"
        ids.write_text("\n".join(checkins["acks"]))
        lost = bench_line(pacewise(env, "shell", "-c", COUNT.format(path=str(ids))))
        print(f"acknowledged: {len(checkins['acks'])}")
        print(f"lost: {lost}")
    finally:
        if server is not None:
            stop(server)
        if args.database_url:
            scratch_database(args.database_url, "drop")
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
