"""/healthz lists every worker seen recently and reports degraded when one goes silent."""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import WorkerHeartbeat
from config.celery import app


def beat(hostname: str, *, seconds_ago: float) -> None:
    WorkerHeartbeat.objects.create(
        hostname=hostname, last_seen=timezone.now() - timedelta(seconds=seconds_ago)
    )


@pytest.fixture
def staff_client(client, django_user_model):
    """Staff see the details; anyone else sees the verdict only."""
    client.force_login(django_user_model.objects.create_user("ops", is_staff=True))
    return client


@pytest.fixture
def empty_queue():
    app.control.purge()
    yield
    app.control.purge()


def test_two_live_workers_are_listed_and_healthy(staff_client, db, empty_queue):
    beat("celery@a", seconds_ago=5)
    beat("celery@b", seconds_ago=10)
    response = staff_client.get("/healthz")
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert [w["hostname"] for w in body["workers"]] == ["celery@a", "celery@b"]
    assert all(w["ok"] and w["queue_depth"] == 0 for w in body["workers"])


def test_one_silent_worker_makes_the_site_degraded_but_still_served(staff_client, db, empty_queue):
    beat("celery@live", seconds_ago=5)
    beat("celery@silent", seconds_ago=600)
    response = staff_client.get("/healthz")
    body = response.json()
    assert response.status_code == 200  # the web process is fine: keep it in the balancer
    assert body["status"] == "degraded"
    by_host = {w["hostname"]: w for w in body["workers"]}
    assert by_host["celery@live"]["ok"] is True
    assert by_host["celery@silent"]["ok"] is False
    assert by_host["celery@silent"]["age_seconds"] >= 600
    assert body["worker"]["alive"] == 1
    assert body["worker"]["silent"] == 1


def test_no_live_worker_is_not_ok(staff_client, db, empty_queue):
    beat("celery@silent", seconds_ago=600)
    response = staff_client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "not ok"


def test_a_worker_gone_for_longer_than_the_forget_window_is_not_listed(
    staff_client, db, settings, empty_queue
):
    settings.WORKER_FORGET_SECONDS = 3600
    beat("celery@live", seconds_ago=1)
    beat("celery@decommissioned", seconds_ago=7200)
    body = staff_client.get("/healthz").json()
    assert body["status"] == "ok"
    assert [w["hostname"] for w in body["workers"]] == ["celery@live"]


@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")
def test_queue_depth_counts_waiting_messages(staff_client, db, empty_queue):
    beat("celery@a", seconds_ago=1)
    app.send_task("workbench.never_consumed")
    app.send_task("workbench.never_consumed")
    body = staff_client.get("/healthz").json()
    assert body["broker"]["queues"] == {"celery": 2}
    assert body["workers"][0]["queue_depth"] == 2


def test_a_clean_worker_stop_removes_its_heartbeat(db):
    from claims.services import workers as worker_services

    worker_services.worker_heartbeat_record(hostname="celery@a")
    worker_services.worker_heartbeat_remove(hostname="celery@a")
    assert not WorkerHeartbeat.objects.exists()


def test_anonymous_callers_see_the_verdict_only(client, db, empty_queue):
    beat("celery@live", seconds_ago=5)
    beat("celery@silent", seconds_ago=600)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded"}
