"""Outgoing webhooks: signed, timestamped JSON events, delivered with retries through the
capture fetcher's address checks. The receiver is a real HTTP server on loopback, reachable
only because the test allow-lists its exact host:port (WORKBENCH_WEBHOOK_ALLOW_HOSTS)."""

from __future__ import annotations

import hashlib
import hmac
import json
import socketserver
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.factories import ClaimFactory
from verification.webhooks import services
from verification.webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db


class _Receiver(ThreadingHTTPServer):
    def __init__(self) -> None:
        self.received: list[tuple[dict, bytes]] = []
        self.answer = 204
        super().__init__(("127.0.0.1", 0), _Handler)

    def server_bind(self) -> None:
        socketserver.TCPServer.server_bind(self)  # no getfqdn() lookup
        self.server_name, self.server_port = self.server_address[:2]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hooks"


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append((dict(self.headers.items()), body))
        self.send_response(self.server.answer)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[_Receiver]:
    server = _Receiver()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def allowed(settings, receiver):
    settings.WORKBENCH_WEBHOOK_ALLOW_HOSTS = [f"127.0.0.1:{receiver.server_address[1]}"]
    return WebhookEndpoint.objects.create(url=receiver.url, events=["verdict.approved"])


def _verify(headers: dict, body: bytes, secret: str) -> dict:
    parts = dict(item.split("=", 1) for item in headers["Workbench-Signature"].split(","))
    expected = hmac.new(
        secret.encode(), parts["t"].encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    assert hmac.compare_digest(parts["v1"], expected)
    assert abs(time.time() - int(parts["t"])) < 300
    return json.loads(body)


def test_an_approved_verdict_reaches_the_endpoint_signed(
    allowed, receiver, api_client, fact_checker, editor, django_capture_on_commit_callbacks
):
    from verification.models import Rating

    claim = ClaimFactory(state="in_research", assignee=fact_checker)
    api_client.force_authenticate(fact_checker)
    rating = Rating.objects.filter(is_active=True).first()
    proposed = api_client.post(
        f"/api/v1/claims/{claim.pk}/actions/propose",
        {"rating": rating.pk, "rationale": "Two sources agree."},
    )
    assert proposed.status_code == 200, proposed.json()
    api_client.force_authenticate(editor)
    with django_capture_on_commit_callbacks(execute=True):
        approved = api_client.post(f"/api/v1/claims/{claim.pk}/actions/approve", {})
    assert approved.status_code == 200, approved.json()
    assert len(receiver.received) == 1  # subscribed to verdict.approved only
    headers, body = receiver.received[0]
    event = _verify(headers, body, allowed.secret)
    assert event["event"] == headers["Workbench-Event"] == "verdict.approved"
    assert event["data"]["claim"] == claim.pk
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 1, 204)


def test_a_loopback_endpoint_without_the_test_allow_list_is_refused(receiver):
    endpoint = WebhookEndpoint.objects.create(url=receiver.url)
    (delivery,) = services.webhook_event_record("export.ready", {"export": 1})
    services.webhook_deliver(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == "failed" and delivery.last_error.startswith("refused:")
    assert receiver.received == [] and endpoint.deliveries.count() == 1


def test_a_server_error_is_retried_until_the_attempts_run_out(allowed, receiver):
    allowed.events = []
    allowed.save()
    receiver.answer = 503
    (delivery,) = services.webhook_event_record("letter.processed", {"letter": 1})
    for _ in range(services.MAX_ATTEMPTS - 1):
        with pytest.raises(services.DeliveryRetry):
            services.webhook_deliver(delivery_id=delivery.pk)
    services.webhook_deliver(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", services.MAX_ATTEMPTS)
    assert delivery.last_error == "HTTP 503"
    assert len(receiver.received) == services.MAX_ATTEMPTS


def test_a_client_error_is_not_retried_and_a_delivered_event_is_not_sent_twice(allowed, receiver):
    allowed.events = []
    allowed.save()
    receiver.answer = 410
    (gone,) = services.webhook_event_record("export.ready", {"export": 1})
    assert services.webhook_deliver(delivery_id=gone.pk).status == "failed"
    receiver.answer = 200
    (ok,) = services.webhook_event_record("export.ready", {"export": 2})
    services.webhook_deliver(delivery_id=ok.pk)
    services.webhook_deliver(delivery_id=ok.pk)
    assert len(receiver.received) == 2


def test_the_task_retries_with_back_off(allowed, receiver, monkeypatch):
    from verification.webhooks import tasks

    receiver.answer = 500
    allowed.events = []
    allowed.save()
    (delivery,) = services.webhook_event_record("export.ready", {"export": 1})
    countdowns = []

    def fake_retry(*, countdown, **_):
        countdowns.append(countdown)
        return RuntimeError("retry")

    monkeypatch.setattr(tasks.webhook_deliver_task, "retry", fake_retry)
    with pytest.raises(RuntimeError):
        tasks.webhook_deliver_task.run(delivery.pk)
    assert countdowns == [tasks.BACKOFF_SECONDS]
