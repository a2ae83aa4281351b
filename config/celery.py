import os
import threading

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("workbench")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Each app keeps all its tasks in its tasks.py.
app.autodiscover_tasks()

HEARTBEAT_SECONDS = 15


@worker_ready.connect
def _start_heartbeat(sender=None, **_kwargs) -> None:
    """Each worker records a heartbeat row every few seconds, so /healthz can tell whether
    any worker is alive, wherever it runs."""
    hostname = getattr(sender, "hostname", None) or "worker"
    stop = threading.Event()

    def beat() -> None:
        from django.db import close_old_connections

        from claims.services import letters as letter_services

        while not stop.is_set():
            try:
                letter_services.worker_heartbeat_record(hostname=hostname)
            finally:
                close_old_connections()
            stop.wait(HEARTBEAT_SECONDS)

    threading.Thread(target=beat, name="workbench-heartbeat", daemon=True).start()


@worker_ready.connect
def _resume_interrupted_work(sender=None, **_kwargs) -> None:
    """A worker that starts (again) re-queues what it or a silent worker left half-done."""
    from claims.services import letters as letter_services

    hostname = getattr(sender, "hostname", None) or ""
    letter_services.letters_requeue_pending(worker=hostname)
