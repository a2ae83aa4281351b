"""Thin Celery task for report exports: take the job id, call one service.

Idempotent: export_run leaves a finished or failed job alone, so a redelivered message
(acks_late) does no harm. Only transient database errors are retried, with backoff.
"""

from celery import shared_task
from django.db import OperationalError

from verification.services import exports


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5, acks_late=True)
def export_run_task(job_id: int) -> None:
    exports.export_run(job_id=job_id)
