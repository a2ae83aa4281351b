"""Record an event for each endpoint that wants it, and deliver one delivery (signed POST).

Signature: header `Workbench-Signature: t=<unix seconds>,v1=<hex>` where hex is
HMAC-SHA256(endpoint secret, f"{t}.{raw body}"). A receiver recomputes it and refuses a
timestamp older than a few minutes (replays). Delivery goes through the capture fetcher's
checks (verification/capture/fetch.py: no private, loopback or link-local address, ports 80/443
only, no redirects followed); WORKBENCH_WEBHOOK_ALLOW_HOSTS exempts host:port pairs in tests.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from verification.capture import fetch
from verification.capture.errors import CaptureFailed, CaptureRefused
from verification.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint

MAX_ATTEMPTS = 6
# DeliveryStatus values, as plain strings for the type checker (Django ships no stubs here).
DELIVERED: str = "delivered"
FAILED: str = "failed"
TIMEOUT_SECONDS = 10.0


class DeliveryRetry(Exception):
    """A transient failure (5xx, 429, timeout, connection): try again later."""


def sign(secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def webhook_event_record(event: str, data: dict) -> list[WebhookDelivery]:
    """One delivery row per endpoint that wants the event, written in the caller's transaction;
    each is sent by a task once it commits (no endpoint: nothing is scheduled)."""
    from verification.webhooks import tasks

    now = timezone.now().isoformat()
    deliveries = [
        WebhookDelivery.objects.create(
            endpoint=endpoint,
            event=event,
            payload={"event": event, "created_at": now, "data": data},
        )
        for endpoint in WebhookEndpoint.objects.filter(is_active=True)
        if endpoint.wants(event)
    ]
    for delivery in deliveries:
        transaction.on_commit(lambda pk=delivery.pk: tasks.webhook_deliver_task.delay(pk))
    return deliveries


def webhook_deliver(*, delivery_id: int) -> WebhookDelivery | None:
    """Send one delivery once. Raises DeliveryRetry for a transient failure while attempts
    remain; a refused address or a 4xx answer fails the delivery for good."""
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    if delivery.status != DeliveryStatus.PENDING:
        return delivery  # idempotent: a redelivered task does nothing
    body = json.dumps({"id": delivery.pk, **delivery.payload}).encode()
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "claim-workbench-webhooks/1",
        "Workbench-Event": delivery.event,
        "Workbench-Delivery": str(delivery.pk),
        "Workbench-Signature": f"t={timestamp},v1={sign(delivery.endpoint.secret, timestamp, body)}",
    }
    delivery.attempts += 1
    delivery.last_attempt_at = timezone.now()
    try:
        status = fetch.post_url(delivery.endpoint.url, body, headers=headers, policy=_policy())
    except CaptureRefused as refused:
        return _finish(delivery, FAILED, error=f"refused: {refused}")
    except CaptureFailed as failed:
        return _retry_or_fail(delivery, error=str(failed), transient=failed.transient)
    delivery.last_status_code = status
    if 200 <= status < 300:
        return _finish(delivery, DELIVERED)
    return _retry_or_fail(
        delivery, error=f"HTTP {status}", transient=status >= 500 or status == 429
    )


def _retry_or_fail(delivery: WebhookDelivery, *, error: str, transient: bool) -> WebhookDelivery:
    if transient and delivery.attempts < MAX_ATTEMPTS:
        delivery.last_error = error
        delivery.save()
        raise DeliveryRetry(error)
    return _finish(delivery, FAILED, error=error)


def _finish(delivery: WebhookDelivery, status: str, *, error: str = "") -> WebhookDelivery:
    delivery.status = status
    delivery.last_error = error
    if status == DELIVERED:
        delivery.delivered_at = timezone.now()
    delivery.save()
    return delivery


def _policy() -> fetch.CapturePolicy:
    return fetch.CapturePolicy(
        timeout=TIMEOUT_SECONDS,
        max_redirects=0,
        allow_hosts=frozenset(settings.WORKBENCH_WEBHOOK_ALLOW_HOSTS),
    )
