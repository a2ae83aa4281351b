"""Writes about the Celery workers themselves: their heartbeats for /healthz. Apart from the
letter services, so a worker's bookkeeping never imports the ingest and extraction stack."""

from __future__ import annotations

from django.utils import timezone

from claims.models import WorkerHeartbeat


def worker_heartbeat_record(*, hostname: str) -> None:
    WorkerHeartbeat.objects.update_or_create(
        hostname=hostname, defaults={"last_seen": timezone.now()}
    )


def worker_heartbeat_remove(*, hostname: str) -> None:
    """A worker that stops cleanly leaves the list, so scaling down is not reported as a
    silent worker by /healthz."""
    WorkerHeartbeat.objects.filter(hostname=hostname).delete()
