"""Preservation: captures run in the background, never overwrite, and never reach the
server's own network unless the test-only allow-list names the exact host and port."""

import hashlib

import pytest
from django.urls import reverse

from claims.models import AuditEvent
from tests.verification.evidence.conftest import PAGE_HTML, url_of
from verification import tasks
from verification.capture import CaptureFailed, CapturePolicy
from verification.models import CaptureStatus, Evidence, SourceCapture
from verification.services import captures as capture_services
from verification.services import evidence as services

pytestmark = pytest.mark.django_db

DETAILS = services.EvidenceDetails(stance="corroborates", credibility=2)


def _attach_and_capture(claim, actor, url, django_capture_on_commit_callbacks) -> Evidence:
    with django_capture_on_commit_callbacks(execute=True):
        return services.evidence_add_url(claim=claim, url=url, details=DETAILS, actor=actor)


def test_an_attached_url_is_captured_with_its_bytes_hash_and_text(
    claim, fact_checker, site, django_capture_on_commit_callbacks
):
    evidence = _attach_and_capture(
        claim, fact_checker, url_of(site, "/report.html"), django_capture_on_commit_callbacks
    )
    capture = SourceCapture.objects.get(source=evidence.source)
    assert capture.status == CaptureStatus.CAPTURED
    assert capture.sha256 == hashlib.sha256(PAGE_HTML).hexdigest()
    assert capture.file.read() == PAGE_HTML
    assert capture.size == len(PAGE_HTML) and capture.media_type == "text/html"
    assert capture.text == "Shelling of the market\nWitnesses confirmed 12 killed."
    assert capture.captured_at is not None and capture.requested_by == fact_checker
    assert AuditEvent.objects.filter(action="capture.stored", target_id=capture.pk).exists()


def test_a_loopback_url_is_refused_and_the_canary_sees_no_connection(
    claim, fact_checker, site, canary, monkeypatch, django_capture_on_commit_callbacks
):
    # The canary's port is an allowed port here, so only the address check stands between.
    monkeypatch.setattr(
        capture_services,
        "DEFAULT_POLICY",
        CapturePolicy(allowed_ports=frozenset({80, 443, canary.server_address[1]})),
    )
    for url in (
        url_of(canary, "/"),
        f"http://localhost:{canary.server_address[1]}/",
        f"http://[::ffff:127.0.0.1]:{canary.server_address[1]}/",
        f"http://2130706433:{canary.server_address[1]}/",
    ):
        evidence = _attach_and_capture(claim, fact_checker, url, django_capture_on_commit_callbacks)
        capture = SourceCapture.objects.get(source=evidence.source)
        assert capture.status == CaptureStatus.FAILED, url
        assert capture.failure_reason.startswith("Refused:"), capture.failure_reason
        assert not capture.retryable and not capture.file
        assert Evidence.objects.filter(pk=evidence.pk, is_deleted=False).exists()
        services.evidence_delete(evidence=evidence, actor=fact_checker)
    assert canary.connections == 0


def test_a_port_outside_the_usual_ones_is_refused(
    claim, fact_checker, canary, django_capture_on_commit_callbacks
):
    evidence = _attach_and_capture(
        claim, fact_checker, url_of(canary, "/"), django_capture_on_commit_callbacks
    )
    capture = evidence.source.captures.get()
    assert capture.status == CaptureStatus.FAILED
    assert "port" in capture.failure_reason
    assert canary.connections == 0


def test_capturing_again_adds_an_entry_and_keeps_the_earlier_one(
    claim, fact_checker, site, django_capture_on_commit_callbacks
):
    evidence = _attach_and_capture(
        claim, fact_checker, url_of(site, "/notes.txt"), django_capture_on_commit_callbacks
    )
    first = evidence.source.captures.get()
    with django_capture_on_commit_callbacks(execute=True):
        capture_services.source_capture_request(source=evidence.source, actor=fact_checker)
    captures = list(evidence.source.captures.order_by("id"))
    assert len(captures) == 2
    assert captures[0].pk == first.pk and captures[0].file.name == first.file.name
    assert all(c.status == CaptureStatus.CAPTURED for c in captures)
    assert captures[0].sha256 == captures[1].sha256


def test_a_transient_failure_is_retried_then_recorded_as_retryable(claim, fact_checker, site):
    evidence = services.evidence_add_url(
        claim=claim, url=url_of(site, "/busy"), details=DETAILS, actor=fact_checker
    )
    capture = evidence.source.captures.get()
    with pytest.raises(CaptureFailed):
        capture_services.source_capture_run(capture_id=capture.pk, final_attempt=False)
    capture.refresh_from_db()
    assert capture.status == CaptureStatus.PENDING
    capture_services.source_capture_run(capture_id=capture.pk, final_attempt=True)
    capture.refresh_from_db()
    assert capture.status == CaptureStatus.FAILED and capture.retryable
    assert "503" in capture.failure_reason


class _RetryRequested(Exception):
    pass


def test_the_task_retries_a_busy_server_with_backoff_then_records_it_retryable(
    claim, fact_checker, site, monkeypatch
):
    countdowns = []

    def retry(exc=None, countdown=None, **kwargs):
        countdowns.append(countdown)
        return _RetryRequested()

    monkeypatch.setattr(tasks.source_capture_task, "retry", retry)
    evidence = services.evidence_add_url(
        claim=claim, url=url_of(site, "/busy"), details=DETAILS, actor=fact_checker
    )
    capture = evidence.source.captures.get()
    for attempt in range(tasks.CAPTURE_RETRIES):
        tasks.source_capture_task.push_request(retries=attempt, is_eager=False)
        try:
            with pytest.raises(_RetryRequested):
                tasks.source_capture_task.run(capture.pk)
        finally:
            tasks.source_capture_task.pop_request()
        capture.refresh_from_db()
        assert capture.status == CaptureStatus.PENDING
    assert countdowns == [10, 20, 40]
    tasks.source_capture_task.push_request(retries=tasks.CAPTURE_RETRIES, is_eager=False)
    try:
        tasks.source_capture_task.run(capture.pk)
    finally:
        tasks.source_capture_task.pop_request()
    capture.refresh_from_db()
    assert capture.status == CaptureStatus.FAILED and capture.retryable


def test_an_eager_run_records_a_transient_failure_at_once(claim, fact_checker, site):
    evidence = services.evidence_add_url(
        claim=claim, url=url_of(site, "/busy"), details=DETAILS, actor=fact_checker
    )
    capture = evidence.source.captures.get()
    tasks.source_capture_task.apply(args=[capture.pk])
    capture.refresh_from_db()
    assert capture.status == CaptureStatus.FAILED and capture.retryable


def test_a_missing_page_fails_without_retry(claim, fact_checker, site):
    evidence = services.evidence_add_url(
        claim=claim, url=url_of(site, "/missing"), details=DETAILS, actor=fact_checker
    )
    capture = evidence.source.captures.get()
    capture_services.source_capture_run(capture_id=capture.pk, final_attempt=False)
    capture.refresh_from_db()
    assert capture.status == CaptureStatus.FAILED and not capture.retryable


def test_the_task_is_idempotent(claim, fact_checker, site, django_capture_on_commit_callbacks):
    evidence = _attach_and_capture(
        claim, fact_checker, url_of(site, "/notes.txt"), django_capture_on_commit_callbacks
    )
    capture = evidence.source.captures.get()
    before = (capture.sha256, capture.file.name, capture.captured_at)
    tasks.source_capture_task.apply(args=[capture.pk])
    capture.refresh_from_db()
    assert (capture.sha256, capture.file.name, capture.captured_at) == before
    assert AuditEvent.objects.filter(action="capture.stored").count() == 1


def test_the_stored_html_copy_is_a_download_never_rendered(
    client, claim, fact_checker, observer, site, django_capture_on_commit_callbacks
):
    evidence = _attach_and_capture(
        claim, fact_checker, url_of(site, "/report.html"), django_capture_on_commit_callbacks
    )
    capture = evidence.source.captures.get()
    client.force_login(observer)
    response = client.get(reverse("capture_download", args=[capture.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PAGE_HTML


def test_an_outsider_cannot_download_a_capture(client, claim, fact_checker, outsider):
    evidence = services.evidence_add_file(
        claim=claim, upload=services.Upload(name="a.txt", data=b"text"), details=DETAILS,
        actor=fact_checker,
    )  # fmt: skip
    client.force_login(outsider)
    capture = evidence.source.captures.get()
    assert client.get(reverse("capture_download", args=[capture.pk])).status_code == 404


def test_the_retry_button_queues_a_new_capture(
    client, claim, fact_checker, site, django_capture_on_commit_callbacks
):
    evidence = services.evidence_add_url(
        claim=claim, url=url_of(site, "/busy"), details=DETAILS, actor=fact_checker
    )
    failed = evidence.source.captures.get()
    capture_services.source_capture_run(capture_id=failed.pk, final_attempt=True)
    client.force_login(fact_checker)
    page = client.get(reverse("claim_detail", args=[claim.pk])).content.decode()
    assert "capture failed" in page and "Retry" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("source_capture", args=[evidence.source_id]), HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 200
    assert evidence.source.captures.count() == 2
    failed.refresh_from_db()
    assert failed.status == CaptureStatus.FAILED  # the earlier entry is kept as it was
