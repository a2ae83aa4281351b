import logging
import os
import threading

from celery import Celery
from celery.signals import worker_ready, worker_shutdown

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("workbench")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Each app keeps all its tasks in its tasks.py.
app.autodiscover_tasks()
# Signal handlers: the request id travels with tasks (config.logs); task durations and failures
# are counted for /metrics (config.metrics).
import config.logs  # noqa: E402
import config.metrics  # noqa: E402, F401

HEARTBEAT_SECONDS = 15
logger = logging.getLogger(__name__)
_heartbeat_stop: dict[str, threading.Event] = {}


@worker_ready.connect
def _start_heartbeat(sender=None, **_kwargs) -> None:
    """Each worker records a heartbeat row every few seconds, so /healthz can tell whether
    any worker is alive, wherever it runs."""
    hostname = getattr(sender, "hostname", None) or "worker"
    stop = threading.Event()

    def beat() -> None:
        from django.db import close_old_connections

        from claims.services import workers as worker_services

        while not stop.is_set():
            try:
                worker_services.worker_heartbeat_record(hostname=hostname)
            except Exception:
                # The database may be down for a moment; /healthz reports the silence.
                logger.exception("Could not record the worker heartbeat")
            finally:
                close_old_connections()
            stop.wait(HEARTBEAT_SECONDS)

    _heartbeat_stop[hostname] = stop
    threading.Thread(target=beat, name="workbench-heartbeat", daemon=True).start()


@worker_ready.connect
def _resume_interrupted_work(sender=None, **_kwargs) -> None:
    """A worker that starts (again) re-queues what it or a silent worker left half-done."""
    from claims.services import letters as letter_services

    hostname = getattr(sender, "hostname", None) or ""
    letter_services.letters_requeue_pending(worker=hostname)


@worker_shutdown.connect
def _stop_heartbeat(sender=None, **_kwargs) -> None:
    """A clean stop takes the worker off /healthz's list instead of leaving it to go stale."""
    from claims.services import workers as worker_services

    for hostname, stop in list(_heartbeat_stop.items()):
        stop.set()
        try:
            worker_services.worker_heartbeat_remove(hostname=hostname)
        except Exception:
            logger.exception("Could not remove the worker heartbeat of %s", hostname)
