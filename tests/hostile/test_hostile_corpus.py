"""Every case of the hostile corpus, through each way a letter comes in: the API, the upload
page and `manage.py ingest`. A refusal is a 400 (never a 500) with a message that names the
problem, and leaves no row and no file; an accepted case is stored and processed.

Cost is bounded by CPU time, which a busy machine does not inflate: the parsing child's CPU
(RUSAGE_CHILDREN) and this process's own."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from claims.models import Letter, LetterStatus
from claims.services import letters as letter_services
from tests.hostile.generate import CASES, Case

pytestmark = pytest.mark.django_db

CHILD_CPU_SECONDS = 20.0  # the worst case (many pages) needs about 10 s on a loaded machine
OWN_CPU_SECONDS = 10.0
CHANNELS = ("api", "ui", "command")


def _stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@pytest.fixture
def upload(client, api_client, fact_checker, tmp_path, django_capture_on_commit_callbacks):
    """upload(channel, case) -> (refused, message): the case sent in through `channel`."""
    api_client.force_authenticate(fact_checker)
    client.force_login(fact_checker)

    def send(channel: str, case: Case) -> tuple[bool, str]:
        data = case.build()
        # Queued work is captured, not run: the test processes the letter itself, without the
        # embedding and matching tasks that processing queues in turn.
        with django_capture_on_commit_callbacks(execute=False):
            if channel == "command":
                path = tmp_path / case.filename
                path.write_bytes(data)
                return _command(path)
            file = SimpleUploadedFile(case.filename, data)
            if channel == "api":
                response = api_client.post(
                    "/api/v1/letters/", {"files": [file]}, format="multipart"
                )
                body = response.json()
                message = body.get("detail") or body.get("message") or str(body)
            else:
                response = client.post("/letters/upload/", {"files": [file]})
                message = response.content.decode()
        assert response.status_code in (201, 302, 400), response.status_code
        return response.status_code == 400, message

    return send


def _command(path: Path) -> tuple[bool, str]:
    from io import StringIO

    out = StringIO()
    try:
        call_command("ingest", str(path), stdout=out)
    except CommandError as error:
        return True, out.getvalue() + str(error)
    return False, out.getvalue()


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_case_has_its_expected_outcome(
    upload, django_capture_on_commit_callbacks, channel: str, case: Case
) -> None:
    children_before, own_before = _children_cpu(), time.process_time()
    refused, message = upload(channel, case)
    assert _children_cpu() - children_before < CHILD_CPU_SECONDS
    assert time.process_time() - own_before < OWN_CPU_SECONDS
    if case.code is not None:
        assert refused, f"{case.name} was accepted through {channel}"
        assert case.message in message
        assert Letter.objects.count() == 0
        assert _stored_files() == []
        return
    assert not refused, message
    with django_capture_on_commit_callbacks(execute=False):
        letter_services.letter_process(letter_id=Letter.objects.get().pk)
    letter = Letter.objects.get()
    assert letter.status == LetterStatus.READY, letter.failure_reason
    assert "\x00" not in letter.raw_text and "\x00" not in letter.text
    assert letter.symbol == "S/2025/999"
    assert len(letter.sender) <= Letter._meta.get_field("sender").max_length
