"""/healthz: is the database reachable, is the broker reachable, is every worker alive?

Anyone (a load balancer, a monitor) gets the verdict only, {"status": ...} with its HTTP code.
Host names and error texts describe the deployment, so only staff see the details: each check,
and every worker seen recently with its last heartbeat and the queue depth it drains.

Three verdicts, so a load balancer and a monitor can each act on what concerns them:

- "ok" (HTTP 200): database and broker answer, and every worker seen recently has beaten
  within WORKER_STALE_SECONDS.
- "degraded" (HTTP 200): the site can serve and at least one worker is alive, but a worker
  seen in the last WORKER_FORGET_SECONDS has gone silent (crashed, hung, lost its machine).
  200 because the web process is fine and must stay in the load balancer; monitors alert on
  the body's "status". Work still runs on the live workers.
- "not ok" (HTTP 503): the database or the broker is unreachable, or no worker is alive, so
  uploaded letters would wait forever.

A worker that stops cleanly removes its own row (config.celery), so scaling down is not
reported as degraded; one that dies keeps its row until WORKER_FORGET_SECONDS have passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone

from claims.models import WorkerHeartbeat

NOT_OK = "not ok"


@dataclass(frozen=True)
class WorkerState:
    hostname: str
    last_seen: datetime
    age_seconds: float
    alive: bool


def worker_states(
    beats: list[tuple[str, datetime]], *, now: datetime, stale_after: timedelta
) -> list[WorkerState]:
    """Each (hostname, last heartbeat), judged alive or silent at `now`."""
    return [
        WorkerState(
            hostname=hostname,
            last_seen=last_seen,
            age_seconds=round((now - last_seen).total_seconds(), 1),
            alive=now - last_seen < stale_after,
        )
        for hostname, last_seen in sorted(beats)
    ]


def overall_status(*, database_ok: bool, broker_ok: bool, workers: list[WorkerState]) -> str:
    if not (database_ok and broker_ok) or not any(worker.alive for worker in workers):
        return NOT_OK
    if not all(worker.alive for worker in workers):
        return "degraded"
    return "ok"


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True, "vendor": connection.vendor}
    except Exception as exc:
        return {"ok": False, "error": str(exc)[:200]}


def _broker() -> dict:
    from config.celery import app
    from config.queues import queue_depths, queue_names

    transport = settings.CELERY_BROKER_URL.split("://")[0]
    try:
        depths = queue_depths(app, queue_names(app))
    except Exception as exc:
        return {"ok": False, "transport": transport, "error": str(exc)[:200]}
    return {"ok": True, "transport": transport, "queues": depths}


def _recent_heartbeats(now: datetime) -> list[tuple[str, datetime]]:
    forget = timedelta(seconds=settings.WORKER_FORGET_SECONDS)
    return list(
        WorkerHeartbeat.objects.filter(last_seen__gte=now - forget)
        .order_by("hostname")
        .values_list("hostname", "last_seen")
    )


def _workers(now: datetime) -> list[WorkerState]:
    return worker_states(
        _recent_heartbeats(now),
        now=now,
        stale_after=timedelta(seconds=settings.WORKER_STALE_SECONDS),
    )


def _worker_rows(workers: list[WorkerState], queues: dict[str, int] | None) -> list[dict]:
    # Every worker consumes the same queues (run.sh and the Procfile start them alike), so the
    # depth shown beside each is the backlog it is draining.
    return [
        {
            "hostname": worker.hostname,
            "ok": worker.alive,
            "last_seen": worker.last_seen.isoformat(),
            "age_seconds": worker.age_seconds,
            "queue_depth": sum(queues.values()) if queues is not None else None,
        }
        for worker in workers
    ]


def _worker_summary(workers: list[WorkerState]) -> dict:
    alive = [worker for worker in workers if worker.alive]
    if not workers:
        return {"ok": False, "error": "no worker has reported recently"}
    latest = max(workers, key=lambda worker: worker.last_seen)
    return {
        "ok": bool(alive),
        "alive": len(alive),
        "silent": len(workers) - len(alive),
        "last_seen": latest.last_seen.isoformat(),
        "age_seconds": latest.age_seconds,
        "hostname": latest.hostname,
    }


def health_report() -> tuple[str, dict]:
    now = timezone.now()
    database = _database()
    broker = _broker()
    workers = _workers(now) if database["ok"] else []
    status = overall_status(database_ok=database["ok"], broker_ok=broker["ok"], workers=workers)
    worker = _worker_summary(workers) if database["ok"] else {"ok": False, "error": "database down"}
    return status, {
        "database": database,
        "broker": broker,
        "worker": worker,
        "workers": _worker_rows(workers, broker.get("queues")),
    }


def healthz(request):
    status, details = health_report()
    body: dict = {"status": status}
    if request.user.is_authenticated and request.user.is_staff:
        body.update(ok=status != NOT_OK, **details)
    return JsonResponse(body, status=503 if status == NOT_OK else 200)
