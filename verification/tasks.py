"""Celery tasks of the verification app, all in this one module: take ids, call one service
(imported inside the task, so services may import this module without a cycle). Each service
is idempotent: it checks state first, so a redelivered message does no harm.
Policy: claims.task_policy.workbench_task."""

from django.db import OperationalError

from claims.task_policy import workbench_task
from verification.capture import CaptureFailed

CAPTURE_RETRIES = 3


@workbench_task(retry_for=(), max_retries=CAPTURE_RETRIES, bind=True)
def source_capture_task(self, capture_id: int) -> None:
    """Retries itself: the service must know whether this attempt is the last, to record a
    retryable failure. Eager runs (demo, tests) have no worker to come back later, so their
    first attempt is the last."""
    from verification.services import captures

    final = self.request.is_eager or self.request.retries >= self.max_retries
    try:
        captures.source_capture_run(capture_id=capture_id, final_attempt=final)
    except (CaptureFailed, OperationalError) as exc:  # only transient failures get here
        raise self.retry(exc=exc, countdown=10 * 2**self.request.retries) from exc


@workbench_task()
def export_run_task(job_id: int) -> None:
    from verification.services import exports

    exports.export_run(job_id=job_id)


@workbench_task()
def claims_match_task(claim_ids: list[int]) -> None:
    """Dispatched by name from claims.matching_services: the claims app never imports this."""
    from verification.services import matching

    matching.claims_match(claim_ids=claim_ids)
