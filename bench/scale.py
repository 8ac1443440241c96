"""Check-ins under load, on one server and on two behind nginx: throughput and latency by clients.

    .venv/bin/python bench/scale.py                                  # all three set-ups
    .venv/bin/python bench/scale.py --setups sqlite --clients 1,8,50 --seconds 10

Each set-up starts what a deployment runs, on 127.0.0.1 only, against a fresh database:
  sqlite  one `pacewise serve --no-worker` (gunicorn, --workers each) on SQLite (WAL, FULL sync)
  pg1     the same on PostgreSQL (scratch database pacewise_bench, created and dropped)
  pg2     two such servers on that PostgreSQL behind nginx (Debian's nginx, round robin, no
          sticky sessions; the config is the one docs/scaling.md shows)
It first checks that a browser session made through nginx works on both servers (sessions
live in the database, not a server's memory). Then for each number of clients, wrk (Debian's
wrk) posts check-ins with their own UUIDs to POST /api/patients/{id}/checkins, then GETs
/healthz (one SELECT 1), and the table shows requests/s, p50/p95/p99 latency, errors, and the
check-in/healthz throughput ratio. Finally it counts the check-ins in the database against the
201s wrk saw: none acknowledged may be missing. Needs: apt-get install wrk nginx-light.
Figures: docs/scaling.md.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from checkin_load import (  # noqa: E402 - the same helpers as the single-server bench
    HOST,
    SCRATCH_DB,
    SETUP,
    bench_line,
    free_port,
    pacewise,
    scratch_database,
    stop,
    wait_until_up,
)

COUNT = """
from pacewise.diary.models import CheckIn
print(f"BENCH {CheckIn.objects.count()}")
"""

WRK_SCRIPT = r"""
local f = io.open("/dev/urandom", "rb")
local seed = 0
for b in f:read(4):gmatch(".") do seed = seed * 256 + b:byte() end
f:close()
math.randomseed(seed)
local function uuid()
  return (("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"):gsub("[xy]", function(c)
    return string.format("%x", c == "x" and math.random(0, 15) or math.random(8, 11))
  end))
end
local path, token = os.getenv("BENCH_PATH"), os.getenv("BENCH_TOKEN")
created = 0  -- global: done() reads it from each thread
request = function()
  if path == "/healthz" then return wrk.format("GET", path) end
  local body = string.format(
    '{"id":"%s","pain_now":%d,"pain_avg":%d,"fatigue":%d,"sleep_hours":7.5,"mood":6,'
    .. '"tags":["bench"],"note":"load test"}',
    uuid(), math.random(0, 10), math.random(0, 10), math.random(0, 10))
  return wrk.format("POST", path, {["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json"}, body)
end
response = function(status) if status == 201 then created = created + 1 end end
setup = function(thread) table.insert(threads, thread) end
threads = {}
done = function(summary, latency)
  local acked = 0
  for _, t in ipairs(threads) do acked = acked + t:get("created") end
  local e = summary.errors
  io.write(string.format("BENCH %d %d %.1f %.1f %.1f %d %d\n", summary.requests,
    e.status + e.connect + e.read + e.write + e.timeout, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.duration, acked))
end
"""

NGINX_CONF = """
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {dir}/body; proxy_temp_path {dir}/proxy;
  fastcgi_temp_path {dir}/fcgi; uwsgi_temp_path {dir}/uwsgi; scgi_temp_path {dir}/scgi;
  upstream pacewise {{ {servers} }}
  server {{
    listen 127.0.0.1:{port};
    client_max_body_size 12m;
    location / {{
      proxy_pass http://pacewise;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_buffering off;
    }}
  }}
}}
"""


def start_servers(env, count: int, workers: int) -> tuple[list, list[int]]:
    servers, ports = [], []
    for _ in range(count):
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "pacewise.cli", "serve", "--no-worker",
             "--bind", f"{HOST}:{port}", "--workers", str(workers)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until_up(port, server)
        servers.append(server)
        ports.append(port)
    return servers, ports


def start_nginx(work: Path, ports: list[int]) -> tuple[subprocess.Popen, int]:
    port = free_port()
    upstream = " ".join(f"server {HOST}:{p};" for p in ports)
    conf = work / "nginx.conf"
    conf.write_text(NGINX_CONF.format(dir=work, servers=upstream, port=port))
    nginx = subprocess.Popen(
        ["nginx", "-p", str(work), "-c", str(conf), "-g", "daemon off;"], stderr=subprocess.PIPE
    )
    wait_until_up(port, nginx)
    return nginx, port


def sessions_are_shared(port: int) -> str:
    """Sign in through the front port, then read a signed-in page several times in a row:
    with round robin each server answers some of them."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://{HOST}:{port}"
    page = opener.open(f"{base}/accounts/login/").read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"csrfmiddlewaretoken": csrf, "login": "bench@example.com",
            "password": "bench-password-not-secret-42"}  # fmt: skip
    opener.open(urllib.request.Request(
        f"{base}/accounts/login/", urllib.parse.urlencode(form).encode(),
        headers={"Referer": f"{base}/accounts/login/"},
    ))  # fmt: skip
    signed_in = 0
    for _ in range(6):
        response = opener.open(f"{base}/api/me")
        signed_in += response.status == 200
    return f"{signed_in} of 6 signed-in requests answered"


def wrk(port: int, path: str, token: str, clients: int, seconds: float, script: Path) -> dict:
    threads = max(1, min(2, clients))
    env = os.environ | {"BENCH_PATH": path, "BENCH_TOKEN": token}
    done = subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(clients), "-d", f"{seconds:.0f}s",
         "--timeout", "10s", "-s", str(script), f"http://{HOST}:{port}"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode:
        sys.exit(f"wrk failed:\n{done.stdout}\n{done.stderr}")
    n, errors, p50, p95, p99, micros, acked = bench_line(done.stdout).split()
    figures = {"requests": int(n), "errors": int(errors), "acked": int(acked)}
    figures |= {"p50": float(p50), "p95": float(p95), "p99": float(p99)}
    return figures | {"rps": int(n) / (int(micros) / 1e6)}


def run_setup(name: str, args, script: Path) -> list[tuple]:
    work = Path(tempfile.mkdtemp(prefix=f"pacewise-scale-{name}-"))
    (work / "static").mkdir()
    env = os.environ | {
        "PACEWISE_DATA_DIR": str(work), "SECRET_KEY": secrets.token_urlsafe(64),
        "PACEWISE_TLS": "0", "PACEWISE_DEBUG": "0", "ALLOWED_HOSTS": HOST,
        "DJANGO_SETTINGS_MODULE": "pacewise.config.settings", "PACEWISE_LOG_LEVEL": "WARNING",
        "PACEWISE_BEHIND_PROXY": "1" if name == "pg2" else "0",
        "DATABASE_CONN_MAX_AGE": str(args.conn_max_age),
    }  # fmt: skip
    env.pop("DATABASE_URL", None)
    if name != "sqlite":
        scratch_database(args.database_url, "create")
        env["DATABASE_URL"] = args.database_url
    processes, rows = [], []
    try:
        pacewise(env, "migrate", "--no-input")
        setup = __import__("json").loads(bench_line(pacewise(env, "shell", "-c", SETUP)))
        servers, ports = start_servers(env, 2 if name == "pg2" else 1, args.workers)
        processes += servers
        port = ports[0]
        if name == "pg2":
            nginx, port = start_nginx(work, ports)
            processes.append(nginx)
            print(f"  pg2 sessions through nginx: {sessions_are_shared(port)}", flush=True)
        path = f"/api/patients/{setup['patient']}/checkins"
        acked = 0
        for clients in args.clients:
            checkins = wrk(port, path, setup["token"], clients, args.seconds, script)
            healthz = wrk(port, "/healthz", "", clients, args.seconds, script)
            acked += checkins["acked"]
            rows.append((name, clients, checkins, healthz))
            print(row_text(rows[-1]), flush=True)
        stored = int(bench_line(pacewise(env, "shell", "-c", COUNT)))
        print(f"  {name}: acknowledged {acked}, stored {stored}, lost {max(0, acked - stored)}")
    finally:
        for process in reversed(processes):
            stop(process)
        if name != "sqlite":
            scratch_database(args.database_url, "drop")
        shutil.rmtree(work, ignore_errors=True)
    return rows


HEADER = (
    "| set-up | clients | check-ins/s | p50 ms | p95 ms | p99 ms | errors | /healthz/s "
    "| healthz p99 ms | ratio |\n|---|---|---|---|---|---|---|---|---|---|"
)


def row_text(row) -> str:
    name, clients, c, h = row
    return (
        f"| {name} | {clients} | {c['rps']:.0f} | {c['p50']:.1f} | {c['p95']:.1f} | "
        f"{c['p99']:.1f} | {c['errors']} | {h['rps']:.0f} | {h['p99']:.1f} | "
        f"{c['rps'] / h['rps']:.2f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--setups", default="sqlite,pg1,pg2")
    parser.add_argument("--clients", default="1,8,32,64")
    parser.add_argument("--seconds", type=float, default=10, help="per measurement")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument(
        "--conn-max-age", type=int, default=0,
        help="DATABASE_CONN_MAX_AGE for the servers (0, the default: a connection per request)",
    )  # fmt: skip
    parser.add_argument(
        "--database-url", default=f"postgres://postgres@{HOST}:5432/{SCRATCH_DB}"
    )
    args = parser.parse_args()
    args.clients = [int(c) for c in args.clients.split(",")]
    for tool in ("wrk", "nginx"):
        if shutil.which(tool) is None and (tool == "wrk" or "pg2" in args.setups):
            sys.exit(f"bench/scale.py needs {tool}: apt-get install wrk nginx-light")
    script = Path(tempfile.mkdtemp(prefix="pacewise-wrk-")) / "checkin.lua"
    script.write_text(WRK_SCRIPT)
    print(
        f"{os.cpu_count()} CPUs; {args.workers} gunicorn workers per server; "
        f"DATABASE_CONN_MAX_AGE={args.conn_max_age}; {args.seconds:.0f} s per measurement; "
        "wrk with 1-2 threads on the same machine"
    )
    print(HEADER, flush=True)
    started = time.monotonic()
    for name in args.setups.split(","):
        run_setup(name, args, script)
    print(f"({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
