"""A letter left "processing" by a worker that died is picked up again and finishes once;
one that keeps being interrupted fails with a reason and a retry, never an endless spinner."""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import Letter, LetterStatus, WorkerHeartbeat
from claims.services import letters as letter_services
from tests.conftest import REPO
from tests.factories import LetterFactory

pytestmark = pytest.mark.django_db

RAW = (REPO / "sample_data" / "letters" / "S_2025_43.txt").read_text("utf-8")


def _half_done(worker: str, *, minutes_ago: float = 0, attempts: int = 1) -> Letter:
    """A letter a worker took and never finished (its text not yet read, no claims)."""
    letter = LetterFactory(
        status=LetterStatus.PROCESSING,
        raw_text=RAW,
        text="",
        symbol="",
        processing_worker=worker,
        processing_attempts=attempts,
    )
    Letter.objects.filter(pk=letter.pk).update(
        updated_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return letter


def test_a_redelivered_message_resumes_a_half_done_letter_and_claims_are_made_once():
    letter = _half_done("celery@a")
    letter_services.letter_process(letter_id=letter.pk, worker="celery@a")
    letter.refresh_from_db()
    assert letter.status == LetterStatus.READY
    claims = letter.claims.count()
    assert claims > 0

    # The same message delivered again (the worker died before acknowledging it).
    assert letter_services.letter_process(letter_id=letter.pk, worker="celery@b") is None
    assert letter.claims.count() == claims


def test_a_restarted_worker_requeues_what_its_last_life_left(django_capture_on_commit_callbacks):
    mine = _half_done("celery@a")
    anothers = _half_done("celery@b")
    WorkerHeartbeat.objects.create(hostname="celery@b", last_seen=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        assert letter_services.letters_requeue_pending(worker="celery@a") == 1

    mine.refresh_from_db()
    anothers.refresh_from_db()
    assert mine.status == LetterStatus.READY
    assert anothers.status == LetterStatus.PROCESSING, "a live worker's letter is left alone"


def test_a_letter_of_a_silent_worker_is_requeued(django_capture_on_commit_callbacks):
    letter = _half_done("celery@gone", minutes_ago=5)
    WorkerHeartbeat.objects.create(
        hostname="celery@gone", last_seen=timezone.now() - timedelta(minutes=5)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert letter_services.letters_requeue_pending(worker="celery@other") == 1
    letter.refresh_from_db()
    assert letter.status == LetterStatus.READY


def test_after_three_interruptions_the_letter_fails_with_a_reason_and_can_be_retried(
    client, fact_checker, django_capture_on_commit_callbacks
):
    letter = _half_done("celery@a", attempts=letter_services.MAX_PROCESSING_ATTEMPTS)
    assert letter_services.letter_process(letter_id=letter.pk, worker="celery@a") is None
    letter.refresh_from_db()
    assert letter.status == LetterStatus.FAILED
    assert "interrupted 3 times" in letter.failure_reason

    client.force_login(fact_checker)
    page = client.get(f"/letters/{letter.pk}/").content.decode()
    assert "interrupted 3 times" in page and f"/letters/{letter.pk}/retry/" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/letters/{letter.pk}/retry/")
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.status == LetterStatus.READY
    assert letter.claims.exists()


def test_only_a_failed_letter_can_be_retried(client, fact_checker):
    letter = LetterFactory()
    client.force_login(fact_checker)
    response = client.post(f"/letters/{letter.pk}/retry/", follow=True)
    assert "Only a failed letter can be retried." in response.content.decode()
    letter.refresh_from_db()
    assert letter.status == LetterStatus.READY
