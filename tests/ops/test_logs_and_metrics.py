"""Request and task ids in the logs (JSON when asked), and /metrics behind authentication."""

from __future__ import annotations

import json
import logging

import pytest
from django.core.cache import cache

from config import logs, metrics


def test_a_request_id_is_made_or_kept_and_returned(client, db):
    made = client.get("/login/")
    assert len(made["X-Request-ID"]) == 32
    kept = client.get("/login/", HTTP_X_REQUEST_ID="proxy-abc.123")
    assert kept["X-Request-ID"] == "proxy-abc.123"
    refused = client.get("/login/", HTTP_X_REQUEST_ID="bad id\nwith newline")
    assert refused["X-Request-ID"] != "bad id\nwith newline"


def _json_line(message: str, **context) -> dict:
    record = logging.LogRecord("workbench.test", logging.INFO, __file__, 1, message, (), None)
    logs.ContextFilter().filter(record)
    return json.loads(logs.JsonFormatter().format(record))


def test_json_log_lines_carry_the_request_id():
    token = logs.request_id_var.set("req-42")
    try:
        line = _json_line("letter stored")
    finally:
        logs.request_id_var.reset(token)
    assert line["message"] == "letter stored"
    assert line["request_id"] == "req-42"
    assert line["task_id"] == ""
    assert line["level"] == "INFO"


def test_log_lines_inside_a_task_carry_its_task_id_and_the_request_id(settings):
    from config.celery import app

    @app.task(name="tests.ops.log_something", bind=True)
    def log_something(self):
        return _json_line("inside"), self.request.id

    token = logs.request_id_var.set("req-7")
    try:
        line, task_id = log_something.apply().get()
    finally:
        logs.request_id_var.reset(token)
    assert line["task_id"] == task_id and task_id
    assert line["request_id"] == "req-7"


def test_the_request_id_travels_in_the_message_headers_of_queued_tasks():
    headers: dict = {}
    token = logs.request_id_var.set("req-9")
    try:
        logs._send_request_id(headers=headers)
    finally:
        logs.request_id_var.reset(token)
    assert headers == {"request_id": "req-9"}


@pytest.fixture
def staff(db, django_user_model):
    """A staff member: may read the metrics."""
    return django_user_model.objects.create_user("sam", password="pw-sam", is_staff=True)


def test_metrics_need_staff_or_the_token(client, settings, fact_checker, staff):
    settings.METRICS_TOKEN = "s3cret-token"
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    client.force_login(fact_checker)
    assert client.get("/metrics").status_code == 401
    client.logout()
    client.force_login(staff)
    assert client.get("/metrics").status_code == 200
    client.logout()
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")


def test_metrics_count_requests_by_status_tasks_and_queue_depth(client, staff):
    cache.clear()
    client.get("/login/")
    client.get("/no-such-page/")
    metrics.record_task("claims.process_letter", "SUCCESS", 0.3)
    metrics.record_task("claims.process_letter", "FAILURE", 7.0)
    client.force_login(staff)
    text = client.get("/metrics").content.decode()
    assert 'workbench_http_responses_total{status="200"} 1.0' in text
    assert 'workbench_http_responses_total{status="404"} 1.0' in text
    assert 'workbench_tasks_total{state="FAILURE",task="claims.process_letter"} 1.0' in text
    assert (
        'workbench_task_duration_seconds_bucket{le="0.5",task="claims.process_letter"} 1.0' in text
    )
    assert 'workbench_task_duration_seconds_count{task="claims.process_letter"} 2.0' in text
    assert 'workbench_task_duration_seconds_sum{task="claims.process_letter"} 7.3' in text
    assert 'workbench_queue_depth{queue="celery"}' in text
    assert "workbench_database_up 1.0" in text


def test_a_task_run_is_timed_and_counted(db):
    from config.celery import app

    @app.task(name="tests.ops.fails")
    def fails():
        raise RuntimeError("boom")

    cache.clear()
    # As a worker runs it: the failure is recorded, not raised into the caller.
    assert fails.apply(throw=False).state == "FAILURE"
    assert cache.get("metrics:task:tests.ops.fails:state:FAILURE") == 1
    assert cache.get("metrics:task:tests.ops.fails:count") == 1
