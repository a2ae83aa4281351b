"""Review API speed at 100,000 claims, against a plain DRF list over the same rows.

    .venv/bin/python bench/review_bench.py                 # temp SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python bench/review_bench.py
                                                           # a throwaway bench_review database

Seeds the claims with bulk_create in a throwaway database, serves the app with gunicorn on
loopback (2 workers), and drives three request mixes with a small thread + http.client load
generator (bounded by count and time, loopback only):

  list     GET /api/v1/claims/?queue=unassigned&q=<place>     (filter + search, keyset paging)
  detail   GET /api/v1/claims/<random id>/
  baseline GET /bench/baseline/claims/?state=queued&q=<place>  (ModelSerializer, page numbers)

Prints p50/p95/p99 and req/s for each, then the list-vs-baseline ratios. Targets: p95 <= 50 ms
and at least 2x the baseline's throughput.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PLACES = [
    "Gaza",
    "Rafah",
    "Khan Younis",
    "Jenin",
    "Aleppo",
    "Idlib",
    "Kharkiv",
    "Mariupol",
    "Khartoum",
    "El Fasher",
    "Goma",
    "Mogadishu",
    "Sana'a",
    "Hodeidah",
    "Tripoli",
    "Bakhmut",
]
TYPES = ["strike", "attack", "casualties", "damage", "clash", "detention", "other"]
STATES = (
    ["new"] * 40
    + ["queued"] * 20
    + ["in_research"] * 15
    + ["proposed"] * 5
    + ["approved"] * 10
    + ["dismissed"] * 10
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _throwaway_database(tmp: Path) -> str:
    given = os.environ.get("DATABASE_URL", "")
    if not given.startswith("postgres"):
        return f"sqlite:///{tmp / 'bench.sqlite3'}"
    import psycopg

    parts = urlsplit(given)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS bench_review")
        conn.execute("CREATE DATABASE bench_review")
    return urlunsplit(parts._replace(path="/bench_review"))


def _drop_database(url: str) -> None:
    if url.startswith("postgres"):
        import psycopg

        admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS bench_review WITH (FORCE)")


def seed(n_claims: int) -> tuple[str, list[int]]:
    """Migrate, then bulk-create letters and claims; return an API token and some claim ids."""
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.db import transaction
    from rest_framework.authtoken.models import Token

    from claims.models import Claim, Letter

    call_command("migrate", verbosity=0)
    rng = random.Random(7)
    user = User.objects.create_user("bench", password="bench-pass-1")
    user.groups.add(Group.objects.get(name="editor"))
    helpers = [User.objects.create_user(f"checker{i}") for i in range(10)]
    token = Token.objects.create(user=user).key
    started = time.perf_counter()
    with transaction.atomic():
        letters = Letter.objects.bulk_create(
            Letter(
                symbol=f"S/2024/{i}",
                sender=f"Permanent Mission of Country {i % 40}",
                text="x" * 200,
                status="ready",
            )
            for i in range(max(1, n_claims // 100))
        )
        batch: list[Claim] = []
        for i in range(n_claims):
            place = rng.choice(PLACES)
            state = rng.choice(STATES)
            quote = (
                f"On {rng.randint(1, 28)} May 2024 a {rng.choice(TYPES)} near {place} "
                f"killed {rng.randint(0, 90)} civilians and injured many more (item {i})."
            )
            batch.append(
                Claim(
                    letter=letters[i % len(letters)],
                    start=0,
                    end=len(quote),
                    quote=quote,
                    kind="specific",
                    claim_type=rng.choice(TYPES),
                    places=[place],
                    search_text=f"{quote} {place}".lower(),
                    state=state,
                    assignee=rng.choice(helpers) if state in ("in_research", "proposed") else None,
                    score=rng.random(),
                )
            )
            if len(batch) == 5000:
                Claim.objects.bulk_create(batch)
                batch = []
        Claim.objects.bulk_create(batch)
    from django.db import connection

    if connection.vendor == "postgresql":  # what autovacuum would have done by now
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    ids = list(Claim.objects.order_by("?").values_list("id", flat=True)[:2000])
    print(f"seeded {n_claims:,} claims in {time.perf_counter() - started:.1f} s", flush=True)
    return token, ids


def serve(port: int, env: dict) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--pythonpath",
            str(ROOT),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start")


def drive(port: int, token: str, paths, *, threads: int, count: int, seconds: float) -> dict:
    """GET the paths from `threads` threads until `count` requests or `seconds` have passed."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    issued = iter(range(count))
    headers = {"Authorization": f"Token {token}", "Accept": "application/json"}

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop_at:
            with lock:
                if next(issued, None) is None:
                    break
            path = paths() if callable(paths) else paths
            t0 = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
            elapsed = time.perf_counter() - t0
            with lock:
                latencies.append(elapsed)
                errors[0] += 0 if ok else 1
        conn.close()

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    wall = time.perf_counter() - started
    latencies.sort()
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [latencies[0]] * 99
    return {
        "n": len(latencies),
        "errors": errors[0],
        "rps": len(latencies) / wall,
        "p50": q[49] * 1000,
        "p95": q[94] * 1000,
        "p99": q[98] * 1000,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--requests", type=int, default=1500, help="per mix, at most")
    parser.add_argument("--seconds", type=float, default=20.0, help="per mix, at most")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="review-bench-"))
    database = _throwaway_database(tmp)
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "WORKBENCH_VAR_DIR": str(tmp),
        "WORKBENCH_DEMO": "true",
        "DEBUG": "false",
        "DB_CONN_MAX_AGE": "60",
        "DJANGO_SETTINGS_MODULE": "bench.review_bench_settings",
        "LOG_LEVEL": "WARNING",
        "THROTTLE_WRITES": "100000/min",
    }
    os.environ.update(env)
    server = None
    try:
        token, ids = seed(args.claims)
        port = _free_port()
        server = serve(port, env)
        rng = random.Random(11)
        mixes = {
            "list": lambda: (
                f"/api/v1/claims/?queue=unassigned&q={rng.choice(PLACES[:8]).lower().replace(' ', '+')}"
            ),
            "detail": lambda: f"/api/v1/claims/{rng.choice(ids)}/",
            "baseline": lambda: (
                f"/bench/baseline/claims/?state=queued&q={rng.choice(PLACES[:8]).lower().replace(' ', '+')}"
            ),
        }
        for paths in mixes.values():  # warm both workers' connections and caches
            drive(port, token, paths, threads=2, count=20, seconds=10)
        results = {}
        for name, paths in mixes.items():
            results[name] = r = drive(
                port, token, paths, threads=args.threads, count=args.requests, seconds=args.seconds
            )
            print(
                f"{name:9s} n={r['n']:5d} errors={r['errors']} {r['rps']:7.1f} req/s  "
                f"p50 {r['p50']:6.1f} ms  p95 {r['p95']:6.1f} ms  p99 {r['p99']:6.1f} ms",
                flush=True,
            )
        engine = "PostgreSQL" if database.startswith("postgres") else "SQLite"
        ours, base = results["list"], results["baseline"]
        print(
            f"\n{engine}, {args.claims:,} claims, {args.threads} client threads, 2 gunicorn workers"
        )
        print(
            f"list vs plain DRF baseline: throughput x{ours['rps'] / base['rps']:.2f} "
            f"(target >= 2), p95 {ours['p95']:.1f} ms vs {base['p95']:.1f} ms"
        )
        print(
            f"p95 target 50 ms: list {'met' if ours['p95'] <= 50 else 'MISSED'}, "
            f"detail {'met' if results['detail']['p95'] <= 50 else 'MISSED'}"
        )
        return 0
    finally:
        if server:
            server.terminate()
            server.wait(timeout=20)
        _drop_database(database)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
