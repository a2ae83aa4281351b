"""One decorator for every Celery task (Sentry's instrumented_task): an explicit name, retries
of transient errors only (exponential backoff with jitter), late acknowledgement so a worker
that dies mid-task leaves the message to be redelivered, and soft and hard time limits from
settings. Tasks stay thin: they take ids, import their service inside the function (so services
and tasks never import each other at module level) and are idempotent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

# Errors worth another attempt: the database or its connection was busy or went away.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (OperationalError, InterfaceError)


def workbench_task(
    *,
    retry_for: tuple[type[BaseException], ...] = TRANSIENT_ERRORS,
    max_retries: int | None = None,
    bind: bool = False,
) -> Callable[[Callable[..., Any]], Any]:
    """Register `fn` as the task `<module>.<function>` with the workbench's policy.

    `retry_for=()` turns automatic retries off for a task that retries itself (it must still
    retry only transient errors, with backoff)."""

    def decorator(fn: Callable[..., Any]) -> Any:
        return shared_task(
            name=f"{fn.__module__}.{fn.__name__}",
            bind=bind,
            autoretry_for=retry_for,
            retry_backoff=True,
            retry_backoff_max=600,
            retry_jitter=True,
            max_retries=settings.CELERY_TASK_MAX_RETRIES if max_retries is None else max_retries,
            acks_late=True,
            reject_on_worker_lost=True,
            soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
            time_limit=settings.CELERY_TASK_TIME_LIMIT,
        )(fn)

    return decorator
