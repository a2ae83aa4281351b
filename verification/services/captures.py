"""Captures: a source's chain of custody (requested, fetched safely, stored with its SHA-256).

Network fetches never run inside a transaction: a capture is requested (a pending entry,
queued after commit) and run later by `source_capture_run`, which records the outcome.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from claims import permissions
from claims.audit import audit_record
from claims.errors import BadInput, ErrorCode, NotFound
from claims.models import Claim
from claims.storage import files_removed_on_failure
from verification import tasks
from verification.capture import (
    DEFAULT_POLICY,
    CaptureFailed,
    CapturePolicy,
    CaptureRefused,
    capture_url,
    readable_text,
)
from verification.models import (
    CaptureStatus,
    Source,
    SourceCapture,
)

if TYPE_CHECKING:
    from claims.permissions import Actor

# Sources, evidence and captures share one rule: fact-checkers and above change them.
REFUSED = "Your role does not allow changing sources or evidence."


def source_capture_request(*, source: Source, actor: Actor) -> SourceCapture:
    """Capture the source's URL again: a new chain-of-custody entry, never an overwrite."""
    permissions.require_researcher(actor, REFUSED)
    with transaction.atomic():
        source = Source.objects.select_for_update().get(pk=source.pk)
        if source.is_deleted:
            raise NotFound("No such source.")
        if not source.url:
            raise BadInput("This source has no web address to capture.", code=ErrorCode.NO_URL)
        return capture_request(source, actor=actor)


def capture_request(source: Source, *, actor: Actor, claim: Claim | None = None) -> SourceCapture:
    capture = SourceCapture.objects.create(
        source=source, requested_by=actor, requested_url=source.url
    )
    audit_record(
        actor=actor,
        action="capture.requested",
        target=capture,
        after={"source": source.pk, "url": source.url},
        claim=claim,
    )
    transaction.on_commit(lambda: tasks.source_capture_task.delay(capture.pk))
    return capture


def capture_policy() -> CapturePolicy:
    allow = frozenset(settings.WORKBENCH_CAPTURE_ALLOW_HOSTS)
    return CapturePolicy(
        max_bytes=min(DEFAULT_POLICY.max_bytes, settings.WORKBENCH_MAX_UPLOAD_BYTES),
        timeout=DEFAULT_POLICY.timeout,
        max_redirects=DEFAULT_POLICY.max_redirects,
        allowed_ports=DEFAULT_POLICY.allowed_ports,
        allow_hosts=allow,
    )


def source_capture_run(*, capture_id: int, final_attempt: bool = True) -> SourceCapture | None:
    """Fetch a pending capture and record the outcome. Idempotent: anything but a pending
    capture is left alone. A transient failure is raised again (for the task to retry)
    unless this is the final attempt, when it is recorded as failed and retryable."""
    capture = SourceCapture.objects.filter(pk=capture_id).first()
    if capture is None or capture.status != CaptureStatus.PENDING:
        return None
    try:
        result = capture_url(capture.requested_url, policy=capture_policy())
        text = readable_text(result.data, result.media_type, charset=result.charset)
    except CaptureRefused as exc:
        return _capture_fail(capture_id, f"Refused: {exc.reason}", retryable=False)
    except CaptureFailed as exc:
        if exc.transient and not final_attempt:
            raise
        return _capture_fail(capture_id, f"Failed: {exc.reason}", retryable=exc.transient)
    except ValueError as exc:
        return _capture_fail(capture_id, f"Failed: unreadable content ({exc})", retryable=False)
    return _capture_succeed(capture_id, result, text)


def _capture_fail(capture_id: int, reason: str, *, retryable: bool) -> SourceCapture | None:
    with transaction.atomic():
        updated = SourceCapture.objects.filter(pk=capture_id, status=CaptureStatus.PENDING).update(
            status=CaptureStatus.FAILED, failure_reason=reason[:2000], retryable=retryable
        )
        if not updated:
            return None
        capture = SourceCapture.objects.get(pk=capture_id)
        audit_record(
            actor=None,
            action="capture.failed",
            target=capture,
            after={"reason": reason, "retryable": retryable},
        )
    return capture


def _capture_succeed(capture_id: int, result, text: str) -> SourceCapture | None:
    with files_removed_on_failure() as stored, transaction.atomic():
        capture = SourceCapture.objects.select_for_update().get(pk=capture_id)
        if capture.status != CaptureStatus.PENDING:
            return None
        capture.final_url = result.final_url[:2000]
        capture.filename = _capture_filename(result.final_url, result.media_type)
        store_bytes(capture, result.data, result.media_type, text, stored)
        capture.captured_at = result.fetched_at
        capture.save()
        audit_capture(capture, actor=None)
    return capture


def store_bytes(
    capture: SourceCapture, data: bytes, media_type: str, text: str, stored: list[str]
) -> None:
    sha256 = hashlib.sha256(data).hexdigest()
    extension = {"application/pdf": ".pdf", "text/plain": ".txt"}.get(media_type, ".html")
    capture.file.save(f"{sha256}{extension}", ContentFile(data), save=False)
    stored.append(capture.file.name)
    capture.sha256, capture.size, capture.media_type = sha256, len(data), media_type
    capture.text = text
    capture.status = CaptureStatus.CAPTURED
    capture.captured_at = timezone.now()
    capture.failure_reason, capture.retryable = "", False


def _capture_filename(url: str, media_type: str) -> str:
    name = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] or "index"
    extension = {"application/pdf": ".pdf", "text/plain": ".txt"}.get(media_type, ".html")
    return (name if "." in name else name + extension)[:255]


def audit_capture(
    capture: SourceCapture, *, actor: Actor | None, claim: Claim | None = None
) -> None:
    audit_record(
        actor=actor,
        action="capture.stored",
        target=capture,
        after={
            "source": capture.source_id,
            "sha256": capture.sha256,
            "size": capture.size,
            "media_type": capture.media_type,
        },
        claim=claim,
    )
