"""/healthz: is the database reachable, is the broker reachable, is a worker alive?

Anyone (a load balancer, a monitor) gets the verdict only: 200 {"status": "ok"} or 503
{"status": "not ok"}. Host names and error texts describe the deployment, so only staff see
the details."""

from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone

from claims.models import WorkerHeartbeat

WORKER_STALE_AFTER = timedelta(seconds=60)


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True, "vendor": connection.vendor}
    except Exception as exc:
        return {"ok": False, "error": str(exc)[:200]}


def _broker() -> dict:
    from config.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return {"ok": True, "transport": settings.CELERY_BROKER_URL.split("://")[0]}
    except Exception as exc:
        return {"ok": False, "error": str(exc)[:200]}


def _worker() -> dict:
    latest = WorkerHeartbeat.objects.order_by("-last_seen").first()
    if latest is None:
        return {"ok": False, "error": "no worker has reported yet"}
    age = timezone.now() - latest.last_seen
    return {
        "ok": age < WORKER_STALE_AFTER,
        "last_seen": latest.last_seen.isoformat(),
        "age_seconds": round(age.total_seconds(), 1),
        "hostname": latest.hostname,
    }


def healthz(request):
    database = _database()
    checks = {"database": database, "broker": _broker()}
    checks["worker"] = _worker() if database["ok"] else {"ok": False, "error": "database down"}
    healthy = all(check["ok"] for check in checks.values())
    body: dict = {"status": "ok" if healthy else "not ok"}
    if request.user.is_authenticated and request.user.is_staff:
        body.update(ok=healthy, **checks)
    return JsonResponse(body, status=200 if healthy else 503)
