"""Thin Celery tasks for verification: take ids, call one service, retry transient errors."""

from celery import shared_task
from django.db import OperationalError

from verification.capture import CaptureFailed
from verification.services import evidence

CAPTURE_RETRIES = 3


@shared_task(bind=True, max_retries=CAPTURE_RETRIES, acks_late=True)
def source_capture_task(self, capture_id: int) -> None:
    """Idempotent: the service leaves anything but a pending capture alone. Eager runs (demo,
    tests) have no worker to come back later, so their first attempt is the last."""
    final = self.request.is_eager or self.request.retries >= self.max_retries
    try:
        evidence.source_capture_run(capture_id=capture_id, final_attempt=final)
    except (CaptureFailed, OperationalError) as exc:  # only transient failures get here
        raise self.retry(exc=exc, countdown=10 * 2**self.request.retries) from exc
