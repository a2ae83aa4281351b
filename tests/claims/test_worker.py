"""A real Celery worker picks up an uploaded letter and processes it in the background."""

import pytest

from claims.models import Letter, LetterStatus
from claims.services import letters as letter_services
from tests.conftest import REPO, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_real_worker_processes_an_upload(fact_checker, celery_worker_process):
    raw = (REPO / "sample_data" / "letters" / "S_2025_43.txt").read_bytes()
    outcome = letter_services.letters_upload(files=[("S_2025_43.txt", raw)], actor=fact_checker)
    letter_id = outcome.created[0].pk
    assert Letter.objects.get(pk=letter_id).status == LetterStatus.QUEUED  # returned at once

    def done():
        letter = Letter.objects.get(pk=letter_id)
        return letter if letter.status in (LetterStatus.READY, LetterStatus.FAILED) else None

    letter = wait_for(done, timeout=300)
    assert letter.status == LetterStatus.READY, letter.failure_reason
    assert letter.symbol == "S/2025/43"
    assert letter.claims.exists()
