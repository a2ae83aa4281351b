"""/metrics for Prometheus: requests by status, task durations and failures, queue depth and
live workers; behind a staff login or `Authorization: Bearer $METRICS_TOKEN`.

Where the numbers live: counters are kept in the shared cache (atomic INCR on Redis; the
embedded default's file cache under var/ locks its increments), written by whichever gunicorn
or Celery process did the work, on whatever machine. So any web process answers a scrape with
the totals of all of them, with no per-process files to clean up (prometheus-client's
multiprocess mode) and no need to scrape worker machines, which serve no HTTP. Queue depth and
workers are read from the broker and the heartbeat table at scrape time. If the cache is
flushed the counters start again from zero, which Prometheus reads as a counter reset.
"""

from __future__ import annotations

import hmac
import logging
import time

from celery.signals import task_failure, task_postrun, task_prerun
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily

logger = logging.getLogger(__name__)

PREFIX = "metrics:"
STATUSES_KEY = PREFIX + "statuses"
TASKS_KEY = PREFIX + "tasks"
# Seconds; a letter's processing and a big export take tens of seconds to minutes.
TASK_BUCKETS = (0.1, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0)
TASK_STATES = ("SUCCESS", "FAILURE", "RETRY")


def _count(key: str, amount: int = 1) -> None:
    """Add to a counter that never expires; never lets a metrics problem fail the work."""
    try:
        cache.add(key, 0, None)
        cache.incr(key, amount)
    except Exception:
        logger.warning("Could not count %s", key, exc_info=True)


def _remember(index_key: str, member: str) -> None:
    """Keep the set of label values seen (status codes, task names) for the scrape."""
    try:
        known = cache.get(index_key) or []
        if member not in known:
            cache.set(index_key, sorted({*known, member}), None)
    except Exception:
        logger.warning("Could not record %s in %s", member, index_key, exc_info=True)


# ---- Recording ---------------------------------------------------------------------------


class MetricsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        status = str(response.status_code)
        _remember(STATUSES_KEY, status)
        _count(f"{PREFIX}http:{status}")
        return response


_started: dict[str, float] = {}


@task_prerun.connect
def _task_started(task_id=None, **_kwargs) -> None:
    if task_id:
        _started[task_id] = time.monotonic()


@task_postrun.connect
def _task_finished(task_id=None, task=None, state=None, **_kwargs) -> None:
    started = _started.pop(task_id, None)
    if started is None or task is None:
        return
    # Failures are counted by task_failure, which also fires when an inline (eager) run
    # raises and postrun is told no state.
    counted = state if state in TASK_STATES and state != "FAILURE" else None
    record_task(task.name, counted, time.monotonic() - started)


@task_failure.connect
def _task_failed(sender=None, **_kwargs) -> None:
    if sender is not None:
        _remember(TASKS_KEY, sender.name)
        _count(f"{PREFIX}task:{sender.name}:state:FAILURE")


def record_task(name: str, state: str | None, seconds: float) -> None:
    """One finished run: its duration, and its outcome when `state` is given."""
    _remember(TASKS_KEY, name)
    if state:
        _count(f"{PREFIX}task:{name}:state:{state}")
    _count(f"{PREFIX}task:{name}:count")
    _count(f"{PREFIX}task:{name}:sum_ms", round(seconds * 1000))
    for bound in TASK_BUCKETS:
        if seconds <= bound:
            _count(f"{PREFIX}task:{name}:le:{bound}")


# ---- Scraping ----------------------------------------------------------------------------


class WorkbenchCollector:
    def collect(self):
        yield self._requests()
        yield from self._tasks()
        yield from self._queues_and_workers()

    def _requests(self) -> CounterMetricFamily:
        family = CounterMetricFamily(
            "workbench_http_responses", "HTTP responses by status code", labels=["status"]
        )
        statuses = cache.get(STATUSES_KEY) or []
        values = cache.get_many([f"{PREFIX}http:{s}" for s in statuses])
        for status in statuses:
            family.add_metric([status], values.get(f"{PREFIX}http:{status}", 0))
        return family

    def _tasks(self):
        names = cache.get(TASKS_KEY) or []
        outcomes = CounterMetricFamily(
            "workbench_tasks", "Celery tasks finished, by task and state", labels=["task", "state"]
        )
        durations = HistogramMetricFamily(
            "workbench_task_duration_seconds", "Celery task run time", labels=["task"]
        )
        for name in names:
            keys = [f"{PREFIX}task:{name}:state:{state}" for state in TASK_STATES]
            keys += [f"{PREFIX}task:{name}:le:{bound}" for bound in TASK_BUCKETS]
            keys += [f"{PREFIX}task:{name}:count", f"{PREFIX}task:{name}:sum_ms"]
            values = cache.get_many(keys)
            for state in TASK_STATES:
                outcomes.add_metric(
                    [name, state], values.get(f"{PREFIX}task:{name}:state:{state}", 0)
                )
            buckets = [
                (str(bound), values.get(f"{PREFIX}task:{name}:le:{bound}", 0))
                for bound in TASK_BUCKETS
            ]
            count = values.get(f"{PREFIX}task:{name}:count", 0)
            buckets.append(("+Inf", count))
            durations.add_metric(
                [name], buckets, sum_value=values.get(f"{PREFIX}task:{name}:sum_ms", 0) / 1000
            )
        yield outcomes
        yield durations

    def _queues_and_workers(self):
        from config.health import health_report

        _status, details = health_report()
        queues = GaugeMetricFamily(
            "workbench_queue_depth", "Messages waiting in the broker queue", labels=["queue"]
        )
        for name, depth in (details["broker"].get("queues") or {}).items():
            queues.add_metric([name], depth)
        yield queues
        workers = GaugeMetricFamily(
            "workbench_workers",
            "Workers seen recently, by whether they beat in time",
            labels=["state"],
        )
        rows = details["workers"]
        workers.add_metric(["alive"], sum(1 for row in rows if row["ok"]))
        workers.add_metric(["silent"], sum(1 for row in rows if not row["ok"]))
        yield workers
        for name in ("database", "broker"):
            up = GaugeMetricFamily(f"workbench_{name}_up", f"Whether the {name} answers")
            up.add_metric([], 1 if details[name]["ok"] else 0)
            yield up


def _authorised(request) -> bool:
    token = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "")
    if token and given.startswith("Bearer "):
        return hmac.compare_digest(given.removeprefix("Bearer ").encode(), token.encode())
    return request.user.is_authenticated and request.user.is_staff


def metrics_view(request):
    if not _authorised(request):
        response = HttpResponse("Staff login or a metrics bearer token needed.\n", status=401)
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    registry = CollectorRegistry(auto_describe=False)
    registry.register(WorkbenchCollector())
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
